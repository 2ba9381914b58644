import type { Channel, Programme } from '../../api/types';
import type { FormValues } from '../../components/form/kit';
import type { paths } from '../../api/schema';
import type { NumberInputs } from '../../forms/numberInputs';

/** The query of `GET /api/v1/public/fee-check` (docs/law.md, "The public fee check"). */
export type FeeCheckQuery = paths['/api/v1/public/fee-check']['get']['parameters']['query'];
export type FeeCheckAnswer = paths['/api/v1/public/fee-check']['get']['responses'][200]['content']['application/json'];

/**
 * The currency a market's contracts are usually written in, offered first on the form; the
 * worker may choose another (the contract's own currency is the one that counts).
 */
export const USUAL_CURRENCY: Readonly<Record<string, string>> = {
  JP: 'JPY',
  KR: 'KRW',
  TW: 'TWD',
  DE: 'EUR',
};

/** The currencies offered in the form's list; the market's usual one is added when missing. */
export const CURRENCIES = ['JPY', 'KRW', 'TWD', 'EUR', 'USD'] as const;

export function usualCurrency(marketCode: string): string | undefined {
  return USUAL_CURRENCY[marketCode.toUpperCase()];
}

/** The form's first values: no market chosen yet, a service enterprise, no date (today). */
export function initialFeeCheckValues(): FormValues {
  return { market_code: '', programme: '', channel: 'service_enterprise', monthly_salary: '', salary_currency: '', contract_months: '', on: '' };
}

/** The values once a market is chosen: its usual currency; a programme it lacks is dropped. */
export function onMarketChosen(values: FormValues, marketCode: string, programmes: readonly string[]): FormValues {
  const programme = values.programme && programmes.length && !programmes.includes(values.programme) ? '' : (values.programme ?? '');
  return {
    market_code: marketCode,
    salary_currency: usualCurrency(marketCode) ?? values.salary_currency ?? '',
    programme,
  };
}

/**
 * The query for the values: the salary read as people type it (`180.000` → `"180000"`), the
 * months as a whole number; no programme and no date are left out (the API's defaults then).
 */
export function feeCheckQuery(values: FormValues, numbers: NumberInputs): FeeCheckQuery {
  const market = (values.market_code ?? '').trim().toUpperCase();
  const currency = (values.salary_currency ?? '').trim().toUpperCase() || usualCurrency(market) || '';
  const salary = numbers.decimal('monthly_salary', values.monthly_salary ?? '');
  const months = numbers.integer('contract_months', values.contract_months ?? '');
  return {
    market_code: market,
    monthly_salary: salary ?? '',
    salary_currency: currency,
    contract_months: months ?? 0,
    channel: (values.channel || 'service_enterprise') as Channel,
    ...(values.programme ? { programme: values.programme as Programme } : {}),
    ...(values.on ? { on: values.on } : {}),
  };
}
