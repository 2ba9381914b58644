import { useState, type FormEvent } from 'react';
import { INSPECTION_RESULTS, type Inspection, type InspectionResult } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FormKit, FormValues } from '../../components/form/kit';
import { errorsFor } from '../../forms/fieldErrors';
import { today } from '../../forms/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useInspectionTransition } from './api';
import { isOpen, nextInspectionStatus } from './rules';

const FIELDS = ['on', 'result', 'summary'];

/** The inspection's next step: start it, conclude it with a result, or close it. */
export function LifecyclePanel({ inspection }: { inspection: Inspection }) {
  const { t, tv } = useI18n();
  const next = nextInspectionStatus(inspection.status);
  const [values, setValues] = useState<FormValues>({
    on: today(),
    result: inspection.violations.length ? 'violations' : 'compliant',
    summary: inspection.summary ?? '',
  });
  const transition = useInspectionTransition(inspection);
  const mapped = errorsFor(transition.error, FIELDS);
  const kit: FormKit = { id: 'inspection-step', values, set: (n, v) => setValues((s) => ({ ...s, [n]: v })), errors: mapped.byField };
  if (!next) return <p>{t('inspection.finished')}</p>;

  const concluding = next === 'concluded';
  const openCount = inspection.violations.filter(isOpen).length;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    transition.mutate({
      status: next,
      on: values.on,
      ...(concluding ? { result: values.result as InspectionResult, summary: values.summary.trim() || null } : {}),
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {transition.isError && (
        <ErrorSummary
          formId="inspection-step"
          error={transition.error}
          mapped={mapped}
          labels={{ on: t('inspection.stepOn'), result: t('inspection.result'), summary: t('inspection.summary') }}
        />
      )}
      {next === 'closed' && openCount > 0 && (
        <p className="alert alert--warning">{t('inspection.openViolations', { count: openCount })}</p>
      )}
      <div className="form-grid">
        <TextField kit={kit} name="on" label={t('inspection.stepOn')} type="date" required />
        {concluding && (
          <SelectField
            kit={kit}
            name="result"
            label={t('inspection.result')}
            required
            options={INSPECTION_RESULTS.map((r) => ({ value: r, label: tv('inspectionResult', r) }))}
          />
        )}
        {concluding && <TextAreaField kit={kit} name="summary" label={t('inspection.summary')} className="form-grid__full" />}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={transition.isPending}>
          {transition.isPending ? t('form.saving') : t(`inspection.step.${next}`)}
        </button>
      </div>
    </form>
  );
}
