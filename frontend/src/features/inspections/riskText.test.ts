import { describe, expect, it } from 'vitest';
import type { RiskFactor } from '../../api/types';
import { translate, type MessageKey, type Params } from '../../i18n/core';
import { factorText } from './riskText';

const factor = (name: string, params: Record<string, unknown>, text = 'English text'): RiskFactor => ({
  name, description: '', text, params, value: 0, weight: 10, score: 0,
});
const vi = (key: MessageKey, params?: Params) => translate('vi', key, params);
const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const fmt = (lang: string) => (value: number, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(lang, options).format(value);

describe('factorText', () => {
  it('says each factor in plain units, in Vietnamese', () => {
    expect(factorText(factor('inspection_gap', { months: 14 }), vi, fmt('vi-VN'))).toBe('14 tháng kể từ lần thanh tra gần nhất');
    expect(factorText(factor('inspection_gap', { months: null }), vi, fmt('vi-VN'))).toBe('Chưa từng được thanh tra');
    expect(factorText(factor('overdue_remedies', { count: 2, days: 45 }), vi, fmt('vi-VN'))).toBe(
      '2 biện pháp khắc phục quá hạn, lâu nhất 45 ngày',
    );
    expect(
      factorText(factor('early_return_rate', { rate: 0.093, province_rate: 0.031 }), vi, fmt('vi-VN')),
    ).toBe('Về nước trước hạn 9,3 % so với 3,1 % của toàn tỉnh');
    expect(
      factorText(factor('reports_not_on_time', { due: 13, late: 1, missing: 3, annual: 'missing' }), vi, fmt('vi-VN')),
    ).toBe('Chưa nộp báo cáo năm; 4/13 báo cáo đến hạn trong 12 tháng qua nộp muộn hoặc chưa nộp');
  });

  it('says them in English too, and falls back to the API text for a factor it does not know', () => {
    expect(factorText(factor('overstay_rate', { rate: 0.2, province_rate: 0.02 }), en, fmt('en'))).toBe(
      'Overstays 20.0 % against 2.0 % in the province',
    );
    expect(factorText(factor('something_new', { count: 2 }, '2 things'), vi, fmt('vi-VN'))).toBe('2 things');
  });

  it('says complaints and recruiting without a notice', () => {
    expect(factorText(factor('complaints', { open: 2, substantiated: 1 }), vi, fmt('vi-VN'))).toBe(
      '2 đơn thư đang mở, 1 đơn có cơ sở trong 24 tháng qua',
    );
    expect(factorText(factor('recruiting_without_notice', { count: 3, of: 4, rate: 0.75 }), vi, fmt('vi-VN'))).toBe(
      '3/4 hồ sơ đăng ký trong 12 tháng qua không gắn thông báo tuyển dụng (75,0 %)',
    );
    expect(factorText(factor('recruiting_without_notice', { of: 0 }), en, fmt('en'))).toBe(
      'No placement registered through it in the last 12 months',
    );
  });
});
