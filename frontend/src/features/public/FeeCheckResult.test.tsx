import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/I18nProvider';
import type { FeeCheckAnswer, FeeCheckQuery } from './feeCheck';
import { FeeCheckResult } from './FeeCheckResult';

const query: FeeCheckQuery = { market_code: 'JP', programme: 'TITP', channel: 'service_enterprise', monthly_salary: '180000', salary_currency: 'JPY', contract_months: 36 };
const feeRule = { kind: 'fee', source: 'Law 69/2020/QH14 Art. 23', note: 'General cap', valid_from: '2022-01-01', valid_to: null };
const depositRule = { kind: 'deposit', source: 'Decree 112/2021/NĐ-CP Art. 29', note: 'No worker deposit', valid_from: '2022-01-01', valid_to: null };

function show(answer: FeeCheckAnswer, asked: FeeCheckQuery = query, lang: 'vi' | 'en' = 'vi') {
  render(
    <I18nProvider initialLang={lang}>
      <FeeCheckResult answer={answer} query={asked} />
    </I18nProvider>,
  );
}

describe('FeeCheckResult', () => {
  afterEach(cleanup);

  it('shows the fee cap in đồng with its months, the rate used and the legal basis', () => {
    show({
      market_code: 'JP',
      on: '2026-11-30',
      fee_cap_vnd: 91_800_000,
      fee_cap_months: 3,
      deposit_cap_vnd: 0,
      exchange_rate: { value: 170, effective_on: '2026-01-02', source: 'Vietcombank' },
      rules: [feeRule, depositRule],
    });
    const fee = screen.getByTestId('fee-cap');
    expect(within(fee).getByTestId('fee-cap-vnd').textContent).toBe('91.800.000 đồng');
    expect(fee.textContent).toContain('bằng 3 tháng lương theo hợp đồng');
    expect(screen.getByTestId('deposit-cap').textContent).toContain('0 đồng');
    expect(screen.getByTestId('deposit-cap').textContent).toContain('không được thu tiền ký quỹ');
    expect(screen.getByTestId('fee-rate').textContent).toBe('1 JPY = 170 đồng, tỷ giá ngày 02/01/2026, nguồn: Vietcombank.');
    const rules = screen.getByTestId('fee-rules');
    expect(rules.textContent).toContain('Phí dịch vụ: Law 69/2020/QH14 Art. 23');
    expect(rules.textContent).toContain('Tiền ký quỹ: Decree 112/2021/NĐ-CP Art. 29');
    expect(rules.textContent).toContain('Áp dụng từ ngày 01/01/2022');
  });

  it('gives the months when no rate is known, and says why there is no amount in đồng', () => {
    show({ market_code: 'DE', on: '2021-06-01', fee_cap_vnd: null, fee_cap_months: 1.5, deposit_cap_vnd: null, exchange_rate: null, rules: [feeRule] }, {
      ...query,
      market_code: 'DE',
      programme: undefined,
      salary_currency: 'EUR',
    });
    const fee = screen.getByTestId('fee-cap');
    expect(fee.textContent).toContain('1,5 tháng lương');
    expect(fee.textContent).toContain('Chưa có tỷ giá EUR đến ngày 01/06/2021');
    expect(screen.queryByTestId('fee-cap-vnd')).toBeNull();
    expect(screen.getByTestId('fee-rate').textContent).toBe('Chưa có tỷ giá EUR nào được biết đến ngày 01/06/2021.');
    expect(screen.getByTestId('deposit-cap').textContent).toContain('Không có mức trần được biết');
  });

  it("says Korea's EPS deposit follows the agreement", () => {
    show(
      {
        market_code: 'KR',
        on: '2026-11-30',
        fee_cap_vnd: 0,
        fee_cap_months: 0,
        deposit_cap_vnd: null,
        exchange_rate: { value: 18.5, effective_on: '2026-01-02', source: 'demo' },
        rules: [feeRule, depositRule],
      },
      { ...query, market_code: 'KR', programme: 'EPS', channel: 'public_unit', monthly_salary: '2000000', salary_currency: 'KRW' },
    );
    const deposit = screen.getByTestId('deposit-cap');
    expect(deposit.textContent).toContain('Theo Hiệp định');
    expect(deposit.textContent).not.toContain('Không có mức trần');
    expect(screen.getByTestId('fee-cap').textContent).toContain('Doanh nghiệp không được thu phí dịch vụ.');
    expect(screen.getByTestId('fee-rate').textContent).toContain('1 KRW = 18,5 đồng');
  });

  it('writes đồng the Vietnamese way in English too', () => {
    show(
      { market_code: 'JP', on: '2026-11-30', fee_cap_vnd: 91_800_000, fee_cap_months: 3, deposit_cap_vnd: null, exchange_rate: null, rules: [] },
      query,
      'en',
    );
    expect(screen.getByTestId('fee-cap-vnd').textContent).toBe('VND 91.800.000');
    expect(screen.getByTestId('deposit-cap').textContent).toContain('No known cap');
  });
});
