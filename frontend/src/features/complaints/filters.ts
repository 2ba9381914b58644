import { COMPLAINT_CATEGORIES, COMPLAINT_SOURCES, COMPLAINT_STATUSES, oneOf } from '../../api/types';
import { toSearch } from '../../router/router';
import type { ComplaintFilters } from './api';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The register's filters from the page's query string; anything malformed is left out. */
export function parseComplaintFilters(search: string): ComplaintFilters {
  const params = new URLSearchParams(search);
  const day = (name: string) => {
    const value = params.get(name);
    return value && ISO_DAY.test(value) ? value : undefined;
  };
  const agency = Number(params.get('agency_id'));
  const finding = params.get('substantiated');
  const filters: ComplaintFilters = {
    status: oneOf(COMPLAINT_STATUSES, params.get('status')),
    source: oneOf(COMPLAINT_SOURCES, params.get('source')),
    category: oneOf(COMPLAINT_CATEGORIES, params.get('category')),
    agency_id: Number.isInteger(agency) && agency > 0 ? agency : undefined,
    received_from: day('received_from'),
    received_to: day('received_to'),
    substantiated: finding === 'true' ? true : finding === 'false' ? false : undefined,
  };
  // Only the filters in use, so equal filters make equal query keys.
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as ComplaintFilters;
}

/**
 * The register's URL for these filters: the inverse of parseComplaintFilters. A finding of
 * "not substantiated" is written `false`, not left out as an unset value would be.
 */
export function complaintsPath(filters: ComplaintFilters): string {
  const { substantiated, ...rest } = filters;
  return `/complaints${toSearch({ ...rest, substantiated: substantiated === undefined ? undefined : String(substantiated) })}`;
}
