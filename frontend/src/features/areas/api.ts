import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Area } from '../../api/types';

export type AreaLevel = Area['level'];

export interface AreaSearch {
  /** What was typed; the API ignores case and diacritics. */
  q: string;
  /** Only units valid on this day (YYYY-MM-DD); none for units of every period. */
  on?: string;
  level?: AreaLevel;
}

export const SEARCH_LIMIT = 20;

export const areaKeys = {
  search: (search: AreaSearch) => ['areas', 'search', search] as const,
};

/** Units whose name holds what was typed (`GET /api/v1/areas?q=&on=&level=&limit=20`). */
export function useAreaSearch(search: AreaSearch, enabled: boolean) {
  return useQuery({
    queryKey: areaKeys.search(search),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/areas', {
          params: {
            query: {
              q: search.q || undefined,
              on: search.on || undefined,
              level: search.level,
              limit: SEARCH_LIMIT,
            },
          },
          signal,
        }),
      ),
    select: (page) => page.items,
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** `value`, once it has stayed the same for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
