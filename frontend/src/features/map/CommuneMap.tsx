import { lazy, Suspense } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Progress } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';

// d3-geo and the map's GeoJSON come in a chunk of their own, fetched when a map is shown,
// so the first visit's JavaScript stays within its budget (frontend/README.md).
const ProgressMap = lazy(() => import('./ProgressMap'));

/** Today's city as a whole: the map shows its 94 commune-level units (docs/places.md). */
export const CITY_CODE = '48';

interface Props {
  /** Progress `by=commune` for the city. */
  query: UseQueryResult<Progress>;
  headingId: string;
  /** Where a commune leads; none on the public page. */
  linkTo?: (code: string) => string;
}

/** The progress map's section: heading, loading and failure, then the map itself. */
export function CommuneMap({ query, headingId, linkTo }: Props) {
  const { t } = useI18n();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('map.title')}</h2>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <Suspense fallback={<Loading />}>
          <ProgressMap rows={query.data.rows} yearFrom={query.data.year_from} yearTo={query.data.year_to} linkTo={linkTo} />
        </Suspense>
      )}
    </section>
  );
}
