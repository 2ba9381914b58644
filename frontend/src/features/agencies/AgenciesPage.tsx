import { useMemo, useState, type FormEvent } from 'react';
import { AGENCY_STATUSES, oneOf } from '../../api/types';
import { SelectField, TextField } from '../../components/form/Field';
import type { FormKit, FormValues } from '../../components/form/kit';
import { DataTable } from '../../components/DataTable';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, toSearch, useLocation } from '../../router/router';
import { AgencyStatusBadge } from './AgencyStatusBadge';
import { useAgencies, type AgencyFilters } from './api';

function parse(search: string): AgencyFilters {
  const params = new URLSearchParams(search);
  const status = oneOf(AGENCY_STATUSES, params.get('status'));
  const filters: AgencyFilters = {};
  if (status) filters.status = status;
  const q = params.get('q')?.trim();
  if (q) filters.q = q;
  return filters;
}

export default function AgenciesPage() {
  const { t, tv, formatDate } = useI18n();
  const { search } = useLocation();
  const filters = useMemo(() => parse(search), [search]);
  const query = useAgencies(filters);
  const [values, setValues] = useState<FormValues>({ q: filters.q ?? '', status: filters.status ?? '' });
  const kit: FormKit = { id: 'agency-filters', values, set: (n, v) => setValues((s) => ({ ...s, [n]: v })), errors: {} };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/agencies${toSearch(values)}`);
  };

  return (
    <Page title={t('agencies.title')} lead={t('agencies.intro')}>
      <form className="filters card" role="search" aria-label={t('filters.label')} onSubmit={apply}>
        <TextField kit={kit} name="q" label={t('agencies.search')} type="search" className="filters__wide" />
        <SelectField
          kit={kit}
          name="status"
          label={t('agencies.status')}
          placeholder={t('filters.any')}
          options={AGENCY_STATUSES.map((s) => ({ value: s, label: tv('agencyStatus', s) }))}
        />
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('filters.apply')}
          </button>
        </div>
      </form>
      <ListView query={query} empty={t('common.empty')}>
        {(agencies) => (
          <DataTable
            caption={t('agencies.caption')}
            rows={agencies}
            rowKey={(agency) => agency.id}
            columns={[
              { label: t('agencies.licenceNo'), cell: (agency) => agency.licence_no },
              { label: t('agencies.name'), rowHeader: true, cell: (agency) => <Link to={`/agencies/${agency.id}`}>{agency.name}</Link> },
              { label: t('agencies.taxCode'), cellClassName: 'code', cell: (agency) => agency.tax_code },
              {
                label: t('agencies.issuedOn'),
                cell: (agency) => (agency.licence_issued_on ? formatDate(agency.licence_issued_on) : t('common.none')),
              },
              { label: t('agencies.status'), cell: (agency) => <AgencyStatusBadge status={agency.status} /> },
            ]}
          />
        )}
      </ListView>
    </Page>
  );
}
