import { useId, useMemo } from 'react';
import { INSPECTION_STATUSES, oneOf } from '../../api/types';
import { can } from '../../auth/roles';
import { ListView } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, toSearch, useLocation } from '../../router/router';
import { useMe } from '../auth/api';
import { useInspections, type InspectionFilters } from './api';
import { InspectionTable } from './InspectionTable';

function parse(search: string): InspectionFilters {
  const params = new URLSearchParams(search);
  const status = oneOf(INSPECTION_STATUSES, params.get('status'));
  const filters: InspectionFilters = {};
  if (status) filters.status = status;
  if (params.get('overdue') === 'true') filters.overdue = true;
  return filters;
}

export default function InspectionsPage() {
  const { t, tv } = useI18n();
  const { data: me } = useMe();
  const { search } = useLocation();
  const filters = useMemo(() => parse(search), [search]);
  const query = useInspections(filters);
  const overdueId = useId();
  const go = (next: InspectionFilters) => navigate(`/inspections${toSearch({ ...next })}`);

  return (
    <Page
      title={t('inspections.title')}
      lead={me?.role === 'agency' ? t('inspections.introAgency') : t('inspections.intro')}
      actions={
        <>
          {can(me?.role, 'inspections.priorities') && (
            <Link to="/inspections/priorities" className="button button--secondary">
              {t('priorities.title')}
            </Link>
          )}
          {can(me?.role, 'inspections.write') && (
            <Link to="/inspections/new" className="button">
              {t('inspections.new')}
            </Link>
          )}
        </>
      }
    >
      <div className="filters-bar">
        <nav aria-label={t('inspections.byStatus')} className="tabs">
          {[undefined, ...INSPECTION_STATUSES].map((status) => (
            <Link
              key={status ?? 'all'}
              to={`/inspections${toSearch({ status, overdue: filters.overdue })}`}
              aria-current={filters.status === status ? 'page' : undefined}
              className="tabs__tab"
            >
              {status ? tv('inspectionStatus', status) : t('filters.all')}
            </Link>
          ))}
        </nav>
        <div className="checkbox">
          <input
            id={overdueId}
            type="checkbox"
            checked={filters.overdue === true}
            onChange={(e) => go({ ...filters, overdue: e.target.checked || undefined })}
          />
          <label htmlFor={overdueId}>{t('inspections.overdueOnly')}</label>
        </div>
      </div>
      <ListView query={query} empty={t('inspections.empty')}>
        {(inspections) => <InspectionTable inspections={inspections} />}
      </ListView>
    </Page>
  );
}
