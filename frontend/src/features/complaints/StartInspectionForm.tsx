import type { InspectionFromComplaint } from '../../api/types';
import { TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate } from '../../router/router';
import { useStartInspection } from './api';

const FIELDS = ['decision_no', 'decision_date', 'planned_on', 'lead_inspector'] as const;

/** Plans the inspection of kind `complaint` the complaint leads to, then opens it. */
export function StartInspectionForm({ complaintId }: { complaintId: number }) {
  const { t } = useI18n();
  const form = useForm({
    id: 'complaint-inspection',
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`inspection.${f}`)])),
    draftKey: null,
    initial: () => ({}),
    mutation: useStartInspection(complaintId),
    toBody: (values): InspectionFromComplaint => {
      const body: Record<string, string> = {};
      for (const field of FIELDS) {
        const value = (values[field] ?? '').trim();
        if (value) body[field] = value;
      }
      return body;
    },
    variables: withIdempotencyKey,
    afterSave: 'keep',
    onSaved: (complaint) => navigate(`/inspections/${complaint.inspection_id}?saved=1`),
  });
  const { kit, labels } = form;

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <p>{t('complaint.startIntro')}</p>
      <FormMessages form={form} />
      <div className="form-grid">
        <TextField kit={kit} name="decision_no" label={labels.decision_no} />
        <TextField kit={kit} name="decision_date" label={labels.decision_date} type="date" />
        <TextField kit={kit} name="planned_on" label={labels.planned_on} type="date" />
        <TextField kit={kit} name="lead_inspector" label={labels.lead_inspector} />
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('complaint.start')}</SubmitButton>
      </div>
    </form>
  );
}
