import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import type { Agency, Area, Market } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

// Reference lists for selects and labels. Each is short (tens of rows), so one page of the
// API's largest size holds it, and it is cached for the session.
const ALL = 500;
const LONG = 30 * 60_000;

// Stable functions, so the selected lists keep their identity between renders.
const items = <T,>(page: { items: T[] }): T[] => page.items;

export const referenceKeys = {
  areas: ['reference', 'areas'] as const,
  markets: ['reference', 'markets'] as const,
  agencies: ['reference', 'agencies'] as const,
};

export function useAreas() {
  return useQuery({
    queryKey: referenceKeys.areas,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/areas', { params: { query: { limit: ALL } }, signal })),
    select: items<Area>,
    staleTime: LONG,
  });
}

export function useMarketList() {
  return useQuery({
    queryKey: referenceKeys.markets,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/markets', { params: { query: { limit: ALL } }, signal })),
    select: items<Market>,
    staleTime: LONG,
  });
}

export function useAgencyList() {
  return useQuery({
    queryKey: referenceKeys.agencies,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/agencies', { params: { query: { limit: ALL } }, signal })),
    select: items<Agency>,
    staleTime: LONG,
  });
}

/** Look-ups from a code or id to a display name, in the current language. */
export function useNames() {
  const { lang } = useI18n();
  const areas = useAreas().data;
  const markets = useMarketList().data;
  const agencies = useAgencyList().data;
  return useMemo(() => names(lang, areas ?? [], markets ?? [], agencies ?? []), [lang, areas, markets, agencies]);
}

function names(lang: string, areas: Area[], markets: Market[], agencies: Agency[]) {
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  const marketByCode = new Map(markets.map((m) => [m.code, m]));
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  return {
    area: (code: string | null | undefined) => (code ? (areaByCode.get(code)?.name ?? code) : ''),
    market: (code: string | null | undefined) => {
      if (!code) return '';
      const market = marketByCode.get(code);
      return market ? (lang === 'en' ? market.name_en : market.name_vi) : code;
    },
    agency: (id: number | null | undefined) => (id == null ? '' : (agencyById.get(id)?.name ?? `#${id}`)),
    areas,
    markets,
    agencies,
  };
}
