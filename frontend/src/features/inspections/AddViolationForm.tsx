import { useId, useState } from 'react';
import { VIOLATION_CATEGORIES, type ViolationCategory } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import type { FormValues } from '../../components/form/kit';
import { today } from '../../forms/today';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { fold } from '../areas/fold';
import { useViolationTypes, type ViolationType } from '../rules/api';
import { formatVnd } from '../rules/labels';
import { useCitation } from '../rules/ViolationTypesSection';
import { useAddViolation, type NewRemedy, type NewViolation } from './api';
import { DECREE_283_IN_FORCE, fineHint, legalBasisVi, parseIds, type Offender } from './procedure';
import { readRemedies, RemedyRows } from './RemedyRows';

const FIELDS = [
  'mode',
  'act_ended_on',
  'violation_type',
  'category',
  'description',
  'legal_basis',
  'offender',
  'affected_workers',
  'fine_vnd',
  'licence_suspension_months',
  'additional_sanctions',
  'remedies',
] as const;

const blank = (): FormValues => ({
  mode: 'catalogue',
  act_ended_on: today(),
  violation_type: '',
  category: 'other',
  description: '',
  legal_basis: '',
  offender: 'organisation',
  affected_workers: '',
  fine_vnd: '',
  licence_suspension_months: '',
  additional_sanctions: '',
  remedies: '[]',
});

/** The hint under the fine: the range for the offender, per worker up to the cap (a hint only). */
function useFineHintText() {
  const { t } = useI18n();
  return (act: ViolationType, offender: Offender, workers: string) => {
    const count = /^\d+$/.test(workers.trim()) ? Number(workers) : null;
    const hint = fineHint(act, offender, count);
    if (hint.kind === 'needsWorkers') return t('violation.hintNeedsWorkers', { cap: formatVnd(hint.cap) });
    const range = t('violation.hintRange', { low: formatVnd(hint.low), high: formatVnd(hint.high) });
    return hint.perWorker && hint.cap !== null ? `${range} ${t('violation.hintPerWorker', { count: count ?? 0, cap: formatVnd(hint.cap) })}` : range;
  };
}

/**
 * Records a violation: an act of Decree 283/2026's catalogue valid on the day the act ended, or
 * in words with its legal basis (acts before 2026-09-10, or what the catalogue lacks); the
 * fine, additional sanctions and the remedy items (docs/inspections.md, "Violations").
 */
