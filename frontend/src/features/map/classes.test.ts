import { describe, expect, it } from 'vitest';
import type { ProgressRow } from '../../api/types';
import { classOf, colourClasses, mapMode, CLASS_FILLS } from './classes';

const row = (key: string | null, actual: number, target: number | null = null, percent: number | null = null): ProgressRow => ({
  key,
  label: key ?? '',
  actual,
  target,
  percent,
});

describe('map colour classes', () => {
  it('colours by percent when a commune has a target, with no data for one without', () => {
    const rows = [row('20500', 30, 100, 30.0), row('20971', 5), row(null, 12)];
    expect(mapMode(rows)).toBe('percent');
    const classes = colourClasses(rows, 'percent');
    expect(classes.map((c) => [c.min, c.max])).toEqual([
      [0, 25],
      [25, 50],
      [50, 75],
      [75, 100],
      [100, null],
    ]);
    expect(classOf(rows[0], 'percent', classes)?.fill).toBe(CLASS_FILLS[1]);
    expect(classOf(rows[1], 'percent', classes)).toBeNull();
    expect(classOf(row('1', 120, 100, 120.0), 'percent', classes)?.fill).toBe(CLASS_FILLS[4]);
    expect(classOf(undefined, 'percent', classes)).toBeNull();
  });

  it('colours by departures when no commune has a target; the unallocated row does not count', () => {
    const rows = [row('20500', 0), row('20971', 7), row('20333', 38), row(null, 500, 1000, 50.0)];
    expect(mapMode(rows)).toBe('actual');
    const classes = colourClasses(rows, 'actual');
    // 38 / 4 → 10 a band: 0, 1–9, 10–19, 20–29, 30 and above.
    expect(classes.map((c) => [c.min, c.max])).toEqual([
      [0, 0],
      [1, 9],
      [10, 19],
      [20, 29],
      [30, null],
    ]);
    expect(classOf(rows[0], 'actual', classes)?.min).toBe(0);
    expect(classOf(rows[1], 'actual', classes)?.min).toBe(1);
    expect(classOf(rows[2], 'actual', classes)?.min).toBe(30);
  });

  it('has one class when nobody has departed', () => {
    const classes = colourClasses([row('20500', 0)], 'actual');
    expect(classes.length).toBeGreaterThanOrEqual(1);
    expect(classOf(row('20500', 0), 'actual', classes)?.fill).toBe(CLASS_FILLS[0]);
  });
});
