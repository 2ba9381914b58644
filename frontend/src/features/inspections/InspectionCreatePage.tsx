import type { FormEvent } from 'react';
import { INSPECTION_KINDS } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FormKit, FormValues } from '../../components/form/kit';
import { Page } from '../../components/Page';
import { errorsFor } from '../../forms/fieldErrors';
import { useDraft } from '../../forms/useDraft';
import { useIdempotencyKey } from '../../forms/useIdempotencyKey';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, useLocation } from '../../router/router';
import { useNames } from '../reference/api';
import { useCreateInspection, type NewInspection } from './api';

const FORM_ID = 'inspection';
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
  const draft = useDraft<FormValues>(`inspection.new.${preset || 'any'}`, () => ({ kind: 'scheduled', agency_id: preset }));
  const create = useCreateInspection();
  const keyFor = useIdempotencyKey();
  const mapped = errorsFor(create.error, FIELDS);
  const labels = Object.fromEntries(FIELDS.map((f) => [f, t(`inspection.${f}`)]));
  const kit: FormKit = { id: FORM_ID, values: draft.values, set: (n, v) => draft.set({ [n]: v }), errors: mapped.byField };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const value = (draft.values[field] ?? '').trim();
      if (value) body[field] = field === 'agency_id' ? Number(value) : value;
    }
    const payload = body as unknown as NewInspection;
    create.mutate(
      { body: payload, idempotencyKey: keyFor(payload) },
      {
        onSuccess: (inspection) => {
          draft.clear();
          navigate(`/inspections/${inspection.id}?saved=1`);
        },
      },
    );
  };

  return (
    <Page title={t('inspections.new')} lead={t('inspections.newIntro')}>
      <form className="form form--wide" onSubmit={submit} noValidate>
        {draft.restored && (
          <div className="alert alert--info" role="status">
            <p>{t('form.draftRestored')}</p>
            <button type="button" className="button button--secondary" onClick={draft.discard}>
              {t('form.discardDraft')}
            </button>
          </div>
        )}
        {create.isError && <ErrorSummary formId={FORM_ID} error={create.error} mapped={mapped} labels={labels} />}
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
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('form.save')}
          </button>
          <Link to="/inspections" className="button button--secondary">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
