import type { ProgressRow } from '../../api/types';

// The colour classes of the progress map: the share of the target reached where the communes
// have targets, else the departures themselves; a commune without figures is "no data".
// Light to dark blue (ColorBrewer "Blues"), each boundary drawn dark on top, so that every
// unit stands out from its neighbours and from the page (WCAG 2.2, 1.4.11).

export const CLASS_FILLS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_FILL = 'url(#progress-map-no-data)';

export type MapMode = 'percent' | 'actual';

export interface ColourClass {
  /** Smallest value in the class. */
  min: number;
  /** Where the class ends, or null for "and above": percent bands end before it, departure bands at it. */
  max: number | null;
  fill: string;
}

const PERCENT_BOUNDS = [0, 25, 50, 75, 100];

/** Percent when any commune has a target, else departures. */
export function mapMode(rows: readonly ProgressRow[]): MapMode {
  return rows.some((row) => row.key !== null && row.target !== null && row.target !== undefined) ? 'percent' : 'actual';
}

/** A round step (1, 2 or 5 times a power of ten) not below `value`. */
function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= value) ?? 10 * power;
}

/** The classes for the figures shown: five bands of percent, or zero and four bands of departures. */
export function colourClasses(rows: readonly ProgressRow[], mode: MapMode): ColourClass[] {
  if (mode === 'percent') {
    return PERCENT_BOUNDS.map((min, i) => ({ min, max: PERCENT_BOUNDS[i + 1] ?? null, fill: CLASS_FILLS[i] }));
  }
  const max = Math.max(0, ...rows.filter((row) => row.key !== null).map((row) => row.actual));
  const step = niceStep(Math.ceil(max / 4));
  const bounds = [0, 1, step, 2 * step, 3 * step].filter((b, i, all) => i === 0 || b > all[i - 1]);
  return bounds.map((min, i) => ({
    min,
    max: i + 1 < bounds.length ? bounds[i + 1] - 1 : null,
    fill: CLASS_FILLS[i],
  }));
}

/** The class a commune falls in, or null for "no data". Percent bands hold [min, max). */
export function classOf(row: ProgressRow | undefined, mode: MapMode, classes: readonly ColourClass[]): ColourClass | null {
  if (!row) return null;
  const value = mode === 'percent' ? (row.percent ?? null) : row.actual;
  if (value === null || Number.isNaN(value)) return null;
  for (let i = classes.length - 1; i >= 0; i--) {
    if (value >= classes[i].min) return classes[i];
  }
  return classes[0];
}
