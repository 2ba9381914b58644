import type { RiskFactor } from '../../api/types';
import type { MessageKey, Params } from '../../i18n/core';

type Translate = (key: MessageKey, params?: Params) => string;
type FormatNumber = (value: number, options?: Intl.NumberFormatOptions) => string;

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * A risk factor in plain units, in the current language, from the figures the API gives with
 * it (`params`; docs/inspections.md, "The risk ranking"); the API's English `text` when a factor
 * is not known here.
 */
export function factorText(factor: RiskFactor, t: Translate, formatNumber: FormatNumber): string {
  const p = factor.params as Record<string, unknown>;
  const pct = (value: unknown) => {
    const n = num(value);
    return n === null ? '–' : `${formatNumber(n * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
  };
  switch (factor.name) {
    case 'inspection_gap':
      return num(p.months) === null ? t('riskText.neverInspected') : t('riskText.monthsSince', { months: num(p.months) ?? 0 });
    case 'overdue_remedies':
      return num(p.count)
        ? t('riskText.overdue', { count: num(p.count) ?? 0, days: num(p.days) ?? 0 })
        : t('riskText.noneOverdue');
    case 'open_violations':
      return t('riskText.open', { count: num(p.count) ?? 0 });
    case 'flagged_share':
      return t('riskText.flagged', { count: num(p.count) ?? 0, of: num(p.of) ?? 0, rate: pct(p.rate) });
    case 'early_return_rate':
    case 'overstay_rate': {
      const kind = factor.name === 'early_return_rate' ? 'early' : 'overstay';
      return num(p.rate) === null
        ? t(`riskText.${kind}None` as MessageKey)
        : t(`riskText.${kind}` as MessageKey, { rate: pct(p.rate), province: pct(p.province_rate) });
    }
    case 'late_report_rate':
      return t('riskText.lateDepartures', { count: num(p.count) ?? 0, of: num(p.of) ?? 0, rate: pct(p.rate) });
    case 'reports_not_on_time': {
      if (!num(p.due)) return t('riskText.noReportsDue');
      const parts = [];
      if (p.annual === 'missing') parts.push(t('riskText.annualMissing'));
      if (p.annual === 'late') parts.push(t('riskText.annualLate'));
      parts.push(t('riskText.reports', { bad: (num(p.late) ?? 0) + (num(p.missing) ?? 0), due: num(p.due) ?? 0 }));
      return parts.join('; ');
    }
    case 'complaints':
      return t('riskText.complaints', { open: num(p.open) ?? 0, substantiated: num(p.substantiated) ?? 0 });
    case 'recruiting_without_notice':
      return num(p.of)
        ? t('riskText.withoutNotice', { count: num(p.count) ?? 0, of: num(p.of) ?? 0, rate: pct(p.rate) })
        : t('riskText.noRecruitment');
    default:
      return factor.text;
  }
}
