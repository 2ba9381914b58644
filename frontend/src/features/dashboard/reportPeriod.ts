import type { ReportPeriod } from '../../api/types';

/**
 * The first and last day (ISO dates) of an annual report, as the API counts them (docs/api.md,
 * "The annual report"): the statutory period runs from 15 December of the year before to
 * 14 December (Decree 09/2019/NĐ-CP Art. 12), the calendar year from 1 January to 31 December.
 */
export function reportDays(year: number, period: ReportPeriod): { from: string; to: string } {
  if (period === 'calendar') return { from: `${year}-01-01`, to: `${year}-12-31` };
  return { from: `${year - 1}-12-15`, to: `${year}-12-14` };
}

/** The workbook's name when the server gives none; it names the period, as the server does. */
export function reportFilename(year: number, period: ReportPeriod): string {
  return `bao-cao-nam-${year}-${period === 'calendar' ? 'nam-duong-lich' : 'ky-bao-cao'}.xlsx`;
}
