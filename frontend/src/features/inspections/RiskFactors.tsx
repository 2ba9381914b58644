import type { RiskFactor } from '../../api/types';
import { isMessageKey } from '../../i18n/core';
import { useI18n } from '../../i18n/I18nProvider';

/** How a risk score is made: each factor's value, weight and points. */
export function RiskFactors({ factors, caption }: { factors: RiskFactor[]; caption: string }) {
  const { t, formatNumber } = useI18n();
  const number = (text: string, digits = 2) => formatNumber(Number(text), { maximumFractionDigits: digits });
  const describe = (factor: RiskFactor) => {
    const key = `risk.${factor.name}`;
    return isMessageKey(key) ? t(key) : factor.description;
  };
  return (
    <table className="data-table data-table--compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('risk.factor')}</th>
          <th scope="col" className="num">
            {t('risk.value')}
          </th>
          <th scope="col" className="num">
            {t('risk.weight')}
          </th>
          <th scope="col" className="num">
            {t('risk.score')}
          </th>
        </tr>
      </thead>
      <tbody>
        {factors.map((factor) => (
          <tr key={factor.name}>
            <th scope="row" data-label={t('risk.factor')}>
              {describe(factor)}
            </th>
            <td className="num" data-label={t('risk.value')}>
              {number(factor.value, 4)}
            </td>
            <td className="num" data-label={t('risk.weight')}>
              {number(factor.weight)}
            </td>
            <td className="num" data-label={t('risk.score')}>
              {number(factor.score)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
