import type { Progress } from '../../api/types';

/** One year of the plan: what it brought, its target or the plan's average, and both running totals. */
export interface PlanYear {
  year: number;
  key: string;
  actual: number;
  /** The year's own target, when one was set. */
  target: number | null;
  /** What the plan's path counts for the year: its target, else the plan's yearly average. */
  planned: number | null;
  /** True when `planned` is the plan's average, a reference rather than a target. */
  reference: boolean;
  /** Departures from the plan's first year through this one; null for years still ahead. */
  cumulativeActual: number | null;
  /** The plan's path: the planned departures from its first year through this one. */
  cumulativePlanned: number | null;
}

export interface PlanPath {
  years: PlanYear[];
  /** The plan's total spread evenly over its years (12,000 over 2023–2030: 1,500). */
  average: number | null;
  /** Departures each remaining year needs to bring to meet the plan. */
  requiredPerYear: number | null;
  /** The first year still to come in full or in part (this year), within the span. */
  firstRemaining: number | null;
}

/**
 * The plan's path over its span from the progress by year (docs/api.md, "Targets and
 * progress"): each year counts its own target where one exists, otherwise the plan's total
 * spread evenly, shown as a reference and not as a target. Departures so far add up through
 * `thisYear`.
 */
export function planPath(progress: Progress, thisYear: number): PlanPath {
  const span = progress.year_to - progress.year_from + 1;
  const average = progress.target !== null && span > 0 ? progress.target / span : null;
  let actualSoFar = 0;
  let plannedSoFar = 0;
  const years = progress.rows.map((row) => {
    const year = Number(row.key);
    const planned = row.target ?? average;
    actualSoFar += row.actual;
    if (planned !== null) plannedSoFar += planned;
    return {
      year,
      key: row.key ?? '',
      actual: row.actual,
      target: row.target,
      planned,
      reference: row.target === null && average !== null,
      cumulativeActual: year <= thisYear ? actualSoFar : null,
      cumulativePlanned: planned === null ? null : Math.round(plannedSoFar),
    };
  });
  const inSpan = thisYear >= progress.year_from && thisYear <= progress.year_to;
  return {
    years,
    average,
    requiredPerYear: progress.projection.required_per_year,
    firstRemaining: inSpan ? thisYear : thisYear < progress.year_from ? progress.year_from : null,
  };
}
