import type { Agency, Inspection } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';
import { DocumentHead, PrintPage, SignatureBlock, vi } from './PrintLayout';
import { printDay, printTime } from './procedure';

function CheckRecordDocument({ inspection, agency }: { inspection: Inspection; agency: Agency | undefined }) {
  const names = useNames();
  const record = inspection.check_record!;
  const held = record.held_at;
  const agencyName = agency?.name ?? names.agency(inspection.agency_id);
  const period =
    record.period_from && record.period_to
      ? vi('print.cr.period', { from: printDay(record.period_from), to: printDay(record.period_to) })
      : null;
  return (
    <>
      <DocumentHead
        number={null}
        day={held}
        title={vi('print.cr.title')}
        subtitle={vi('print.cr.subtitle')}
      />
      <div className="print-body">
        <p>
          {inspection.decision_no
            ? vi('print.cr.basis', {
                number: inspection.decision_no,
                date: inspection.decision_date ? printDay(inspection.decision_date) : vi('print.dateBlank'),
                signer: inspection.decision_signer ?? vi('print.issuerTitle'),
              })
            : vi('print.cr.basisNone')}
        </p>
        <p>{vi('print.cr.opening', { time: printTime(held), place: record.place })}</p>
        <p className="print-strong">{vi('print.cr.team')}</p>
        <ol>
          {(inspection.team_members.length ? inspection.team_members : [inspection.lead_inspector ?? '…']).map((member, i) => (
            <li key={i}>{member}</li>
          ))}
        </ol>
        <p className="print-strong">{vi('print.cr.enterprise')}</p>
        <p>{vi('print.cr.enterpriseName', { name: agencyName, licence: agency?.licence_no ?? '…' })}</p>
        {agency?.address && <p>{vi('print.cr.address', { address: agency.address })}</p>}
        <p>
          {vi('print.cr.representative', {
            name: record.representative_name,
            position: record.representative_position || '…',
          })}
        </p>
        <p className="print-strong">{vi('print.cr.contents')}</p>
        {period && <p>{period}</p>}
        {record.scope && <p>{vi('print.cr.scope', { scope: record.scope })}</p>}
        {record.documents_sampled && <p>{vi('print.cr.documents', { documents: record.documents_sampled })}</p>}
        <p>{vi('print.cr.workerFiles', { count: String(record.worker_files_sampled) })}</p>
        <p className="print-strong">{vi('print.cr.findings')}</p>
        <p className="prewrap">{record.findings}</p>
        <p className="print-strong">{vi('print.cr.explanation')}</p>
        <p className="prewrap">{record.explanation || vi('print.cr.noExplanation')}</p>
        <p>{record.signed ? vi('print.cr.signed') : vi('print.cr.refused', { reason: record.refusal_reason ?? '' })}</p>
      </div>
      <div className="print-signatures">
        <SignatureBlock role={vi('print.cr.signEnterprise')} name={record.representative_name} />
        <SignatureBlock role={vi('print.cr.signLead')} name={inspection.lead_inspector ?? inspection.team_members[0] ?? null} />
      </div>
    </>
  );
}

/** The check record (biên bản kiểm tra) laid out for printing. */
export default function PrintCheckRecordPage() {
  const { t } = useI18n();
  return (
    <PrintPage
      title={t('print.checkRecordTitle')}
      missing={(inspection) => (inspection.check_record ? null : t('checkRecord.none'))}
      render={(inspection, agency) => <CheckRecordDocument inspection={inspection} agency={agency} />}
    />
  );
}
