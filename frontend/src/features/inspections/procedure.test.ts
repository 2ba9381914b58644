import { describe, expect, it } from 'vitest';
import type { Inspection, Violation } from '../../api/types';
import {
  closeBlockers,
  fineHint,
  fromVietnamInput,
  legalBasisVi,
  parseIds,
  printDay,
  printMoney,
  printTime,
  toVietnamInput,
} from './procedure';

// Decree 283/2026 Art. 49(1)(e) and 49(2)(a) as the catalogue prints them (organisation basis).
const report = { fine_min_vnd: 10_000_000, fine_max_vnd: 15_000_000, fine_basis: 'organisation', per_worker_max_vnd: null };
const perWorker = { fine_min_vnd: 10_000_000, fine_max_vnd: 20_000_000, fine_basis: 'organisation', per_worker_max_vnd: 200_000_000 };

describe('fineHint', () => {
  it('gives the printed range for the offender the row is written for', () => {
    expect(fineHint(report, 'organisation', null)).toEqual({ kind: 'range', low: 10_000_000, high: 15_000_000, perWorker: false, cap: null });
  });

  it('halves it for an individual and doubles an individual-basis row for an organisation (Art. 7(1))', () => {
    expect(fineHint(report, 'individual', null)).toMatchObject({ low: 5_000_000, high: 7_500_000 });
    const individual = { ...report, fine_basis: 'individual', fine_min_vnd: null };
    expect(fineHint(individual, 'organisation', null)).toMatchObject({ low: 0, high: 30_000_000 });
  });

  it('multiplies a per-worker act by the workers affected, up to the cap', () => {
    expect(fineHint(perWorker, 'organisation', 3)).toEqual({ kind: 'range', low: 30_000_000, high: 60_000_000, perWorker: true, cap: 200_000_000 });
    expect(fineHint(perWorker, 'organisation', 15)).toMatchObject({ low: 150_000_000, high: 200_000_000 });
    expect(fineHint(perWorker, 'organisation', 25)).toMatchObject({ low: 200_000_000, high: 200_000_000 });
    expect(fineHint(perWorker, 'individual', 25)).toMatchObject({ low: 100_000_000, high: 100_000_000, cap: 100_000_000 });
  });

  it('asks for the workers affected of a per-worker act', () => {
    expect(fineHint(perWorker, 'organisation', null)).toEqual({ kind: 'needsWorkers', cap: 200_000_000 });
    expect(fineHint(perWorker, 'organisation', 0)).toEqual({ kind: 'needsWorkers', cap: 200_000_000 });
  });
});

function violation(over: Partial<Violation>): Violation {
  return {
    id: 1,
    act_ended_on: null,
    additional_sanctions: '',
    affected_workers: null,
    catalogued: true,
    category: 'other',
    description: 'Act',
    fine_vnd: 0,
    legal_basis: null,
    licence_suspension_months: null,
    offender: 'organisation',
    remedied_on: null,
    remedies: [],
    remedy: null,
    remedy_due: null,
    version: 1,
    violation_type: null,
    waived: false,
    ...over,
  };
}

const item = (id: number, over: Partial<Violation['remedies'][number]> = {}) => ({
  id,
  kind: 'other' as const,
  description: `Item ${id}`,
  amount_vnd: null,
  placement_ids: [],
  due_on: '2026-12-31',
  done_on: null,
  cancelled_by: null,
  cancelled_on: null,
  version: 1,
  ...over,
});

describe('closeBlockers', () => {
  it('lists each open remedy item by name and due day, and no settled one', () => {
    const inspection = {
      violations: [
        violation({ id: 1, remedies: [item(1), item(2, { done_on: '2026-11-01' }), item(3, { cancelled_by: '5/QĐ-SĐ', cancelled_on: '2026-11-02' })] }),
        violation({ id: 2, remedies: [item(4, { done_on: '2026-11-01' })], remedied_on: '2026-11-01' }),
      ],
    } as Pick<Inspection, 'violations'>;
    expect(closeBlockers(inspection)).toEqual([{ violationId: 1, remedyId: 1, what: 'Item 1', due: '2026-12-31' }]);
  });

  it('names a violation without items that is neither remedied nor waived', () => {
    const open = violation({ id: 7, remedy: 'Bổ sung báo cáo', remedy_due: '2026-12-01' });
    const waived = violation({ id: 8, waived: true });
    expect(closeBlockers({ violations: [open, waived] })).toEqual([{ violationId: 7, remedyId: null, what: 'Bổ sung báo cáo', due: '2026-12-01' }]);
  });

  it('is empty when everything is settled', () => {
    expect(closeBlockers({ violations: [violation({ remedied_on: '2026-11-01' })] })).toEqual([]);
    expect(closeBlockers({ violations: [] })).toEqual([]);
  });
});

describe('print formatting', () => {
  it('writes the date line the administrative way, with a leading zero for days below 10 and months 1 and 2', () => {
    expect(printDay('2026-11-30')).toBe('ngày 30 tháng 11 năm 2026');
    expect(printDay('2027-01-05')).toBe('ngày 05 tháng 01 năm 2027');
    expect(printDay('2027-03-09')).toBe('ngày 09 tháng 3 năm 2027');
  });

  it('writes money in đồng with dots', () => {
    expect(printMoney(90_000_000)).toBe('90.000.000 đồng');
    expect(printMoney(0)).toBe('0 đồng');
  });

  it('reads and writes times in Vietnam time whatever the timezone', () => {
    expect(toVietnamInput('2026-11-28T02:00:00Z')).toBe('2026-11-28T09:00');
    expect(toVietnamInput('2026-11-27T20:30:00+00:00')).toBe('2026-11-28T03:30');
    expect(fromVietnamInput('2026-11-28T09:00')).toBe('2026-11-28T09:00:00+07:00');
    expect(printTime('2026-11-28T02:05:00Z')).toBe('09 giờ 05 phút, ngày 28 tháng 11 năm 2026');
  });

  it('prints a catalogued act\'s source as the decree cites it, and anything else as recorded', () => {
    expect(legalBasisVi('Decree 283/2026/NĐ-CP Art. 49(7)(b)')).toBe('Điều 49 khoản 7 điểm b Nghị định số 283/2026/NĐ-CP');
    expect(legalBasisVi('Decree 283/2026/NĐ-CP Art. 49(1)(đ)')).toBe('Điều 49 khoản 1 điểm đ Nghị định số 283/2026/NĐ-CP');
    expect(legalBasisVi('Decree 283/2026/NĐ-CP Art. 49(3)')).toBe('Điều 49 khoản 3 Nghị định số 283/2026/NĐ-CP');
    expect(legalBasisVi('Decree 283/2026/NĐ-CP')).toBe('Nghị định số 283/2026/NĐ-CP');
    expect(legalBasisVi('Nghị định 12/2022/NĐ-CP, Điều 40')).toBe('Nghị định 12/2022/NĐ-CP, Điều 40');
  });

  it('reads placement ids typed with commas or spaces', () => {
    expect(parseIds('12, 15 18')).toEqual([12, 15, 18]);
    expect(parseIds('')).toEqual([]);
    expect(parseIds('12, x')).toBeNull();
  });
});
