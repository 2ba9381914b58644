import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, translate } from './core';
import { formatDay, formatMoment } from './dates';

describe('one date format', () => {
  it('writes a calendar day as dd/MM/yyyy, as it stands', () => {
    expect(formatDay('2025-07-01')).toBe('01/07/2025');
    expect(formatDay('2026-12-14')).toBe('14/12/2026');
    expect(formatDay('0999-01-02')).toBe('02/01/0999');
  });

  it('writes the day of a moment in Vietnam, not of the computer', () => {
    // 20:30 UTC on 31 December is 03:30 on 1 January in Vietnam (UTC+7).
    expect(formatDay('2025-12-31T20:30:00Z')).toBe('01/01/2026');
  });

  it('writes a moment as dd/MM/yyyy HH:mm in Vietnam time, on a 24-hour clock', () => {
    expect(formatMoment('2025-12-20T16:30:00Z')).toBe('20/12/2025 23:30');
    expect(formatMoment('2025-12-20T17:30:00Z')).toBe('21/12/2025 00:30');
    expect(formatMoment('2023-07-22T02:00:00+00:00')).toBe('22/07/2023 09:00');
    expect(formatMoment('2026-03-05T08:05:00+07:00')).toBe('05/03/2026 08:05');
  });

  it('keeps a bare day a day, and text that is no date as it is', () => {
    expect(formatMoment('2025-07-01')).toBe('01/07/2025');
    expect(formatDay('not a day')).toBe('not a day');
    expect(formatMoment('not a time')).toBe('not a time');
  });

  it('is the same in both languages, with four-digit years', () => {
    for (const lang of ['vi', 'en'] as const) {
      expect(formatDate(lang, '2026-03-14')).toBe('14/03/2026');
      expect(formatDateTime(lang, '2026-03-14T01:02:00Z')).toBe('14/03/2026 08:02');
    }
  });
});

describe('record numbers', () => {
  it('are written without a thousands separator; counts keep theirs', () => {
    expect(translate('vi', 'placements.detailLead', { id: 6001, ref: 'X' })).toBe('Mã hồ sơ 6001 · Mã của doanh nghiệp: X');
    expect(translate('vi', 'complaints.numbered', { id: 12345 })).toBe('Đơn số 12345');
    expect(translate('vi', 'notice.confirmWhich', { id: 6001, occupation: 'Hàn', quota: 1500 })).toBe(
      'Thông báo số 6001: Hàn, 1.500 người.',
    );
  });
});
