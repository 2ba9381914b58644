import { describe, expect, it } from 'vitest';
import { readNumbers } from '../../forms/numberInputs';
import { formatDate, translate, translateValue } from '../../i18n/core';
import {
  countByStatus,
  dutyAction,
  figureEntries,
  figureValues,
  parseTracking,
  periodText,
  readFigures,
  receivedAtInstant,
  revisionText,
  statusBadgeClass,
  trackingSearch,
  vietnamDateTime,
  yearsBack,
} from './duties';
import { filingForm } from './api';

const words = (lang: 'vi' | 'en') => ({
  t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params),
  formatDate: (value: string | Date) => formatDate(lang, value),
});

describe('the words of a duty', () => {
  it('names each status in Vietnamese and English, and colours it by its status', () => {
    expect(['upcoming', 'submitted', 'late', 'missing'].map((s) => translateValue('vi', 'dutyStatus', s))).toEqual([
      'Chưa đến hạn',
      'Đã nộp đúng hạn',
      'Nộp muộn',
      'Quá hạn chưa nộp',
    ]);
    expect(translateValue('en', 'dutyStatus', 'missing')).toBe('Overdue, not filed');
    expect(translateValue('vi', 'reportKind', 'monthly_changes')).toBe('Báo cáo biến động tháng');
    expect(statusBadgeClass('missing')).toBe('badge badge--duty-missing');
  });

  it('writes a month as Tháng MM/yyyy and the annual report with its days as dd/MM/yyyy', () => {
    const october = { kind: 'monthly_changes' as const, period_from: '2026-10-01', period_to: '2026-10-31' };
    expect(periodText(words('vi'), october)).toBe('Tháng 10/2026');
    expect(periodText(words('en'), october)).toBe('10/2026');
    const annual = { kind: 'annual' as const, period_from: '2025-12-15', period_to: '2026-12-14' };
    expect(periodText(words('vi'), annual)).toBe('Năm 2026 (15/12/2025 – 14/12/2026)');
    expect(periodText(words('en'), annual)).toBe('Year 2026 (15/12/2025 – 14/12/2026)');
  });

  it('counts filings from the first, amendments after it', () => {
    expect(revisionText(words('vi'), 1)).toBe('Lần đầu');
    expect(revisionText(words('vi'), 3)).toBe('Bổ sung lần 2');
    expect(revisionText(words('en'), 2)).toBe('Amendment 1');
  });
});

describe('what can be done with a duty', () => {
  it('files once the period is over, amends what was filed, waits otherwise', () => {
    const november = { report_id: null, period_to: '2026-11-30' };
    expect(dutyAction(november, '2026-11-29')).toBe('wait');
    expect(dutyAction(november, '2026-11-30')).toBe('file');
    expect(dutyAction({ ...november, report_id: 7 }, '2026-12-25')).toBe('amend');
  });

  it('counts the duties in each status', () => {
    const duties = ['late', 'missing', 'missing', 'submitted'].map((status) => ({ status: status as 'late' }));
    expect(countByStatus(duties)).toEqual({ upcoming: 0, submitted: 1, late: 1, missing: 2 });
  });
});

describe('the figures of a report', () => {
  it('reads counts typed the Vietnamese way with parseNumber, leaving empty ones out', () => {
    const read = readNumbers((numbers) =>
      readFigures(
        {
          'figures.departed': '1.200',
          'figures.returned': ' 12 ',
          'figures.returned_early': '',
          'figures.overstayed': '0',
          'figures.contracts_terminated': '1 500',
          'figures.note': '  Hai người chuyển chủ sử dụng.  ',
        },
        numbers,
      ),
    );
    expect(read).toEqual({
      ok: true,
      body: { departed: 1200, returned: 12, overstayed: 0, contracts_terminated: 1500, note: 'Hai người chuyển chủ sử dụng.' },
    });
  });

  it('refuses a fraction, a negative or a word on its own input, as the API would', () => {
    const read = readNumbers((numbers) =>
      readFigures({ 'figures.departed': '2,5', 'figures.returned': '-1', 'figures.overstayed': 'ba', 'figures.note': '' }, numbers),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.fields).toEqual([
      { field: 'figures.departed', code: 'int_from_float', params: { value: '2,5' }, message: "'2,5' must be a whole number" },
      { field: 'figures.returned', code: 'negative', params: { value: '-1' }, message: "'-1' must not be negative" },
      {
        field: 'figures.overstayed',
        code: 'number_parsing',
        params: { value: 'ba' },
        message: "'ba' is not a number; write it like 180000, 180.000 or 1,5",
      },
    ]);
  });

  it('starts an amendment from the figures filed, and lists them in the form’s order', () => {
    const filed = { note: 'Ghi chú', extra_count: 4, returned: 2, departed: 10 };
    expect(figureValues(filed)).toEqual({
      'figures.departed': '10',
      'figures.returned': '2',
      'figures.returned_early': '',
      'figures.overstayed': '',
      'figures.contracts_terminated': '',
      'figures.note': 'Ghi chú',
    });
    expect(figureEntries(filed)).toEqual([
      ['departed', 10],
      ['returned', 2],
      ['extra_count', 4],
      ['note', 'Ghi chú'],
    ]);
  });
});

