import type { Channel } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import type { FeeCheckAnswer, FeeCheckQuery } from './feeCheck';

// Money in đồng is written the Vietnamese way in both languages (1.234.567), as on contracts.
const VND = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function formatVnd(value: number): string {
  return VND.format(value);
}

/**
 * Why there is no deposit cap: Korea's EPS through the public centre follows the agreement
 * between the two governments (docs/law.md, "The public fee check"); elsewhere none is known.
 */
function followsAgreement(query: Pick<FeeCheckQuery, 'market_code' | 'programme' | 'channel'>): boolean {
  const channel: Channel = query.channel ?? 'service_enterprise';
  return query.programme === 'EPS' || (query.market_code.toUpperCase() === 'KR' && channel === 'public_unit');
}

/** The answer of a fee check: the two caps in large type, then the legal basis and the rate used. */
export function FeeCheckResult({ answer, query, marketLabel }: { answer: FeeCheckAnswer; query: FeeCheckQuery; marketLabel?: string }) {
  const { t, formatNumber, formatDate } = useI18n();
  const months = answer.fee_cap_months;
  const rate = answer.exchange_rate;
  const currency = query.salary_currency.toUpperCase();
  return (
    <div className="fee-result" data-testid="fee-result">
      <p className="fee-result__on">{t('feeCheck.resultOn', { market: marketLabel ?? answer.market_code, date: formatDate(answer.on) })}</p>
      <div className="fee-result__caps">
        <div className="card fee-cap" data-testid="fee-cap">
          <h3 className="fee-cap__label">{t('feeCheck.feeCap')}</h3>
          {months === null ? (
            <p className="fee-cap__value">{t('feeCheck.noFeeCap')}</p>
          ) : answer.fee_cap_vnd !== null ? (
            <>
              <p className="fee-cap__value" data-testid="fee-cap-vnd">
                {t('feeCheck.vnd', { amount: formatVnd(answer.fee_cap_vnd) })}
              </p>
              <p className="fee-cap__detail">
                {answer.fee_cap_vnd === 0 ? t('feeCheck.noFee') : t('feeCheck.monthsOfSalary', { months: formatNumber(months) })}
              </p>
            </>
          ) : (
            <>
              <p className="fee-cap__value">{t('feeCheck.monthsOnly', { months: formatNumber(months) })}</p>
              <p className="fee-cap__detail">{t('feeCheck.noRateFee', { currency, date: formatDate(answer.on) })}</p>
            </>
          )}
        </div>
        <div className="card fee-cap" data-testid="deposit-cap">
          <h3 className="fee-cap__label">{t('feeCheck.depositCap')}</h3>
          {answer.deposit_cap_vnd !== null ? (
            <>
              <p className="fee-cap__value">{t('feeCheck.vnd', { amount: formatVnd(answer.deposit_cap_vnd) })}</p>
              {answer.deposit_cap_vnd === 0 && <p className="fee-cap__detail">{t('feeCheck.noDeposit')}</p>}
            </>
          ) : followsAgreement(query) ? (
            <>
              <p className="fee-cap__value">{t('feeCheck.depositAgreement')}</p>
              <p className="fee-cap__detail">{t('feeCheck.depositAgreementDetail')}</p>
            </>
          ) : (
            <p className="fee-cap__value">{t('feeCheck.noDepositCap')}</p>
          )}
        </div>
      </div>

      <h3>{t('feeCheck.rate')}</h3>
      {rate ? (
        <p data-testid="fee-rate">
          {t('feeCheck.rateUsed', {
            currency,
            value: formatNumber(rate.value, { maximumFractionDigits: 6 }),
            date: formatDate(rate.effective_on),
            source: rate.source ?? t('common.none'),
          })}
        </p>
      ) : (
        <p data-testid="fee-rate">{t('feeCheck.noRate', { currency, date: formatDate(answer.on) })}</p>
      )}

      <h3>{t('feeCheck.basis')}</h3>
      {answer.rules.length === 0 ? (
        <p>{t('feeCheck.noRules')}</p>
      ) : (
        <ul className="fee-rules" data-testid="fee-rules">
          {answer.rules.map((rule, i) => (
            <li key={`${rule.kind}-${i}`}>
              <p className="fee-rules__source">
                <strong>{rule.kind === 'fee' ? t('feeCheck.ruleFee') : t('feeCheck.ruleDeposit')}:</strong> {rule.source}
              </p>
              {rule.note && <p>{rule.note}</p>}
              {rule.valid_from && (
                <p className="fee-rules__dates">
                  {rule.valid_to
                    ? t('feeCheck.validFromTo', { from: formatDate(rule.valid_from), to: formatDate(rule.valid_to) })
                    : t('feeCheck.validFrom', { from: formatDate(rule.valid_from) })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
