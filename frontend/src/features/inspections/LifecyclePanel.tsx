import { INSPECTION_RESULTS, type Inspection, type InspectionResult } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { today } from '../../forms/today';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useInspectionTransition, type InspectionTransitionInput } from './api';
import { isOpen, nextInspectionStatus } from './rules';

/** The inspection's next step: start it, conclude it with a result, or close it. */
export function LifecyclePanel({ inspection }: { inspection: Inspection }) {
  const { t, tv } = useI18n();
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

  const openCount = inspection.violations.filter(isOpen).length;
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} />
      {next === 'closed' && openCount > 0 && (
        <p className="alert alert--warning">{t('inspection.openViolations', { count: openCount })}</p>
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
        <SubmitButton form={form}>{t(`inspection.step.${next}`)}</SubmitButton>
      </div>
    </form>
  );
}
