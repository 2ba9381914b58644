import type { InfiniteData } from '@tanstack/react-query';

/** The list shape of every collection endpoint: keyset pages with an opaque cursor. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/** For useInfiniteQuery: the next cursor, or undefined when the walk is complete. */
export function nextCursor(page: Page<unknown>): string | undefined {
  return page.next_cursor ?? undefined;
}

/** useInfiniteQuery's paging for a cursor walk: from no cursor on to each page's next_cursor. */
export const cursorPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: nextCursor,
};

/** A page's query: `limit` rows after `cursor`, and the total with the first page only. */
export function pageQuery(cursor: string | undefined, limit = DEFAULT_PAGE_SIZE) {
  return { limit, cursor, include_total: cursor === undefined ? true : undefined };
}

export function flattenPages<T>(data: InfiniteData<Page<T>, unknown> | undefined): T[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

/** `total` is only asked for on the first page; later pages leave it out. */
export function firstTotal(data: InfiniteData<Page<unknown>, unknown> | undefined): number | null {
  return data?.pages[0]?.total ?? null;
}
