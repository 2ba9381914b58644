import type { Area } from '../../api/types';
import type { Lang } from '../../i18n/core';
import { formatDay } from '../../i18n/dates';
import type { I18n } from '../../i18n/I18nProvider';

/** Whether the unit is in force on `day` (YYYY-MM-DD); an open end is no limit. */
export function validOn(area: Pick<Area, 'valid_from' | 'valid_to'>, day: string): boolean {
  return (!area.valid_from || area.valid_from <= day) && (!area.valid_to || day <= area.valid_to);
}

/**
 * The unit a code names on `day`, or — without a day, or none valid then — the newest unit with
 * the code (docs/places.md: a code and a date name one unit; a bare code the newest).
 */
export function unitOn(areas: readonly Area[], code: string, day?: string): Area | undefined {
  const versions = areas.filter((a) => a.code === code);
  const onDay = day ? versions.find((a) => validOn(a, day)) : undefined;
  return onDay ?? versions.reduce<Area | undefined>((newest, a) => (!newest || (a.valid_from ?? '') > (newest.valid_from ?? '') ? a : newest), undefined);
}

/**
 * The unit above, when it tells units apart: an old commune's district, a district's province.
 * A unit from 2025-07-01 sits directly under the city and is shown without it.
 */
export function parentOf(areas: readonly Area[], area: Area): Area | undefined {
  if (!area.parent_code) return undefined;
  const parent = unitOn(areas, area.parent_code, area.valid_to ?? area.valid_from ?? undefined);
  if (!parent) return undefined;
  return parent.level === 'district' || area.level === 'district' ? parent : undefined;
}

/** A day as 30/06/2025: the app's one date format (i18n/dates.ts). */
export function shortDate(_lang: Lang, day: string): string {
  return formatDay(day);
}

/** The unit's period: "đến 30/06/2025", "từ 01/07/2025", both, or nothing when always in force. */
export function areaPeriod(area: Pick<Area, 'valid_from' | 'valid_to'>, lang: Lang, t: I18n['t']): string {
  const from = area.valid_from ? shortDate(lang, area.valid_from) : null;
  const to = area.valid_to ? shortDate(lang, area.valid_to) : null;
  if (from && to) return t('areaPicker.between', { from, to });
  if (to) return t('areaPicker.until', { to });
  if (from) return t('areaPicker.from', { from });
  return '';
}
