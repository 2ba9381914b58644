import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import FeeCheckPage from './FeeCheckPage';

const markets = [
  { code: 'JP', name_vi: 'Nhật Bản', name_en: 'Japan', tier: 'priority', programmes: ['TITP', 'SSW', 'engineer'], records: [] },
  { code: 'KR', name_vi: 'Hàn Quốc', name_en: 'Korea', tier: 'priority', programmes: ['EPS'], records: [] },
];
const answer = {
  market_code: 'JP',
  on: '2026-11-30',
  fee_cap_vnd: 91_800_000,
  fee_cap_months: 3,
  deposit_cap_vnd: 0,
  exchange_rate: { value: 170, effective_on: '2026-01-02', source: 'demo' },
  rules: [{ kind: 'fee', source: 'Law 69/2020/QH14 Art. 23', note: 'General cap', valid_from: '2022-01-01', valid_to: null }],
};

const agencies = [
  { licence_no: 'DEMO-002/LĐTBXH-GP', name: 'Công ty CP Cung ứng lao động Hội An', status: 'active' },
  { licence_no: 'DEMO-003/LĐTBXH-GP', name: 'Công ty TNHH Xuất khẩu lao động Trường Hải', status: 'suspended' },
];

describe('FeeCheckPage', () => {
  const asked: URLSearchParams[] = [];
  const searched: string[] = [];
  let reply: () => Response;

  beforeEach(() => {
    asked.length = 0;
    searched.length = 0;
    window.history.replaceState(null, '', '/kiem-tra-phi');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        if (url.pathname === '/api/v1/public/markets') return Response.json(markets);
        if (url.pathname === '/api/v1/public/fee-check') {
          asked.push(url.searchParams);
          return reply();
        }
        if (url.pathname === '/api/v1/public/agencies') {
          searched.push(url.searchParams.get('q') ?? '');
          return Response.json({ items: agencies.filter((a) => a.name.includes(url.searchParams.get('q') ?? '')), next_cursor: null, total: null });
        }
        return Response.json({ items: [], next_cursor: null, total: null });
      }),
    );
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const renderPage = () =>
    render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider initialLang="vi">
          <FeeCheckPage />
        </I18nProvider>
      </QueryClientProvider>,
    );

  async function fillJapan() {
    const market = screen.getByLabelText(/Nước đến làm việc/);
    await screen.findByRole('option', { name: 'Nhật Bản' });
    fireEvent.change(market, { target: { value: 'JP' } });
    fireEvent.change(screen.getByLabelText(/^Chương trình/), { target: { value: 'TITP' } });
    fireEvent.change(screen.getByLabelText(/Lương tháng/), { target: { value: '180.000' } });
    fireEvent.change(screen.getByLabelText(/Thời hạn hợp đồng/), { target: { value: '36' } });
  }

  it("offers only the market's programmes and its usual currency, sends the canonical salary and shows the answer", async () => {
    renderPage();
    await fillJapan();
    const programmes = [...(screen.getByLabelText(/^Chương trình/) as HTMLSelectElement).options].map((o) => o.value);
    expect(programmes).toEqual(['', 'TITP', 'SSW', 'engineer']);
    expect((screen.getByLabelText(/Đơn vị tiền lương/) as HTMLSelectElement).value).toBe('JPY');

    reply = () => Response.json(answer);
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra' }));
    expect((await screen.findByTestId('fee-cap-vnd')).textContent).toBe('91.800.000 đồng');
    expect(Object.fromEntries(asked[0])).toEqual({
      market_code: 'JP',
      programme: 'TITP',
      channel: 'service_enterprise',
      monthly_salary: '180000',
      salary_currency: 'JPY',
      contract_months: '36',
    });
  });

  it("shows the API's 422 under the input it names", async () => {
    renderPage();
    await fillJapan();
    reply = () =>
      new Response(
        JSON.stringify({
          title: 'Validation failed',
          status: 422,
          code: 'validation_error',
          errors: [{ field: 'contract_months', code: 'less_than_equal', params: { le: 120 }, message: 'Input should be less than or equal to 120' }],
        }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      );
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra' }));
    const months = screen.getByLabelText(/Thời hạn hợp đồng/);
    await vi.waitFor(() => expect(months.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('fee-check-contract_months-error')?.textContent).toContain('120');
    expect(screen.queryByTestId('fee-result')).toBeNull();
  });

  it('sends nothing for a salary that is no number and says so on its input', async () => {
    renderPage();
    await fillJapan();
    fireEvent.change(screen.getByLabelText(/Lương tháng/), { target: { value: '180k' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra' }));
    const message = /^Lương tháng.*: “180k” không phải là số\. Ghi ví dụ 180000, 180\.000 hoặc 1,5\.$/;
    expect((await screen.findAllByText(message)).length).toBeGreaterThan(0);
    expect(document.getElementById('fee-check-monthly_salary-error')?.textContent).toMatch(message);
    expect(screen.getByLabelText(/Lương tháng/).getAttribute('aria-invalid')).toBe('true');
    expect(asked).toEqual([]);
  });

  it("finds an enterprise by part of its name once typing pauses, with its licence status in words", async () => {
    renderPage();
    const input = screen.getByLabelText('Tên hoặc số giấy phép của doanh nghiệp');
    fireEvent.change(input, { target: { value: 'Trư' } });
    fireEvent.change(input, { target: { value: 'Trường Hải' } });
    const table = await screen.findByRole('table', { name: 'Doanh nghiệp khớp với “Trường Hải”' });
    expect(searched).toEqual(['Trường Hải']);
    const row = within(table).getAllByRole('row')[1];
    expect(row.textContent).toContain('DEMO-003/LĐTBXH-GP');
    expect(within(row).getByText('Bị đình chỉ').className).toContain('badge--suspended');

    fireEvent.change(input, { target: { value: 'Không có' } });
    expect(await screen.findByText(/Không tìm thấy doanh nghiệp nào khớp với “Không có”/)).toBeTruthy();
  });
});
