import { useState, type FormEvent } from 'react';
import { CHANNELS, FLAGS, PLACEMENT_STATUSES } from '../../api/types';
import { SelectField, TextField } from '../../components/form/Field';
import type { FormKit, FormValues } from '../../components/form/kit';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, toSearch } from '../../router/router';
import { AreaPicker } from '../areas/AreaPicker';
import { useNames } from '../reference/api';
import type { PlacementFilters } from './api';

interface Props {
  filters: PlacementFilters;
  /** Enterprise users see only their own records, so the enterprise filter is not offered. */
  showAgency: boolean;
  /** The user sees full IDs and may search by their first or last digits. */
  partialId: boolean;
  /** The list's order, kept when the filters change. */
  sort: string;
}

const toValues = (filters: PlacementFilters): FormValues =>
  Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]));

/** The filters above the list; applying them changes the URL, so a filtered list can be shared. */
export function PlacementFilterForm({ filters, showAgency, partialId, sort }: Props) {
  const { t, tv } = useI18n();
  const names = useNames();
  const [values, setValues] = useState<FormValues>(() => toValues(filters));
  const kit: FormKit = {
    id: 'placement-filters',
    values,
    set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
    errors: {},
  };
  const any = t('filters.any');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/placements${toSearch({ ...values, sort: sort === 'id' ? undefined : sort })}`);
  };
  const reset = () => {
    setValues({});
    navigate('/placements');
  };

  return (
    <form className="filters card" role="search" aria-label={t('filters.label')} onSubmit={apply}>
      <TextField kit={kit} name="q" label={t('placements.search')} hint={t(partialId ? 'placements.searchHintPartial' : 'placements.searchHintFull')} type="search" className="filters__wide" />
      <SelectField
        kit={kit}
        name="status"
        label={t('placement.status')}
        placeholder={any}
        options={PLACEMENT_STATUSES.map((s) => ({ value: s, label: tv('status', s) }))}
      />
      <SelectField
        kit={kit}
        name="market_code"
        label={t('placement.market_code')}
        placeholder={any}
        options={names.markets.map((m) => ({ value: m.code, label: names.market(m.code) }))}
      />
      {/* Units of every period: old records keep their old units (docs/places.md). */}
      <AreaPicker kit={kit} name="home_area_code" label={t('placements.area')} />
      {showAgency && (
        <SelectField
          kit={kit}
          name="agency_id"
          label={t('placement.agency_id')}
          placeholder={any}
          options={names.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        />
      )}
      <SelectField
        kit={kit}
        name="channel"
        label={t('placement.channel')}
        placeholder={any}
        options={CHANNELS.map((c) => ({ value: c, label: tv('channel', c) }))}
      />
      <SelectField
        kit={kit}
        name="flag"
        label={t('placements.flag')}
        placeholder={any}
        options={FLAGS.map((f) => ({ value: f, label: tv('flag', f) }))}
      />
      <TextField kit={kit} name="departed_from" label={t('placements.departedFrom')} type="date" />
      <TextField kit={kit} name="departed_to" label={t('placements.departedTo')} type="date" />
      <TextField kit={kit} name="registered_from" label={t('placements.registeredFrom')} type="date" />
      <TextField kit={kit} name="registered_to" label={t('placements.registeredTo')} type="date" />
      <label className="checkbox filters__check">
        <input
          type="checkbox"
          name="unallocated"
          checked={values.unallocated === 'true'}
          onChange={(e) => kit.set('unallocated', e.target.checked ? 'true' : '')}
        />
        {t('placements.unallocated')}
      </label>
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
