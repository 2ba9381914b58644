import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../api/types';
import { isSettled, mayStartInspection, statusChoices, triageBody, triageValues } from './rules';

const complaint = (change: Partial<Complaint> = {}): Complaint => ({
  id: 7,
  agency_id: 2,
  received_on: '2026-03-02',
  source: 'family',
  category: 'fees',
  summary: 'Thu phí cao hơn hợp đồng (ví dụ)',
  complainant_name: null,
  complainant_phone: null,
  complainant_address: null,
  placement_id: null,
  area_code: null,
  status: 'open',
  substantiated: null,
  outcome: null,
  resolved_on: null,
  inspection_id: null,
  version: 1,
  created_at: '2026-03-02T01:00:00Z',
  updated_at: '2026-03-02T01:00:00Z',
  ...change,
});

describe('the complaint lifecycle', () => {
  it('goes open → investigating → resolved or referred, and open straight to either', () => {
    expect(statusChoices('open')).toEqual(['open', 'investigating', 'resolved', 'referred']);
    expect(statusChoices('investigating')).toEqual(['investigating', 'resolved', 'referred']);
    expect(statusChoices('resolved')).toEqual(['resolved']);
    expect(isSettled('referred')).toBe(true);
    expect(isSettled('investigating')).toBe(false);
  });

  it('starts an inspection only from a complaint naming an enterprise, without one, not settled', () => {
    expect(mayStartInspection(complaint())).toBe(true);
    expect(mayStartInspection(complaint({ agency_id: null }))).toBe(false);
    expect(mayStartInspection(complaint({ inspection_id: 4, status: 'investigating' }))).toBe(false);
    expect(mayStartInspection(complaint({ status: 'resolved', substantiated: true }))).toBe(false);
  });
});

describe('the triage body', () => {
  it('sends nothing when nothing changed', () => {
    const c = complaint({ status: 'resolved', substantiated: false, outcome: 'Không có cơ sở', resolved_on: '2026-03-10' });
    expect(triageBody(c, triageValues(c))).toEqual({});
  });

  it('sends only the changes, the finding as a boolean and blanks as null', () => {
    const c = complaint({ status: 'investigating', outcome: 'Đang xác minh' });
    expect(triageBody(c, { status: 'resolved', substantiated: 'true', outcome: '  ', resolved_on: '' })).toEqual({
      status: 'resolved',
      substantiated: true,
      outcome: null,
    });
    const found = complaint({ substantiated: true });
    expect(triageBody(found, { ...triageValues(found), substantiated: 'false' })).toEqual({ substantiated: false });
    expect(triageBody(found, { ...triageValues(found), substantiated: '' })).toEqual({ substantiated: null });
  });
});