describe('when a paper report was received', () => {
  it('shows an instant as its day and time in Vietnam', () => {
    // 16:30 UTC on 20 December is 23:30 in Vietnam: still the due day of November's changes.
    expect(vietnamDateTime('2025-12-20T16:30:00Z')).toBe('20/12/2025 23:30');
    expect(vietnamDateTime('2025-12-20T17:30:00Z')).toBe('21/12/2025 00:30');
    expect(vietnamDateTime('not a time')).toBe('not a time');
  });

  it('reads the date-time input as Vietnam time, whatever the computer’s timezone', () => {
    expect(receivedAtInstant('2026-11-20T23:30')).toBe('2026-11-20T23:30:00+07:00');
    expect(receivedAtInstant('2026-11-20T23:30:15')).toBe('2026-11-20T23:30:15+07:00');
    expect(receivedAtInstant('')).toBeUndefined();
    expect(receivedAtInstant('hôm qua')).toBe('hôm qua');
  });
});

describe("the officers' filters", () => {
  it('default to this year, the overdue and the late, any kind, every enterprise', () => {
    expect(parseTracking('', 2026)).toEqual({ year: 2026, status: 'attention' });
    expect(parseTracking('?year=2025&status=missing&kind=annual&agency_id=2', 2026)).toEqual({
      year: 2025,
      status: 'missing',
      kind: 'annual',
      agency_id: 2,
    });
    expect(parseTracking('?status=all&kind=weekly&agency_id=x&year=abc', 2026)).toEqual({ year: 2026, status: 'all' });
    expect(parseTracking('?status=unknown', 2026).status).toBe('attention');
  });

  it('leave the defaults out of the address', () => {
    expect(trackingSearch({ year: 2026, status: 'attention' }, 2026)).toEqual({
      year: undefined,
      status: undefined,
      kind: undefined,
      agency_id: undefined,
    });
    expect(trackingSearch({ year: 2025, status: 'late', kind: 'monthly_changes' }, 2026)).toMatchObject({
      year: 2025,
      status: 'late',
      kind: 'monthly_changes',
    });
    expect(yearsBack(2026)).toEqual([2026, 2025, 2024, 2023]);
  });
});

describe('the multipart form of a filing', () => {
  it('carries the period, the figures as JSON, the file with its name, and received_at only when given', async () => {
    const file = new File(['%PDF-1.4\n'], 'bao-cao-thang.pdf', { type: 'application/pdf' });
    const base = { kind: 'monthly_changes' as const, period_from: '2026-10-01', period_to: '2026-10-31', figures: { departed: 1200 } };
    const form = filingForm({ ...base, file, file_tag: 'x' });
    expect([...form.keys()]).toEqual(['kind', 'period_from', 'period_to', 'figures', 'file']);
    expect(form.get('figures')).toBe('{"departed":1200}');
    const sent = form.get('file') as File;
    expect(sent.name).toBe('bao-cao-thang.pdf');
    expect(await sent.text()).toBe('%PDF-1.4\n');
    const paper = filingForm({ ...base, received_at: '2026-11-20T09:30:00+07:00', file: null, file_tag: null });
    expect(paper.get('received_at')).toBe('2026-11-20T09:30:00+07:00');
    expect(paper.has('file')).toBe(false);
  });
});
