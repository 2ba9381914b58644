import { toSearch } from '../../router/router';
import type { PlacementFilters } from './api';

/** The sorts the API offers for the registry (docs/api.md, "Sorting"); `-` is descending. */
export const PLACEMENT_SORTS = ['id', 'registered_on', 'departure_date', 'full_name', 'status', 'updated_at'] as const;
export type PlacementSortKey = (typeof PLACEMENT_SORTS)[number];

/** Where the list is: its sort, the cursor of the page shown and the place of its first row. */
export interface Listing {
  sort: string;
  cursor?: string;
  from: number;
}

/** The sort and page from the page's query string (so Back and a shared link keep them). */
export function parseListing(search: string): Listing {
  const params = new URLSearchParams(search);
  const sort = params.get('sort') ?? '';
  const known = (PLACEMENT_SORTS as readonly string[]).includes(sort.replace(/^-/, ''));
  const cursor = params.get('cursor') || undefined;
  const from = Number(params.get('from'));
  return {
    sort: known ? sort : 'id',
    cursor,
    from: cursor && Number.isInteger(from) && from > 1 ? from : 1,
  };
}

/** The list's URL for these filters, sort and page. */
export function listingPath(filters: PlacementFilters, listing: Partial<Listing>): string {
  const { sort, cursor, from } = listing;
  return `/placements${toSearch({
    ...filters,
    sort: sort === 'id' ? undefined : sort,
    cursor,
    from: cursor && from && from > 1 ? from : undefined,
  })}`;
}
