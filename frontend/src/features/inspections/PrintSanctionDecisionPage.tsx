import type { Agency, Inspection } from '../../api/types';
import { can } from '../../auth/roles';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/api';
import { useNames } from '../reference/api';
import { useSanctionPowers } from '../rules/api';
import { DocumentHead, PrintPage, SignatureBlock, vi } from './PrintLayout';
import { legalBasisVi, printDay, printMoney } from './procedure';

function DecisionDocument({ inspection, agency }: { inspection: Inspection; agency: Agency | undefined }) {
  const names = useNames();
  const decision = inspection.sanction_decision!;
  // The power's source is read from the rules by staff; the enterprise's copy names the title only.
  const { data: me } = useMe();
  const powers = useSanctionPowers(decision.decided_on, can(me?.role, 'rules.read'));
  const power = powers.data?.find((p) => p.code === decision.signer_power);
  const agencyName = agency?.name ?? names.agency(inspection.agency_id);
  const record = inspection.check_record;
  const suspension = inspection.violations.filter((v) => v.licence_suspension_months !== null);
  const additional = inspection.violations.filter((v) => v.additional_sanctions);
  const remedies = inspection.violations.flatMap((v) => v.remedies);
  const legacyRemedies = inspection.violations.filter((v) => v.remedies.length === 0 && v.remedy);
  const authority = decision.signer_authority_vi;
  return (
    <>
      <DocumentHead number={decision.number} day={decision.decided_on} title={vi('print.sd.title')} subtitle={vi('print.sd.subtitle')} />
      <p className="print-authority print-strong">{authority.toLocaleUpperCase('vi-VN')}</p>
      <div className="print-body">
        <p>{vi('print.sd.lawBasis')}</p>
        <p>{vi('print.sd.decreeBasis')}</p>
        {inspection.decision_no && (
          <p>
            {vi('print.sd.inspectionBasis', {
              number: inspection.decision_no,
              date: inspection.decision_date ? printDay(inspection.decision_date) : vi('print.dateBlank'),
            })}
          </p>
        )}
        {record && <p>{vi('print.sd.recordBasis', { date: printDay(record.held_at.slice(0, 10)), place: record.place })}</p>}
        <p>
          {power
            ? vi('print.sd.powerBasis', { authority, source: legalBasisVi(power.source) })
            : vi('print.sd.powerBasisShort', { authority })}
        </p>
        <p className="print-center print-strong">{vi('print.sd.decides')}</p>
        <p>
          <span className="print-strong">{vi('print.sd.article1')}</span>{' '}
          {vi('print.sd.against', { name: agencyName, licence: agency?.licence_no ?? '…' })}
        </p>
        {agency?.address && <p>{vi('print.cr.address', { address: agency.address })}</p>}
        <p>{vi('print.sd.committed')}</p>
        <ol className="print-list">
          {inspection.violations.map((v) => {
            const where = legalBasisVi(v.legal_basis ?? '');
            return (
              <li key={v.id}>
                {v.description} {vi('print.sd.providedIn', { where })}
                {v.affected_workers !== null && ` ${vi('print.sd.workers', { count: String(v.affected_workers) })}`}{' '}
                {vi('print.sd.fine', { amount: printMoney(v.fine_vnd) })}
              </li>
            );
          })}
        </ol>
        <p>{vi('print.sd.mainSanction', { amount: printMoney(decision.total_fine_vnd) })}</p>
        <p>
          {vi('print.sd.additional')}{' '}
          {suspension.length === 0 && additional.length === 0 && vi('print.sd.noneWord')}
        </p>
        {(suspension.length > 0 || additional.length > 0) && (
          <ul className="print-list">
            {suspension.map((v) => (
              <li key={`s${v.id}`}>{vi('print.sd.suspension', { months: String(v.licence_suspension_months) })}</li>
            ))}
            {additional.map((v) => (
              <li key={`a${v.id}`}>{v.additional_sanctions}</li>
            ))}
          </ul>
        )}
        <p>
          {vi('print.sd.remedies')} {remedies.length === 0 && legacyRemedies.length === 0 && vi('print.sd.noneWord')}
        </p>
        {(remedies.length > 0 || legacyRemedies.length > 0) && (
          <ul className="print-list">
            {remedies.map((r) => (
              <li key={`r${r.id}`}>
                {r.description}
                {r.amount_vnd !== null && `; ${vi('print.sd.amount', { amount: printMoney(r.amount_vnd) })}`}
                {r.due_on && `; ${vi('print.sd.due', { date: printDay(r.due_on) })}`}.
              </li>
            ))}
            {legacyRemedies.map((v) => (
              <li key={`l${v.id}`}>
                {v.remedy}
                {v.remedy_due && `; ${vi('print.sd.due', { date: printDay(v.remedy_due) })}`}.
              </li>
            ))}
          </ul>
        )}
        <p>
          <span className="print-strong">{vi('print.sd.article2')}</span>{' '}
          {vi('print.sd.payment', { name: agencyName, amount: printMoney(decision.total_fine_vnd), date: printDay(decision.payment_due_on) })}
        </p>
        <p>
          <span className="print-strong">{vi('print.sd.article3')}</span> {vi('print.sd.effect')}
        </p>
      </div>
      <div className="print-signatures">
        <div className="print-recipients">
          <p className="print-strong">{vi('print.sd.recipients')}</p>
          <p>{vi('print.sd.recipientAgency', { name: agencyName })}</p>
          <p>{vi('print.sd.recipientFile')}</p>
        </div>
        <SignatureBlock role={authority.toLocaleUpperCase('vi-VN')} name={decision.signer_name} />
      </div>
    </>
  );
}

/** The sanction decision (quyết định xử phạt vi phạm hành chính) laid out for printing. */
export default function PrintSanctionDecisionPage() {
  const { t } = useI18n();
  return (
    <PrintPage
      title={t('print.decisionTitle')}
      missing={(inspection) => (inspection.sanction_decision ? null : t('sanction.afterConclusion'))}
      render={(inspection, agency) => <DecisionDocument inspection={inspection} agency={agency} />}
    />
  );
}
