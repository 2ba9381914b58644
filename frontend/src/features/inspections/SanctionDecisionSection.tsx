import type { Inspection } from '../../api/types';
import { SelectField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { today } from '../../forms/today';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router/router';
import { useSanctionPowers, type SanctionPower } from '../rules/api';
import { formatVnd } from '../rules/labels';
import { usePutSanctionDecision, type SanctionDecisionIn } from './api';

const FIELDS = [
  'number',
  'decided_on',
  'signer_power',
  'signer_name',
  'payment_due_on',
  'paid_on',
  'paid_amount_vnd',
  'enforced_on',
] as const;

type Decision = NonNullable<Inspection['sanction_decision']>;
export type DecisionStatus = 'unpaid' | 'overdue' | 'paid' | 'enforced';

const BADGE: Record<DecisionStatus, string> = {
  unpaid: 'badge',
  overdue: 'badge badge--overdue',
  paid: 'badge badge--active',
  enforced: 'badge badge--active',
};

export function DecisionStatusBadge({ status }: { status: string }) {
  const { tv } = useI18n();
  return <span className={BADGE[status as DecisionStatus] ?? 'badge'}>{tv('decisionStatus', status)}</span>;
}

/** The authority in the current language, with its power for one individual (Art. 63(1) doubles it for an organisation). */
export function usePowerLabel() {
  const { t, lang } = useI18n();
  return (power: SanctionPower) =>
    t('sanction.powerOption', {
      authority: lang === 'en' ? power.authority_en || power.authority_vi : power.authority_vi,
      individual: formatVnd(power.max_fine_vnd),
      organisation: formatVnd(power.max_fine_vnd * 2),
    });
}

function DecisionFacts({ decision }: { decision: Decision }) {
  const { t, lang, formatDate } = useI18n();
  const rows: [string, string][] = [
    [t('sanction.number'), decision.number],
    [t('sanction.decided_on'), formatDate(decision.decided_on)],
    [t('sanction.signer_power'), lang === 'en' ? decision.signer_authority_en : decision.signer_authority_vi],
    [t('sanction.signer_name'), decision.signer_name],
    [t('sanction.total'), t('rules.vnd', { amount: formatVnd(decision.total_fine_vnd) })],
    [t('sanction.payment_due_on'), formatDate(decision.payment_due_on)],
    [t('sanction.paid'), decision.paid_on ? t('sanction.paidOn', { amount: formatVnd(decision.paid_amount_vnd ?? 0), date: formatDate(decision.paid_on) }) : t('common.none')],
    [t('sanction.enforced_on'), decision.enforced_on ? formatDate(decision.enforced_on) : t('common.none')],
  ];
  return (
    <dl className="facts">
      {rows.map(([l, value]) => (
        <div key={l} className="facts__item">
          <dt>{l}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Step 4, the sanction decision of an inspection concluded with violations: number, day, the
 * signer among the powers in force that day (Decree 283/2026 Art. 55-63), then the payment and
 * any enforcement (docs/inspections.md, "The sanction decision").
 */
export function SanctionDecisionSection({ inspection, editable }: { inspection: Inspection; editable: boolean }) {
  const { t } = useI18n();
  const decision = inspection.sanction_decision;
  const form = useForm({
    id: 'sanction',
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`sanction.${f}`)])),
    draftKey: null,
    initial: () => ({
      number: decision?.number ?? '',
      decided_on: decision?.decided_on ?? today(),
      signer_power: decision?.signer_power ?? '',
      signer_name: decision?.signer_name ?? '',
      payment_due_on: decision?.payment_due_on ?? '',
      paid_on: decision?.paid_on ?? '',
      paid_amount_vnd: decision?.paid_amount_vnd != null ? String(decision.paid_amount_vnd) : '',
      enforced_on: decision?.enforced_on ?? '',
    }),
    mutation: usePutSanctionDecision(inspection),
    toBody: (v, numbers): SanctionDecisionIn => ({
      number: v.number.trim(),
      decided_on: v.decided_on,
      signer_power: v.signer_power,
      signer_name: v.signer_name.trim(),
      payment_due_on: v.payment_due_on || null,
      paid_on: v.paid_on || null,
      paid_amount_vnd: v.paid_amount_vnd.trim() ? (numbers.integer('paid_amount_vnd', v.paid_amount_vnd) ?? null) : null,
      enforced_on: v.enforced_on || null,
    }),
    afterSave: 'keep',
  });
  const { kit, labels, values } = form;
  const powers = useSanctionPowers(values.decided_on);
  const powerLabel = usePowerLabel();
  const total = inspection.violations.reduce((sum, v) => sum + v.fine_vnd, 0);
  const printLink = decision && (
    <p>
      <Link to={`/inspections/${inspection.id}/print/sanction-decision`} className="button button--secondary">
        {t('print.decisionButton')}
      </Link>
    </p>
  );
  const status = decision && (
    <p className="status-line">
      {t('sanction.status')}: <DecisionStatusBadge status={decision.status} />
    </p>
  );

  const possible = inspection.status === 'concluded' && inspection.result === 'violations';
  if (!editable || !possible) {
    if (!decision) return <p>{inspection.result === 'compliant' ? t('sanction.notNeeded') : t('sanction.afterConclusion')}</p>;
    return (
      <>
        {status}
        <DecisionFacts decision={decision} />
        {printLink}
      </>
    );
  }
  return (
    <>
      {status}
      <form className="form" onSubmit={form.onSubmit} noValidate>
        <FormMessages form={form} saved={() => t('form.saved')} />
        <p>{t('sanction.totalOfViolations', { amount: formatVnd(total) })}</p>
        <div className="form-grid">
          <TextField kit={kit} name="number" label={labels.number} required />
          <TextField kit={kit} name="decided_on" label={labels.decided_on} type="date" required />
          <SelectField
            kit={kit}
            name="signer_power"
            label={labels.signer_power}
            required
            hint={t('sanction.signerHint')}
            placeholder={t('form.choose')}
            options={(powers.data ?? []).map((p) => ({ value: p.code, label: powerLabel(p) }))}
            className="form-grid__full"
          />
          <TextField kit={kit} name="signer_name" label={labels.signer_name} required />
          <TextField kit={kit} name="payment_due_on" label={labels.payment_due_on} type="date" hint={t('sanction.dueHint')} />
          {decision && (
            <>
              <TextField kit={kit} name="paid_on" label={labels.paid_on} type="date" />
              <TextField kit={kit} name="paid_amount_vnd" label={labels.paid_amount_vnd} inputMode="numeric" />
              <TextField kit={kit} name="enforced_on" label={labels.enforced_on} type="date" />
            </>
          )}
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>{decision ? t('sanction.update') : t('sanction.save')}</SubmitButton>
        </div>
      </form>
      {printLink}
    </>
  );
}
