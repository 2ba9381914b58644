import { useMemo, useState, type FormEvent } from 'react';
import { firstTotal, flattenPages } from '../../api/pagination';
import { AGENCY_STATUSES, oneOf } from '../../api/types';
import { SelectField, TextField } from '../../components/form/Field';
import type { FormKit, FormValues } from '../../components/form/kit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, toSearch, useLocation } from '../../router/router';
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
  const agencies = flattenPages(query.data);
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
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data &&
        (agencies.length === 0 ? (
          <p className="empty">{t('common.empty')}</p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t('agencies.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agencies.licenceNo')}</th>
                    <th scope="col">{t('agencies.name')}</th>
                    <th scope="col">{t('agencies.taxCode')}</th>
                    <th scope="col">{t('agencies.issuedOn')}</th>
                    <th scope="col">{t('agencies.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {agencies.map((agency) => (
                    <tr key={agency.id}>
                      <td data-label={t('agencies.licenceNo')}>{agency.licence_no}</td>
                      <th scope="row" data-label={t('agencies.name')}>
                        <Link to={`/agencies/${agency.id}`}>{agency.name}</Link>
                      </th>
                      <td data-label={t('agencies.taxCode')} className="code">
                        {agency.tax_code}
                      </td>
                      <td data-label={t('agencies.issuedOn')}>
                        {agency.licence_issued_on ? formatDate(agency.licence_issued_on) : t('common.none')}
                      </td>
                      <td data-label={t('agencies.status')}>
                        <span className={`badge badge--${agency.status}`}>{tv('agencyStatus', agency.status)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore
              shown={agencies.length}
              total={firstTotal(query.data)}
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onLoadMore={() => void query.fetchNextPage()}
            />
          </>
        ))}
    </Page>
  );
}
