import type { FormEvent } from 'react';
import { INSPECTION_RESULTS, type Inspection, type InspectionResult } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { today } from '../../forms/today';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useInspectionTransition, type InspectionTransitionInput } from './api';
import { closeBlockers } from './procedure';
import { nextInspectionStatus } from './rules';

/** The inspection's next step: start it, conclude it with a result, or close it. */
export function LifecyclePanel({ inspection }: { inspection: Inspection }) {
  const { t, tv, formatDate } = useI18n();
  const next = nextInspectionStatus(inspection.status);
  const concluding = next === 'concluded';
  const form = useForm({
    id: 'inspection-step',
    fields: { on: t('inspection.stepOn'), result: t('inspection.result'), summary: t('inspection.summary') },
    draftKey: null,
    initial: () => ({
      on: today(),
      result: inspection.violations.length ? 'violations' : 'compliant',
      summary: inspection.summary ?? '',
    }),
    mutation: useInspectionTransition(inspection),
    toBody: (values): InspectionTransitionInput => ({
      status: next ?? inspection.status,
      on: values.on,
      ...(concluding ? { result: values.result as InspectionResult, summary: values.summary.trim() || null } : {}),
    }),
    afterSave: 'keep',
  });
  const { kit, labels } = form;
  if (!next) return <p>{t('inspection.finished')}</p>;

  // Closing needs every remedy done or cancelled (docs/inspections.md, "The lifecycle"); the
  // button says what still blocks it, and closing is confirmed as it cannot be undone.
  const blockers = next === 'closed' ? closeBlockers(inspection) : [];
  const blocked = blockers.length > 0;
  const blockersId = 'inspection-close-blockers';
  const onSubmit = (event: FormEvent) => {
    if (next === 'closed' && !window.confirm(t('inspection.confirmClose'))) {
      event.preventDefault();
      return;
    }
    form.onSubmit(event);
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormMessages form={form} />
      {blocked && (
        <div className="alert alert--warning" id={blockersId}>
          <p>{t('inspection.closeBlocked', { count: blockers.length })}</p>
          <ul>
            {blockers.map((b) => (
              <li key={`${b.violationId}-${b.remedyId ?? 'v'}`}>
                {b.due ? t('inspection.blockerDue', { what: b.what, date: formatDate(b.due) }) : b.what}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-grid">
        <TextField kit={kit} name="on" label={labels.on} type="date" required />
        {concluding && (
          <SelectField
            kit={kit}
            name="result"
            label={labels.result}
            required
            options={INSPECTION_RESULTS.map((r) => ({ value: r, label: tv('inspectionResult', r) }))}
          />
        )}
        {concluding && <TextAreaField kit={kit} name="summary" label={labels.summary} className="form-grid__full" />}
      </div>
      <div className="form-actions">
        {blocked ? (
          <button type="submit" className="button" disabled aria-describedby={blockersId}>
            {t(`inspection.step.${next}`)}
          </button>
        ) : (
          <SubmitButton form={form}>{t(`inspection.step.${next}`)}</SubmitButton>
        )}
      </div>
    </form>
  );
}
