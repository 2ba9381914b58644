import { describe, expect, it } from 'vitest';
import { complaintsPath, parseComplaintFilters } from './filters';

describe('parseComplaintFilters', () => {
  it('reads the filters of the URL', () => {
    expect(
      parseComplaintFilters('?status=investigating&source=press&category=fees&agency_id=2&received_from=2026-01-01&received_to=2026-03-31&substantiated=false'),
    ).toEqual({
      status: 'investigating',
      source: 'press',
      category: 'fees',
      agency_id: 2,
      received_from: '2026-01-01',
      received_to: '2026-03-31',
      substantiated: false,
    });
    expect(parseComplaintFilters('?substantiated=true')).toEqual({ substantiated: true });
  });

  it('leaves out what is malformed', () => {
    expect(
      parseComplaintFilters('?status=closed&source=rumour&category=x&agency_id=-1&received_from=1/1/2026&substantiated=yes'),
    ).toEqual({});
  });
});

describe('complaintsPath', () => {
  it('writes the filters back into the URL, a finding of false included', () => {
    const filters = { status: 'resolved', agency_id: 3, substantiated: false } as const;
    expect(complaintsPath(filters)).toBe('/complaints?status=resolved&agency_id=3&substantiated=false');
    expect(parseComplaintFilters(complaintsPath(filters).slice('/complaints'.length))).toEqual(filters);
    expect(complaintsPath({})).toBe('/complaints');
  });
});
