import type { Inspection, InspectionResult } from '../../api/types';
import { ConfirmDialog, useConfirmedSubmit } from '../../components/ConfirmDialog';
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
  // The results the server accepts (docs/inspections.md, "The lifecycle"): "violations" needs
  // one recorded, "compliant" none. Nothing is chosen for the inspector.
  const count = inspection.violations.length;
  const results: InspectionResult[] = count ? ['violations'] : ['compliant'];
  const form = useForm({
    id: 'inspection-step',
    fields: { on: t('inspection.stepOn'), result: t('inspection.result'), summary: t('inspection.summary') },
    draftKey: null,
    initial: () => ({
      on: today(),
      result: '',
      summary: inspection.summary ?? '',
    }),
    mutation: useInspectionTransition(inspection),
    toBody: (values, numbers): InspectionTransitionInput => {
      if (concluding && !values.result) numbers.errors.push({ field: 'result', code: 'missing', message: 'Field required' });
      return {
        status: next ?? inspection.status,
        on: values.on,
        ...(concluding ? { result: values.result as InspectionResult, summary: values.summary.trim() || null } : {}),
      };
    },
    afterSave: 'keep',
  });
  const { kit, labels } = form;
  // Concluding and closing cannot be undone: both are confirmed (a missing result is said first).
  const confirm = useConfirmedSubmit(() => next === 'closed' || (concluding && form.values.result !== ''), form.onSubmit);
  if (!next) return <p>{t('inspection.finished')}</p>;

  // Closing needs every remedy done or cancelled (docs/inspections.md, "The lifecycle"); the
  // button says what still blocks it.
  const blockers = next === 'closed' ? closeBlockers(inspection) : [];
  const blocked = blockers.length > 0;
  const blockersId = 'inspection-close-blockers';
  const step = t(`inspection.step.${next}`);
  return (
    <form className="form" onSubmit={confirm.onSubmit} ref={confirm.formRef} noValidate>
      {(next === 'concluded' || next === 'closed') && (
        <ConfirmDialog {...confirm.dialog} title={t(`inspection.confirm.${next}.title`)} confirmLabel={step}>
          <p>
            {next === 'concluded'
              ? t('inspection.confirm.concluded.what', { result: form.values.result ? tv('inspectionResult', form.values.result) : '' })
              : t('inspection.confirm.closed.what')}
          </p>
          <p>
            <strong>{t(`inspection.confirm.${next}.final`)}</strong>
          </p>
        </ConfirmDialog>
      )}
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
            placeholder={t('form.choose')}
            hint={count ? t('inspection.resultHintViolations', { count }) : t('inspection.resultHintNone')}
            options={results.map((r) => ({ value: r, label: tv('inspectionResult', r) }))}
          />
        )}
        {concluding && <TextAreaField kit={kit} name="summary" label={labels.summary} className="form-grid__full" />}
      </div>
      <div className="form-actions">
        {blocked ? (
          <button type="submit" className="button" disabled aria-describedby={blockersId}>
            {step}
          </button>
        ) : (
          <SubmitButton form={form}>{step}</SubmitButton>
        )}
      </div>
    </form>
  );
}
