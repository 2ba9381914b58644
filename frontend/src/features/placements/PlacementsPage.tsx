import { useMemo } from 'react';
import { firstTotal, flattenPages } from '../../api/pagination';
import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation } from '../../router/router';
import { useMe } from '../auth/api';
import { usePlacements } from './api';
import { ExportButtons } from './ExportButtons';
import { parseFilters } from './filters';
import { PlacementFilterForm } from './PlacementFilterForm';
import { PlacementTable } from './PlacementTable';

export default function PlacementsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { search } = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const query = usePlacements(filters);
  const placements = flattenPages(query.data);
  const role = me?.role;
  const staff = role !== 'agency';

  return (
    <Page
      title={t('placements.title')}
      lead={staff ? t('placements.intro') : t('placements.introAgency')}
      actions={
        can(role, 'placements.write') && (
          <Link to="/placements/new" className="button">
            {t('placements.new')}
          </Link>
        )
      }
    >
      <PlacementFilterForm key={search} filters={filters} showAgency={staff} />
      {can(role, 'placements.export') && <ExportButtons filters={filters} />}
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data &&
        (placements.length === 0 ? (
          <p className="empty">{t('placements.empty')}</p>
        ) : (
          <>
            <PlacementTable placements={placements} showAgency={staff} />
            <LoadMore
              shown={placements.length}
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
