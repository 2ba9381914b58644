import type { Complaint } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { useForm } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useUpdateComplaint } from './api';
import { isSettled, statusChoices, triageBody, triageValues, type TriageValues } from './rules';

/** Handling a complaint: its status, the finding of the examination, the outcome. */
export function TriageForm({ complaint }: { complaint: Complaint }) {
  const { t, tv } = useI18n();
  const form = useForm({
    id: 'complaint-triage',
    fields: {
      status: t('complaint.status'),
      substantiated: t('complaint.substantiated'),
      outcome: t('complaint.outcome'),
      resolved_on: t('complaint.resolved_on'),
    },
    draftKey: null,
    initial: () => ({ ...triageValues(complaint) }),
    mutation: useUpdateComplaint(complaint),
    toBody: (values) => triageBody(complaint, values as unknown as TriageValues),
    afterSave: 'keep',
  });
  const { kit, labels } = form;
  const settled = isSettled(complaint.status);

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormMessages form={form} saved={() => t('form.saved')} />
      {settled && <p>{t('complaint.final')}</p>}
      <div className="form-grid">
        <SelectField
          kit={kit}
          name="status"
          label={labels.status}
          required
          options={statusChoices(complaint.status).map((s) => ({ value: s, label: tv('complaintStatus', s) }))}
        />
        <SelectField
          kit={kit}
          name="substantiated"
          label={labels.substantiated}
          options={[
            { value: '', label: t('complaint.substantiatedUnknown') },
            { value: 'true', label: t('complaint.substantiatedYes') },
            { value: 'false', label: t('complaint.substantiatedNo') },
          ]}
        />
        <TextField kit={kit} name="resolved_on" label={labels.resolved_on} hint={t('complaint.hint.resolved_on')} type="date" />
        <TextAreaField kit={kit} name="outcome" label={labels.outcome} className="form-grid__full" />
      </div>
      <div className="form-actions">
        <SubmitButton form={form}>{t('complaint.triageSave')}</SubmitButton>
      </div>
    </form>
  );
}
