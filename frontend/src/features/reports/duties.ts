import { DUTY_STATUSES, oneOf, REPORT_KINDS, type DutyStatus, type Obligation, type ReportKind } from '../../api/types';
import type { FormValues } from '../../components/form/kit';
import type { NumberInputs } from '../../forms/numberInputs';
import type { I18n } from '../../i18n/I18nProvider';
import { formatMoment } from '../../i18n/dates';

// The periodic reports an enterprise owes the department (docs/huong-dan-su-dung.md, "Báo cáo
// định kỳ"): each month's changes, due by the 20th of the next month (Circular
// 20/2021/TT-BLĐTBXH Art. 11(1)), and the annual report covering 15 December to 14 December,
// due before 20 December (Circular 21/2021/TT-BLĐTBXH Art. 15). The API judges every status;
// these helpers only word and read what the pages show and send.

/** The counts of the ministry's form, in the order the form asks for them. */
export const STANDARD_FIGURES = ['departed', 'returned', 'returned_early', 'overstayed', 'contracts_terminated'] as const;
export type StandardFigure = (typeof STANDARD_FIGURES)[number];
/** The free text beside the counts. */
export const NOTE_FIGURE = 'note';

/** A figure's form field, named by its path in the API's body so that a 422 lands on it. */
export const figureField = (name: string) => `figures.${name}`;

export type Figures = Record<string, number | string>;

/**
 * The figures for the API from the form: each count read with the one number parser
 * (parseNumber, through `numbers`) as a whole number of 0 or more, so 1.200 and 1 200 are one
 * thousand two hundred; an empty count is left out (not reported), as is an empty note.
 */
export function readFigures(values: FormValues, numbers: NumberInputs): Figures {
  const figures: Figures = {};
  for (const name of STANDARD_FIGURES) {
    const field = figureField(name);
    const text = (values[field] ?? '').trim();
    if (text === '') continue;
    const value = numbers.integer(field, text);
    if (value !== undefined) figures[name] = value;
  }
  const note = (values[figureField(NOTE_FIGURE)] ?? '').trim();
  if (note) figures[NOTE_FIGURE] = note;
  return figures;
}

/** The form's values from a filing's figures (an amendment starts from the latest filing). */
export function figureValues(figures: Readonly<Record<string, unknown>> | undefined): FormValues {
  const values: FormValues = {};
  for (const name of [...STANDARD_FIGURES, NOTE_FIGURE]) {
    const value = figures?.[name];
    values[figureField(name)] = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  }
  return values;
}

/** A filing's figures in the form's order, then any others by name, the note last. */
export function figureEntries(figures: Readonly<Record<string, unknown>>): [string, string | number][] {
  const known: readonly string[] = STANDARD_FIGURES;
  const shown = (name: string) => typeof figures[name] === 'number' || typeof figures[name] === 'string';
  const names = [
    ...STANDARD_FIGURES.filter(shown),
    ...Object.keys(figures)
      .filter((name) => !known.includes(name) && name !== NOTE_FIGURE && shown(name))
      .sort(),
    ...(shown(NOTE_FIGURE) ? [NOTE_FIGURE] : []),
  ];
  return names.map((name) => [name, figures[name] as string | number]);
}

/** The API takes a filing once its period is over (`period_to` on or before today, ISO days). */
export function periodEnded(duty: Pick<Obligation, 'period_to'>, today: string): boolean {
  return duty.period_to <= today;
}

/** What can be done with a duty: file it, amend what was filed, or wait for its period to end. */
export type DutyAction = 'file' | 'amend' | 'wait';

export function dutyAction(duty: Pick<Obligation, 'report_id' | 'period_to'>, today: string): DutyAction {
  if (duty.report_id !== null) return 'amend';
  return periodEnded(duty, today) ? 'file' : 'wait';
}

type Words = Pick<I18n, 't' | 'formatDate'>;

