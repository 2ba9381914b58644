import { describe, expect, it } from 'vitest';
import { parseFilters } from './filters';

describe('parseFilters', () => {
  it('reads the filters of the URL and leaves out what is malformed', () => {
    expect(parseFilters('?status=departed&market_code=JP&agency_id=3&departed_from=2024-01-01&flag=late_report&q=%20an%20')).toEqual({
      status: 'departed',
      market_code: 'JP',
      agency_id: 3,
      departed_from: '2024-01-01',
      flag: 'late_report',
      q: 'an',
    });
    expect(parseFilters('?status=flying&agency_id=x&departed_to=01/02/2024&flag=nope')).toEqual({});
  });
});

describe('parseFilters, records without a commune', () => {
  it('reads the unallocated flag and the registration dates', () => {
    expect(parseFilters('?unallocated=true&registered_from=2025-07-01&registered_to=2025-12-31')).toEqual({
      unallocated: true,
      registered_from: '2025-07-01',
      registered_to: '2025-12-31',
    });
    expect(parseFilters('?unallocated=yes&registered_from=1/7/2025')).toEqual({});
  });
});
