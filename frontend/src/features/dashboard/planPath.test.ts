import { describe, expect, it } from 'vitest';
import type { Progress } from '../../api/types';
import { planPath } from './planPath';

const row = (year: number, target: number | null, actual: number) => ({
  key: String(year),
  label: String(year),
  target,
  actual,
  percent: null,
});

const progress: Progress = {
  area_code: '48',
  area_name: 'Thành phố Đà Nẵng',
  year_from: 2023,
  year_to: 2030,
  market_code: null,
  by: 'year',
  target: 12000,
  actual: 1646,
  percent: 13.7,
  projection: { expected_at_end: 3361, required_per_year: 2071 },
  rows: [
    row(2023, 1500, 290),
    row(2024, 1500, 456),
    row(2025, 1500, 485),
    row(2026, null, 415),
    ...[2027, 2028, 2029, 2030].map((y) => row(y, null, 0)),
  ],
};

describe('the plan path', () => {
  const path = planPath(progress, 2026);

  it('counts the yearly targets where they exist, else the plan spread evenly, as a reference', () => {
    expect(path.average).toBe(1500);
    expect(path.years.map((y) => [y.year, y.planned, y.reference])).toEqual([
      [2023, 1500, false],
      [2024, 1500, false],
      [2025, 1500, false],
      [2026, 1500, true],
      [2027, 1500, true],
      [2028, 1500, true],
      [2029, 1500, true],
      [2030, 1500, true],
    ]);
    expect(path.years.map((y) => y.cumulativePlanned)).toEqual([1500, 3000, 4500, 6000, 7500, 9000, 10500, 12000]);
  });

  it('adds up the departures so far, through this year only', () => {
    expect(path.years.map((y) => y.cumulativeActual)).toEqual([290, 746, 1231, 1646, null, null, null, null]);
  });

  it('takes the pace needed from the projection, from this year on', () => {
    expect(path.requiredPerYear).toBe(2071);
    expect(path.firstRemaining).toBe(2026);
    expect(planPath(progress, 2031).firstRemaining).toBeNull();
    expect(planPath(progress, 2020).firstRemaining).toBe(2023);
  });

  it('draws no path without a plan', () => {
    const none = planPath({ ...progress, target: null, rows: progress.rows.map((r) => ({ ...r, target: null })) }, 2026);
    expect(none.average).toBeNull();
    expect(none.years.every((y) => y.cumulativePlanned === null && !y.reference)).toBe(true);
  });

  it('keeps a path whose average is not whole on whole people', () => {
    const odd = planPath({ ...progress, target: 1000, year_to: 2025, rows: [row(2023, null, 1), row(2024, null, 2), row(2025, null, 3)] }, 2024);
    expect(odd.years.map((y) => y.cumulativePlanned)).toEqual([333, 667, 1000]);
  });
});
