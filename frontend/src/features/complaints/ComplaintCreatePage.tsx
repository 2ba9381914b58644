import { COMPLAINT_CATEGORIES, COMPLAINT_SOURCES } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { Page } from '../../components/Page';
import { today } from '../../forms/today';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate } from '../../router/router';
import { AreaPicker } from '../areas/AreaPicker';
import { useNames } from '../reference/api';
import { useCreateComplaint } from './api';
import { blankComplaint, COMPLAINT_FIELDS, complaintBody, PERSONAL_FIELDS } from './formModel';

/** Records a complaint as received: what it is about, about whom, and who sent it. */
export default function ComplaintCreatePage() {
  const { t, tv } = useI18n();
  const names = useNames();
  const form = useForm({
    id: 'complaint',
    fields: Object.fromEntries(COMPLAINT_FIELDS.map((f) => [f, t(`complaint.${f}`)])),
    draftKey: 'complaint.new',
    initial: () => blankComplaint(today()),
    secret: PERSONAL_FIELDS,
    mutation: useCreateComplaint(),
    toBody: complaintBody,
    variables: withIdempotencyKey,
    afterSave: 'keep',
    onSaved: (complaint) => navigate(`/complaints/${complaint.id}?saved=1`),
  });
  const { kit, labels } = form;

  return (
    <Page title={t('complaints.new')} lead={t('complaints.newIntro')}>
      <form className="form form--wide" onSubmit={form.onSubmit} noValidate>
        <FormMessages form={form} restoredNotice />
        <div className="form-grid">
          <TextField kit={kit} name="received_on" label={labels.received_on} type="date" required />
          <SelectField
            kit={kit}
            name="source"
            label={labels.source}
            required
            options={COMPLAINT_SOURCES.map((s) => ({ value: s, label: tv('complaintSource', s) }))}
          />
          <SelectField
            kit={kit}
            name="agency_id"
            label={labels.agency_id}
            hint={t('complaint.hint.agency_id')}
            placeholder={t('complaints.noAgency')}
            options={names.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
            className="form-grid__full"
          />
          <SelectField
            kit={kit}
            name="category"
            label={labels.category}
            required
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: tv('complaintCategory', c) }))}
          />
          <TextField kit={kit} name="placement_id" label={labels.placement_id} hint={t('complaint.hint.placement_id')} inputMode="numeric" />
          <AreaPicker kit={kit} name="area_code" label={labels.area_code} level="commune" />
          <TextAreaField kit={kit} name="summary" label={labels.summary} required rows={5} className="form-grid__full" />
        </div>
        <fieldset className="form-section">
          <legend>{t('complaint.complainant')}</legend>
          <p className="field__hint">{t('complaint.personalNote')}</p>
          <div className="form-grid">
            <TextField kit={kit} name="complainant_name" label={labels.complainant_name} autoComplete="off" />
            <TextField kit={kit} name="complainant_phone" label={labels.complainant_phone} type="tel" autoComplete="off" />
            <TextField kit={kit} name="complainant_address" label={labels.complainant_address} autoComplete="off" className="form-grid__full" />
          </div>
        </fieldset>
        <div className="form-actions">
          <SubmitButton form={form}>{t('form.save')}</SubmitButton>
          <Link to="/complaints" className="button button--secondary">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
