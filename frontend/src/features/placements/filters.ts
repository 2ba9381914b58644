import { CHANNELS, FLAGS, oneOf, PLACEMENT_STATUSES } from '../../api/types';
import type { PlacementFilters } from './api';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The list's filters from the page's query string; anything malformed is left out. */
export function parseFilters(search: string): PlacementFilters {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const day = (name: string) => {
    const value = params.get(name);
    return value && ISO_DAY.test(value) ? value : undefined;
  };
  const agency = Number(params.get('agency_id'));
  const filters: PlacementFilters = {
    q: text('q'),
    status: oneOf(PLACEMENT_STATUSES, params.get('status')),
    market_code: text('market_code'),
    agency_id: Number.isInteger(agency) && agency > 0 ? agency : undefined,
    channel: oneOf(CHANNELS, params.get('channel')),
    home_area_code: text('home_area_code'),
    departed_from: day('departed_from'),
    departed_to: day('departed_to'),
    registered_from: day('registered_from'),
    registered_to: day('registered_to'),
    flag: oneOf(FLAGS, params.get('flag')),
    unallocated: params.get('unallocated') === 'true' ? true : undefined,
  };
  // Only the filters in use, so equal filters make equal query keys.
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as PlacementFilters;
}
