import type { InfiniteData, UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { firstTotal, flattenPages, type Page } from '../api/pagination';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';
import { LoadMore } from './LoadMore';

/** A collection walked page by page with its cursor (every list endpoint of the API). */
type PagedQuery<T> = UseInfiniteQueryResult<InfiniteData<Page<T>, unknown>, Error>;
/** A list the API answers in one piece (the priority ranking, the public markets). */
type WholeQuery<T> = UseQueryResult<readonly T[], Error>;

interface Props<T> {
  query: PagedQuery<T> | WholeQuery<T>;
  /** Said instead of the list when it has no item. */
  empty: string;
  /** The empty message in the text's colour rather than muted (the lists that showed it so). */
  plainEmpty?: boolean;
  /** False: the first page only, without the count and "load more" (a list inside a record). */
  loadMore?: boolean;
  /** False: a failure without the "retry" button. */
  retry?: boolean;
  /** The items as a table, cards or a timeline. */
  children: (items: T[]) => ReactNode;
}

function isPaged<T>(query: PagedQuery<T> | WholeQuery<T>): query is PagedQuery<T> {
  return 'fetchNextPage' in query;
}

/**
 * The states every list goes through: loading, a failure (with "retry"), nothing to show,
 * then the items and, while the cursor walk is not complete, the count and "load more".
 */
export function ListView<T>({ query, empty, plainEmpty = false, loadMore = true, retry = true, children }: Props<T>) {
  const paged = isPaged(query);
  const items: T[] = paged ? flattenPages(query.data) : [...(query.data ?? [])];
  return (
    <>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={retry ? () => void query.refetch() : undefined} />}
      {query.data &&
        (items.length === 0 ? (
          <p className={plainEmpty ? undefined : 'empty'}>{empty}</p>
        ) : (
          <>
            {children(items)}
            {paged && loadMore && (
              <LoadMore
                shown={items.length}
                total={firstTotal(query.data)}
                hasMore={query.hasNextPage}
                loading={query.isFetchingNextPage}
                onLoadMore={() => void query.fetchNextPage()}
              />
            )}
          </>
        ))}
    </>
  );
}
