import type { RiskFactor } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { isMessageKey } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';
import { factorText } from './riskText';

/** How a risk score is made: each factor in plain units, its value, weight and points. */
export function RiskFactors({ factors, caption }: { factors: RiskFactor[]; caption: string }) {
  const { t, formatNumber } = useI18n();
  const number = (value: number, digits = 2) => formatNumber(value, { maximumFractionDigits: digits });
  const describe = (factor: RiskFactor) => {
    const key = `risk.${factor.name}`;
    return isMessageKey(key) ? t(key) : factor.description;
  };
  return (
    <DataTable
      caption={caption}
      showCaption
      compact
      scroll={false}
      rows={factors}
      rowKey={(factor) => factor.name}
      columns={[
        { label: t('risk.factor'), rowHeader: true, cell: describe },
        { label: t('risk.actual'), cell: (factor) => factorText(factor, t, formatNumber) },
        { label: t('risk.value'), numeric: true, cell: (factor) => number(factor.value, 4) },
        { label: t('risk.weight'), numeric: true, cell: (factor) => number(factor.weight) },
        { label: t('risk.score'), numeric: true, cell: (factor) => number(factor.score) },
      ]}
    />
  );
}
