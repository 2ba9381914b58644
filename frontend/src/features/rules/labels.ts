import { useI18n } from '../../i18n/I18nProvider';
import { useNames } from '../reference/api';

/** `*` in a rule's key matches any market, programme or channel (docs/law.md). */
export const ANY = '*';

// Money in đồng is written the Vietnamese way in both languages (1.234.567), as on contracts.
const VND = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function formatVnd(value: number): string {
  return VND.format(value);
}

/** A rule's key, period and amounts in words, in the current language. */
export function useRuleWords() {
  const { t, tv, formatDate, formatNumber } = useI18n();
  const names = useNames();
  return {
    market: (code: string) => (code === ANY ? t('rules.anyMarket') : names.market(code)),
    programme: (value: string) => (value === ANY ? t('rules.anyProgramme') : tv('programme', value)),
    channel: (value: string) => (value === ANY ? t('rules.anyChannel') : tv('channel', value)),
    period: (from: string, to: string | null) =>
      to === null
        ? t('rules.from', { from: formatDate(from) })
        : t('rules.fromTo', { from: formatDate(from), to: formatDate(to) }),
    vnd: (value: number) => t('rules.vnd', { amount: formatVnd(value) }),
    months: (value: number) => formatNumber(value),
  };
}

/** After a write: how many placements' flags the rule changed (`flags_changed`, docs/law.md). */
export function flagsChangedText(t: ReturnType<typeof useI18n>['t'], changed: number | null | undefined): string {
  return changed ? t('rules.flagsChanged', { count: changed }) : t('rules.noFlagsChanged');
}