/** A report's period in words: "Tháng 10/2026", or the annual report's year with its days. */
export function periodText({ t, formatDate }: Words, report: { kind: ReportKind; period_from: string; period_to: string }): string {
  if (report.kind === 'monthly_changes') {
    const [year, month] = report.period_from.split('-');
    return t('reports.periodMonth', { month, year });
  }
  return t('reports.periodYear', {
    year: report.period_to.slice(0, 4),
    from: formatDate(report.period_from),
    to: formatDate(report.period_to),
  });
}

/** A filing's place among the filings of its period: the first, or the n-th amendment. */
export function revisionText({ t }: Pick<I18n, 't'>, revision: number): string {
  return revision <= 1 ? t('reports.revisionFirst') : t('reports.revisionAmend', { n: String(revision - 1) });
}

// Vietnam keeps UTC+7 all year; deadlines are Vietnamese days (backend/overseas/obligations/rules.py).
const VIETNAM_OFFSET = '+07:00';
const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * A date-time input's value (`2026-11-20T09:30`) read as Vietnam time, as the instant the API
 * takes for `received_at`: whatever the computer's own timezone, the day a paper report
 * arrived is the Vietnamese day. Empty: undefined (the API takes now); any other text is sent
 * as typed for the API to refuse on its input.
 */
export function receivedAtInstant(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (!LOCAL_MINUTE.test(value)) return value;
  return `${value.length === 16 ? `${value}:00` : value}${VIETNAM_OFFSET}`;
}

/**
 * When a report came in, as dd/MM/yyyy HH:mm in Vietnam time in both languages: the day shown
 * is the day its deadline is judged by, whatever the computer's own timezone (i18n/dates.ts).
 */
export function vietnamDateTime(instant: string): string {
  return formatMoment(instant);
}

/** The badge class of a status: overdue in red, late in amber, filed on time in green. */
export function statusBadgeClass(status: DutyStatus): string {
  return `badge badge--duty-${status}`;
}

/** How many duties are in each status. */
export function countByStatus(duties: readonly Pick<Obligation, 'status'>[]): Record<DutyStatus, number> {
  const counts = Object.fromEntries(DUTY_STATUSES.map((s) => [s, 0])) as Record<DutyStatus, number>;
  for (const duty of duties) counts[duty.status] += 1;
  return counts;
}

/** The years a list offers: this one and the `back` before it, newest first. */
export function yearsBack(year: number, back = 3): number[] {
  return Array.from({ length: back + 1 }, (_, i) => year - i);
}

/**
 * The officers' page filters: a year, a status ("attention" by default: the overdue and the
 * late, each in its own list; "all"; or one status), a kind and an enterprise.
 */
export type StatusChoice = 'attention' | 'all' | DutyStatus;

export interface TrackingFilters {
  year: number;
  status: StatusChoice;
  kind?: ReportKind;
  agency_id?: number;
}

export function parseTracking(search: string, thisYear: number): TrackingFilters {
  const params = new URLSearchParams(search);
  const year = Number(params.get('year'));
  const raw = params.get('status');
  const status: StatusChoice = raw === 'all' ? 'all' : (oneOf(DUTY_STATUSES, raw) ?? 'attention');
  const agency = Number(params.get('agency_id'));
  const filters: TrackingFilters = {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : thisYear,
    status,
  };
  const kind = oneOf(REPORT_KINDS, params.get('kind'));
  if (kind) filters.kind = kind;
  if (Number.isInteger(agency) && agency > 0) filters.agency_id = agency;
  return filters;
}

/** The query string of the filters, leaving out what is the default. */
export function trackingSearch(filters: TrackingFilters, thisYear: number): Record<string, string | number | undefined> {
  return {
    year: filters.year === thisYear ? undefined : filters.year,
    status: filters.status === 'attention' ? undefined : filters.status,
    kind: filters.kind,
    agency_id: filters.agency_id,
  };
}
