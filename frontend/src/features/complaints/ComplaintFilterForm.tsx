import { useState, type FormEvent } from 'react';
import { COMPLAINT_CATEGORIES, COMPLAINT_SOURCES } from '../../api/types';
import { SelectField, TextField } from '../../components/form/Field';
import type { FormKit, FormValues } from '../../components/form/kit';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, toSearch } from '../../router/router';
import { complaintsPath } from './filters';
import { useNames } from '../reference/api';
import type { ComplaintFilters } from './api';

const toValues = (filters: ComplaintFilters): FormValues =>
  Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]));

/** The filters above the register; applying them changes the URL (the status stays as the tab chose it). */
export function ComplaintFilterForm({ filters }: { filters: ComplaintFilters }) {
  const { t, tv } = useI18n();
  const names = useNames();
  const [values, setValues] = useState<FormValues>(() => toValues(filters));
  const kit: FormKit = {
    id: 'complaint-filters',
    values,
    set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
    errors: {},
  };
  const any = t('filters.any');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/complaints${toSearch({ ...values, status: filters.status })}`);
  };
  const reset = () => {
    setValues({});
    navigate(complaintsPath({ status: filters.status }));
  };

  return (
    <form className="filters card" role="search" aria-label={t('filters.label')} onSubmit={apply}>
      <SelectField
        kit={kit}
        name="agency_id"
        label={t('complaint.agency_id')}
        placeholder={any}
        options={names.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        className="filters__wide"
      />
      <SelectField
        kit={kit}
        name="source"
        label={t('complaint.source')}
        placeholder={any}
        options={COMPLAINT_SOURCES.map((s) => ({ value: s, label: tv('complaintSource', s) }))}
      />
      <SelectField
        kit={kit}
        name="category"
        label={t('complaint.category')}
        placeholder={any}
        options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: tv('complaintCategory', c) }))}
      />
      <SelectField
        kit={kit}
        name="substantiated"
        label={t('complaint.substantiated')}
        placeholder={any}
        options={[
          { value: 'true', label: t('complaint.substantiatedYes') },
          { value: 'false', label: t('complaint.substantiatedNo') },
        ]}
      />
      <TextField kit={kit} name="received_from" label={t('complaints.receivedFrom')} type="date" />
      <TextField kit={kit} name="received_to" label={t('complaints.receivedTo')} type="date" />
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
        <button type="button" className="button button--secondary" onClick={reset}>
          {t('filters.reset')}
        </button>
      </div>
    </form>
  );
}
