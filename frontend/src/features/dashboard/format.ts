import type { I18n } from '../../i18n/I18nProvider';

/** The API's percent (21.2, of 100) as a localised percentage, or a dash when there is none. */
export function formatPercent(i18n: Pick<I18n, 'formatNumber' | 't'>, percent: number | null | undefined): string {
  if (percent === null || percent === undefined) return i18n.t('common.none');
  return i18n.formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
}

export function formatCount(i18n: Pick<I18n, 'formatNumber' | 't'>, value: number | null | undefined): string {
  return value === null || value === undefined ? i18n.t('common.none') : i18n.formatNumber(value);
}
