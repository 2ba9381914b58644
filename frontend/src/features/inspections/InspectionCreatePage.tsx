import { INSPECTION_KINDS } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormMessages, SubmitButton } from '../../components/form/FormParts';
import { Page } from '../../components/Page';
import { useForm, withIdempotencyKey } from '../../forms/useForm';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, useLocation } from '../../router/router';
import { useNames } from '../reference/api';
import { useCreateInspection, type NewInspection } from './api';

const FIELDS = [
  'agency_id',
  'kind',
  'decision_no',
  'decision_date',
  'planned_on',
  'scope_from',
  'scope_to',
  'lead_inspector',
  'summary',
] as const;

export default function InspectionCreatePage() {
  const { t, tv } = useI18n();
  const names = useNames();
  // Opened from the priority ranking, the enterprise is already chosen.
  const preset = new URLSearchParams(useLocation().search).get('agency_id') ?? '';
  const form = useForm({
    id: 'inspection',
    fields: Object.fromEntries(FIELDS.map((f) => [f, t(`inspection.${f}`)])),
    draftKey: `inspection.new.${preset || 'any'}`,
    initial: () => ({ kind: 'scheduled', agency_id: preset }),
    mutation: useCreateInspection(),
    toBody: (values) => {
      const body: Record<string, unknown> = {};
      for (const field of FIELDS) {
        const value = (values[field] ?? '').trim();
        if (value) body[field] = field === 'agency_id' ? Number(value) : value;
      }
      return body as unknown as NewInspection;
    },
    variables: withIdempotencyKey,
    afterSave: 'keep',
    onSaved: (inspection) => navigate(`/inspections/${inspection.id}?saved=1`),
  });
  const { kit, labels } = form;

  return (
    <Page title={t('inspections.new')} lead={t('inspections.newIntro')}>
      <form className="form form--wide" onSubmit={form.onSubmit} noValidate>
        <FormMessages form={form} restoredNotice />
        <div className="form-grid">
          <SelectField
            kit={kit}
            name="agency_id"
            label={labels.agency_id}
            required
            placeholder={t('form.choose')}
            options={names.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
            className="form-grid__full"
          />
          <SelectField
            kit={kit}
            name="kind"
            label={labels.kind}
            required
            options={INSPECTION_KINDS.map((k) => ({ value: k, label: tv('inspectionKind', k) }))}
          />
          <TextField kit={kit} name="decision_no" label={labels.decision_no} />
          <TextField kit={kit} name="decision_date" label={labels.decision_date} type="date" />
          <TextField kit={kit} name="planned_on" label={labels.planned_on} type="date" />
          <TextField kit={kit} name="scope_from" label={labels.scope_from} type="date" />
          <TextField kit={kit} name="scope_to" label={labels.scope_to} type="date" />
          <TextField kit={kit} name="lead_inspector" label={labels.lead_inspector} />
          <TextAreaField kit={kit} name="summary" label={labels.summary} className="form-grid__full" />
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>{t('form.save')}</SubmitButton>
          <Link to="/inspections" className="button button--secondary">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