export function AddViolationForm({ inspectionId }: { inspectionId: number }) {
  const { t, tv, lang } = useI18n();
  const citation = useCitation();
  const fineHintText = useFineHintText();
  const [search, setSearch] = useState('');
  const searchId = useId();
  const form = useForm({
    id: `violation-${inspectionId}`,
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`violation.${f}`)])),
    draftKey: `violation.new.${inspectionId}`,
    initial: blank,
    mutation: useAddViolation(inspectionId),
    toBody: (v, numbers): NewViolation => {
      const catalogue = v.mode === 'catalogue';
      const remedies: NewRemedy[] = readRemedies(v.remedies).map((row) => {
        const ids = parseIds(row.placements);
        if (ids === null) numbers.integer('remedies', row.placements.split(/[\s,;]+/).find((p) => !/^\d+$/.test(p)) ?? '');
        return {
          kind: row.kind,
          description: row.description.trim(),
          amount_vnd: row.amount.trim() ? (numbers.integer('remedies', row.amount) ?? null) : null,
          placement_ids: row.kind === 'refund_workers' ? (ids ?? []) : [],
          due_on: row.due || null,
        };
      });
      return {
        category: catalogue ? 'other' : (v.category as ViolationCategory),
        violation_type: catalogue ? v.violation_type || null : null,
        description: catalogue ? null : v.description.trim(),
        legal_basis: catalogue ? null : v.legal_basis.trim() || null,
        act_ended_on: v.act_ended_on || null,
        offender: v.offender as Offender,
        affected_workers: v.affected_workers.trim() ? (numbers.integer('affected_workers', v.affected_workers) ?? null) : null,
        fine_vnd: v.fine_vnd.trim() ? (numbers.integer('fine_vnd', v.fine_vnd) as number) : 0,
        licence_suspension_months: v.licence_suspension_months.trim()
          ? (numbers.integer('licence_suspension_months', v.licence_suspension_months) ?? null)
          : null,
        additional_sanctions: v.additional_sanctions.trim(),
        remedies,
        waived: false,
      };
    },
    variables: withIdempotencyKey,
    afterSave: 'reset',
  });
  const { kit, labels, values } = form;
  const catalogue = values.mode === 'catalogue';
  const ended = values.act_ended_on;
  const underOldDecree = Boolean(ended) && ended < DECREE_283_IN_FORCE;
  const acts = useViolationTypes(catalogue && ended && !underOldDecree ? ended : '', '');
  const title = (act: ViolationType) => (lang === 'en' ? act.title_en || act.title_vi : act.title_vi);
  const needle = fold(search);
  const shown = (catalogue && !underOldDecree && ended ? (acts.data ?? []) : []).filter(
    (act) => !needle || fold(`${act.code} ${citation(act)} ${act.title_vi} ${act.title_en}`).includes(needle) || act.code === values.violation_type,
  );
  const chosen = acts.data?.find((act) => act.code === values.violation_type);

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} saved={() => t('form.saved')} />
      <div className="form-grid">
        <SelectField
          kit={kit}
          name="mode"
          label={labels.mode}
          required
          options={[
            { value: 'catalogue', label: t('violation.modeCatalogue') },
            { value: 'free', label: t('violation.modeFree') },
          ]}
        />
        <TextField kit={kit} name="act_ended_on" label={labels.act_ended_on} type="date" required hint={t('violation.actEndedHint')} />
        {catalogue && underOldDecree && <p className="alert alert--info form-grid__full">{t('violation.oldDecree')}</p>}
        {catalogue && !underOldDecree && (
          <>
            <div className="field form-grid__full">
              <label htmlFor={searchId}>{t('violation.search')}</label>
              <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </div>
            <SelectField
              kit={kit}
              name="violation_type"
              label={labels.violation_type}
              required
              placeholder={acts.isPending && ended ? t('common.loading') : t('violation.actsFound', { count: shown.length })}
              options={shown.map((act) => ({ value: act.code, label: `${citation(act)}: ${title(act)}` }))}
              className="form-grid__full"
            />
            {chosen && (
              <p className="field__hint form-grid__full">
                {t('violation.chosenAct', { citation: citation(chosen), source: lang === 'vi' ? legalBasisVi(chosen.source) : chosen.source })}
                {!chosen.confirmed && ` ${t('violation.actUnconfirmed')}`}
              </p>
            )}
          </>
        )}
        {!catalogue && (
          <>
            <SelectField
              kit={kit}
              name="category"
              label={labels.category}
              required
              options={VIOLATION_CATEGORIES.map((c) => ({ value: c, label: tv('violationCategory', c) }))}
            />
            <TextField kit={kit} name="legal_basis" label={labels.legal_basis} hint={t('violation.legalBasisHint')} required />
            <TextAreaField kit={kit} name="description" label={labels.description} required className="form-grid__full" />
          </>
        )}
        <SelectField
          kit={kit}
          name="offender"
          label={labels.offender}
          required
          options={(['organisation', 'individual'] as const).map((o) => ({ value: o, label: tv('offender', o) }))}
        />
        {(!catalogue || chosen?.per_worker_max_vnd != null) && (
          <TextField kit={kit} name="affected_workers" label={labels.affected_workers} inputMode="numeric" required={catalogue} />
        )}
        <TextField
          kit={kit}
          name="fine_vnd"
          label={labels.fine_vnd}
          inputMode="numeric"
          required
          hint={
            chosen
              ? fineHintText(chosen, values.offender as Offender, values.affected_workers)
              : catalogue
                ? t('violation.chooseActFirst')
                : undefined
          }
        />
        <TextField kit={kit} name="licence_suspension_months" label={labels.licence_suspension_months} inputMode="numeric" />
        <TextField kit={kit} name="additional_sanctions" label={labels.additional_sanctions} className="form-grid__full" />
        <RemedyRows
          id={`${form.id}-remedies`}
          rows={readRemedies(values.remedies)}
          onChange={(rows) => form.set({ remedies: JSON.stringify(rows) })}
          errors={kit.errors.remedies}
        />
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('violation.add')}</SubmitButton>
      </div>
    </form>
  );
}
