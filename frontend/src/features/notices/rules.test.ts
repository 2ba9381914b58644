import { describe, expect, it } from 'vitest';
import { readNumbers } from '../../forms/numberInputs';
import type { Notice } from './api';
import { addDays, areaList, areaName, noticeActions, noticeBody, noticeChange, valuesFromNotice, withArea, withoutArea } from './rules';

const notice: Notice = {
  id: 7,
  agency_id: 3,
  market_code: 'JP',
  occupation: 'Chế biến thực phẩm',
  quota: 12,
  approved_contract_no: 'HĐ-01/2026',
  period_from: '2026-12-01',
  period_to: '2027-05-31',
  area_codes: ['20500', '20506'],
  status: 'submitted',
  rejection_reason: null,
  acknowledged_on: null,
  decided_by: null,
  version: 2,
  created_at: '2026-11-30T08:00:00Z',
  updated_at: '2026-11-30T08:00:00Z',
};

describe('what a user may do with a notice', () => {
  it('lets an enterprise change a submitted notice and withdraw it until it is withdrawn or rejected', () => {
    expect(noticeActions('agency', 'submitted')).toEqual({ edit: true, withdraw: true, acknowledge: false, reject: false });
    expect(noticeActions('agency', 'acknowledged')).toEqual({ edit: false, withdraw: true, acknowledge: false, reject: false });
    expect(noticeActions('agency', 'rejected')).toEqual({ edit: false, withdraw: false, acknowledge: false, reject: false });
  });

  it('lets an officer answer a submitted notice and correct an acknowledged one', () => {
    expect(noticeActions('officer', 'submitted')).toEqual({ edit: true, withdraw: true, acknowledge: true, reject: true });
    expect(noticeActions('officer', 'acknowledged')).toEqual({ edit: true, withdraw: true, acknowledge: false, reject: false });
    expect(noticeActions('officer', 'withdrawn').edit).toBe(false);
  });

  it('gives readers nothing to do', () => {
    for (const role of ['viewer', 'inspector', 'admin'] as const) {
      expect(Object.values(noticeActions(role, 'submitted'))).toEqual([false, false, false, false]);
    }
  });
});

describe('the communes of a notice', () => {
  it('keeps each code once, in the order chosen', () => {
    expect(areaList(' 20500, 20506,,20500 ')).toEqual(['20500', '20506']);
    expect(withArea('20500', '20506')).toBe('20500,20506');
    expect(withArea('20500,20506', '20500')).toBe('20500,20506');
    expect(withoutArea('20500,20506', '20500')).toBe('20506');
    expect(areaList(undefined)).toEqual([]);
  });
});

describe('the notice form', () => {
  it('sends what was typed, the quota as a number', () => {
    const read = readNumbers((numbers) => noticeBody({ ...valuesFromNotice(notice), quota: '1.200', occupation: ' Điều dưỡng ' }, numbers));
    expect(read.ok && read.body).toEqual({
      market_code: 'JP',
      occupation: 'Điều dưỡng',
      quota: 1200,
      approved_contract_no: 'HĐ-01/2026',
      period_from: '2026-12-01',
      period_to: '2027-05-31',
      area_codes: ['20500', '20506'],
    });
  });

  it('names a quota that is no whole number on its input', () => {
    const read = readNumbers((numbers) => noticeBody({ ...valuesFromNotice(notice), quota: '12,5' }, numbers));
    expect(read.ok).toBe(false);
  });

  it('changes only what differs from the stored notice', () => {
    const body = readNumbers((numbers) => noticeBody({ ...valuesFromNotice(notice), quota: '15', area_codes: '20506' }, numbers));
    expect(body.ok && noticeChange(notice, body.body)).toEqual({ quota: 15, area_codes: ['20506'] });
    const same = readNumbers((numbers) => noticeBody(valuesFromNotice(notice), numbers));
    expect(same.ok && noticeChange(notice, same.body)).toEqual({});
  });

  it('counts days across the end of a month', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-01', 180)).toBe('2027-05-30');
  });
});

describe('the name of a code', () => {
  it('is its newest unit’s, and the city’s code reads as the whole city', () => {
    const unit = (code: string, name: string, valid_from: string | null) =>
      ({ code, name, valid_from }) as unknown as Parameters<typeof areaName>[0][number];
    const areas = [unit('20506', 'Xã Thượng Đức', '2025-07-01'), unit('20506', 'Xã Đại Lãnh', null)];
    expect(areaName(areas, '20506', 'Toàn thành phố')).toBe('Xã Thượng Đức');
    expect(areaName(areas, '48', 'Toàn thành phố')).toBe('Toàn thành phố');
    expect(areaName(areas, '99999', 'Toàn thành phố')).toBe('99999');
  });
});
