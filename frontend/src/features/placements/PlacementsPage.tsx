import { useMemo, useState } from 'react';
import { DEFAULT_PAGE_SIZE } from '../../api/pagination';
import { can } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, useLocation } from '../../router/router';
import { useMe } from '../auth/api';
import { usePlacementPage } from './api';
import { AssignCommuneDialog } from './AssignCommuneDialog';
import { ExportButtons } from './ExportButtons';
import { parseFilters } from './filters';
import { listingPath, parseListing } from './listing';
import { PlacementFilterForm } from './PlacementFilterForm';
import { PlacementTable } from './PlacementTable';

export default function PlacementsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { search } = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const listing = useMemo(() => parseListing(search), [search]);
  const { page: query, total } = usePlacementPage(filters, listing.sort, listing.cursor);
  const role = me?.role;
  const staff = role !== 'agency';
  const [assigning, setAssigning] = useState(false);
  const canAssign = can(role, 'placements.assignCommune');
  const page = query.data;
  // Back on the first page the count starts again at 1, whatever the URL said.
  const from = page && !page.prev_cursor ? 1 : listing.from;

  return (
    <Page
      title={t('placements.title')}
      lead={staff ? t('placements.intro') : t('placements.introAgency')}
      actions={
        (canAssign || can(role, 'placements.write')) && (
          <>
            {canAssign && (
              <button type="button" className="button button--secondary" onClick={() => setAssigning(true)}>
                {t('assign.button')}
              </button>
            )}
            {can(role, 'placements.write') && (
              <Link to="/placements/new" className="button">
                {t('placements.new')}
              </Link>
            )}
          </>
        )
      }
    >
      {canAssign && (
        <AssignCommuneDialog key={search} filters={filters} open={assigning} onClose={() => setAssigning(false)} />
      )}
      <PlacementFilterForm
        key={search}
        filters={filters}
        showAgency={staff}
        partialId={can(role, 'placements.partialIdSearch')}
        sort={listing.sort}
      />
      {can(role, 'placements.export') && <ExportButtons filters={filters} />}
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {page &&
        (page.items.length === 0 ? (
          <p className="empty">{t('placements.empty')}</p>
        ) : (
          <>
            <PlacementTable
              placements={page.items}
              showAgency={staff}
              sort={listing.sort}
              onSort={(sort) => navigate(listingPath(filters, { sort }))}
            />
            <Pager
              from={from}
              count={page.items.length}
              total={total}
              hasPrev={Boolean(page.prev_cursor)}
              hasNext={Boolean(page.next_cursor)}
              loading={query.isPlaceholderData}
              onPrev={() =>
                navigate(listingPath(filters, { sort: listing.sort, cursor: page.prev_cursor ?? undefined, from: Math.max(1, from - DEFAULT_PAGE_SIZE) }))
              }
              onNext={() =>
                navigate(listingPath(filters, { sort: listing.sort, cursor: page.next_cursor ?? undefined, from: from + page.items.length }))
              }
            />
          </>
        ))}
    </Page>
  );
}
