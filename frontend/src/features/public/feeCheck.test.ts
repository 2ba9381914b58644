import { describe, expect, it } from 'vitest';
import { readNumbers } from '../../forms/numberInputs';
import { feeCheckQuery, initialFeeCheckValues, onMarketChosen, usualCurrency } from './feeCheck';

const values = (update: Record<string, string>) => ({ ...initialFeeCheckValues(), ...update });

describe('the fee check query', () => {
  it('sends a salary typed the Vietnamese way as its canonical number', () => {
    const read = readNumbers((n) =>
      feeCheckQuery(values({ market_code: 'JP', programme: 'TITP', monthly_salary: '180.000', salary_currency: 'JPY', contract_months: '36' }), n),
    );
    expect(read).toEqual({
      ok: true,
      body: { market_code: 'JP', programme: 'TITP', channel: 'service_enterprise', monthly_salary: '180000', salary_currency: 'JPY', contract_months: 36 },
    });
  });

  it.each([
    ['1.900.000', '1900000'],
    ['1 900 000', '1900000'],
    ['1.900.000,50', '1900000.5'],
    ['2500,5', '2500.5'],
    ['180000', '180000'],
  ])('reads %s as %s', (typed, canonical) => {
    const read = readNumbers((n) => feeCheckQuery(values({ market_code: 'DE', monthly_salary: typed, salary_currency: 'EUR', contract_months: '24' }), n));
    expect(read.ok && read.body.monthly_salary).toBe(canonical);
  });

  it("falls back to the market's usual currency and leaves out an empty programme and date", () => {
    const read = readNumbers((n) => feeCheckQuery(values({ market_code: 'kr', monthly_salary: '2.000.000', contract_months: '12', channel: 'public_unit' }), n));
    expect(read.ok && read.body).toEqual({
      market_code: 'KR',
      channel: 'public_unit',
      monthly_salary: '2000000',
      salary_currency: 'KRW',
      contract_months: 12,
    });
  });

  it('sends the chosen date', () => {
    const read = readNumbers((n) =>
      feeCheckQuery(values({ market_code: 'TW', monthly_salary: '27470', salary_currency: 'TWD', contract_months: '36', on: '2024-05-01' }), n),
    );
    expect(read.ok && read.body.on).toBe('2024-05-01');
  });

  it('names the inputs that are no number of their kind and builds nothing to send', () => {
    const read = readNumbers((n) => feeCheckQuery(values({ market_code: 'JP', monthly_salary: '180k', salary_currency: 'JPY', contract_months: '1,5' }), n));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.fields.map((f) => f.field)).toEqual(['monthly_salary', 'contract_months']);
  });
});

describe('choosing a market', () => {
  it.each([
    ['JP', 'JPY'],
    ['KR', 'KRW'],
    ['TW', 'TWD'],
    ['DE', 'EUR'],
  ])('offers %s with %s', (market, currency) => {
    expect(usualCurrency(market)).toBe(currency);
    expect(onMarketChosen(values({ salary_currency: 'USD' }), market, []).salary_currency).toBe(currency);
  });

  it('keeps the currency chosen for a market without a usual one', () => {
    expect(usualCurrency('SA')).toBeUndefined();
    expect(onMarketChosen(values({ salary_currency: 'USD' }), 'SA', []).salary_currency).toBe('USD');
  });

  it("drops a programme the new market does not have and keeps one it has", () => {
    expect(onMarketChosen(values({ programme: 'EPS' }), 'JP', ['TITP', 'SSW']).programme).toBe('');
    expect(onMarketChosen(values({ programme: 'SSW' }), 'JP', ['TITP', 'SSW']).programme).toBe('SSW');
  });
});
