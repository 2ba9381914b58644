import type { Area, Role } from '../../api/types';
import type { FormValues } from '../../components/form/kit';
import type { NumberInputs } from '../../forms/numberInputs';
import type { NewNotice, Notice, NoticeChange, NoticeStatus } from './api';

// A notice's lifecycle as the API enforces it (docs/notices.md): the page shows only the
// actions a user may take, the server still answers 403 or 409 on its own.

/** The code of the whole city: a notice may name it to recruit everywhere. */
export const CITY_CODE = '48';

export const NOTICE_STATUSES: readonly NoticeStatus[] = ['submitted', 'acknowledged', 'rejected', 'withdrawn'];

export interface NoticeActions {
  edit: boolean;
  withdraw: boolean;
  acknowledge: boolean;
  reject: boolean;
}

/** What `role` may do with a notice in `status`. */
export function noticeActions(role: Role | null | undefined, status: NoticeStatus): NoticeActions {
  const agency = role === 'agency';
  const officer = role === 'officer';
  return {
    edit: (agency && status === 'submitted') || (officer && (status === 'submitted' || status === 'acknowledged')),
    withdraw: (agency || officer) && (status === 'submitted' || status === 'acknowledged'),
    acknowledge: officer && status === 'submitted',
    reject: officer && status === 'submitted',
  };
}

/** The codes of the `area_codes` input (kept as text: codes separated by commas). */
export function areaList(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(',').map((code) => code.trim()).filter(Boolean))];
}

/** The codes with `code` added at the end (once). */
export function withArea(text: string | undefined, code: string): string {
  return areaList([...areaList(text), code].join(',')).join(',');
}

/** The codes without `code`. */
export function withoutArea(text: string | undefined, code: string): string {
  return areaList(text)
    .filter((c) => c !== code)
    .join(',');
}

export const NOTICE_FIELDS = ['market_code', 'occupation', 'quota', 'approved_contract_no', 'period_from', 'period_to', 'area_codes'] as const;

/** The form's values of a stored notice (to change it). */
export function valuesFromNotice(notice: Notice): FormValues {
  return {
    market_code: notice.market_code,
    occupation: notice.occupation,
    quota: String(notice.quota),
    approved_contract_no: notice.approved_contract_no,
    period_from: notice.period_from,
    period_to: notice.period_to,
    area_codes: notice.area_codes.join(','),
  };
}

/** The body of a new notice; the quota is read as a whole number (`numbers`). */
export function noticeBody(values: FormValues, numbers: NumberInputs): NewNotice {
  const text = (name: string) => (values[name] ?? '').trim();
  const quota = text('quota');
  return {
    market_code: text('market_code'),
    occupation: text('occupation'),
    quota: quota === '' ? 0 : (numbers.integer('quota', quota) ?? 0),
    approved_contract_no: text('approved_contract_no'),
    period_from: text('period_from'),
    period_to: text('period_to'),
    area_codes: areaList(values.area_codes),
  };
}

/** The fields of a change that differ from the stored notice: a PATCH sends only those. */
export function noticeChange(notice: Notice, body: NewNotice): NoticeChange {
  const change: NoticeChange = {};
  if (body.market_code !== notice.market_code) change.market_code = body.market_code;
  if (body.occupation !== notice.occupation) change.occupation = body.occupation;
  if (body.quota !== notice.quota) change.quota = body.quota;
  if (body.approved_contract_no !== notice.approved_contract_no) change.approved_contract_no = body.approved_contract_no;
  if (body.period_from !== notice.period_from) change.period_from = body.period_from;
  if (body.period_to !== notice.period_to) change.period_to = body.period_to;
  if (body.area_codes.join(',') !== notice.area_codes.join(',')) change.area_codes = body.area_codes;
  return change;
}

/** A date `days` after the ISO day `from` (YYYY-MM-DD). */
export function addDays(from: string, days: number): string {
  const day = new Date(`${from}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * The name of the unit a bare code names: its newest unit (docs/places.md), as the API reads a
 * notice's codes; the city's code reads as the whole city (`wholeCity`).
 */
export function areaName(areas: readonly Area[], code: string, wholeCity: string): string {
  if (code === CITY_CODE) return wholeCity;
  const units = areas.filter((a) => a.code === code);
  units.sort((a, b) => (a.valid_from ?? '').localeCompare(b.valid_from ?? ''));
  return units.at(-1)?.name ?? code;
}
