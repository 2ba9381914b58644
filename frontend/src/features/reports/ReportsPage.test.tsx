import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Obligation } from '../../api/types';
import { session } from '../../auth/session';
import { today } from '../../forms/today';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import ReportsPage from './ReportsPage';

// Days around the real today, as the page judges "the period is over" by it.
const day = today();
const year = Number(day.slice(0, 4));
const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const now = new Date(`${day}T12:00:00`);
const lastMonthStart = new Date(now.getFullYear(), now.getMonth() - 1, 1);
const lastMonthEnd = new Date(now.getFullYear(), now.getMonth(), 0);
const mm = String(lastMonthStart.getMonth() + 1).padStart(2, '0');
const monthLabel = `Tháng ${mm}/${lastMonthStart.getFullYear()}`;

const lastMonth: Obligation = {
  agency_id: 1,
  agency_name: 'Công ty mẫu',
  kind: 'monthly_changes',
  period_from: iso(lastMonthStart),
  period_to: iso(lastMonthEnd),
  due_on: `${iso(now).slice(0, 8)}20`,
  submitted_at: null,
  status: 'missing',
  report_id: null,
};
// A period still running: it cannot be filed yet.
const running: Obligation = {
  ...lastMonth,
  kind: 'annual',
  period_from: iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 300)),
  period_to: iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 30)),
  due_on: iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 35)),
  status: 'upcoming',
};

interface Call {
  method: string;
  path: string;
  search: string;
  key: string | null;
  form?: FormData;
}

describe('ReportsPage (an enterprise files its periodic report, API mocked)', () => {
  const calls: Call[] = [];
  let duties: Obligation[];

  beforeEach(() => {
    // jsdom has no modal dialogs: open it as a plain one, so its content is in the accessibility tree.
    if (!HTMLDialogElement.prototype.showModal) {
      HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
        this.setAttribute('open', '');
      };
    }
    if (!HTMLDialogElement.prototype.close) {
      HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
        this.removeAttribute('open');
      };
    }
    duties = [lastMonth, running];
    calls.length = 0;
    sessionStorage.clear();
    session.setToken('jwt-agency', 3600);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        const form = request.method === 'POST' ? await request.formData() : undefined;
        calls.push({ method: request.method, path: url.pathname, search: url.search, key: request.headers.get('Idempotency-Key'), form });
        if (url.pathname === '/api/v1/auth/me') {
          return Response.json({ id: 5, username: 'agency1', role: 'agency', agency_id: 1, kind: 'user' });
        }
        if (url.pathname === '/api/v1/reports/obligations') return Response.json({ items: duties, next_cursor: null, total: duties.length });
        if (url.pathname === '/api/v1/agencies/1/reports' && form) {
          const filed: Obligation = { ...lastMonth, submitted_at: `${day}T03:00:00Z`, status: 'late', report_id: 41 };
          duties = [filed, running];
          return Response.json(
            {
              id: 41,
              agency_id: 1,
              kind: 'monthly_changes',
              period_from: lastMonth.period_from,
              period_to: lastMonth.period_to,
              figures: JSON.parse(String(form.get('figures'))),
              submitted_at: filed.submitted_at,
              submitted_by: 'agency1',
              revision: 1,
              amends_id: null,
              file_name: 'bao-cao.pdf',
              file_type: 'application/pdf',
              file_size: 9,
              obligation: filed,
            },
            { status: 201 },
          );
        }
        return Response.json({ items: [], next_cursor: null, total: 0 });
      }),
    );
  });

  afterEach(() => {
    cleanup();
    session.clear();
    vi.unstubAllGlobals();
  });

  const renderPage = () =>
    render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider initialLang="vi">
          <ReportsPage />
        </I18nProvider>
      </QueryClientProvider>,
    );

  const row = async (period: string) => {
    const table = await screen.findByRole('table', { name: `Báo cáo phải nộp năm ${year}` });
    return within(table).getAllByRole('row').find((r) => r.getAttribute('data-period') === period) as HTMLElement;
  };

  it('files last month’s report with its figures and a file, and the duty shows as filed', async () => {
    renderPage();
    const before = await row(lastMonth.period_from);
    expect(before.textContent).toContain('Quá hạn chưa nộp');
    expect(before.textContent).toContain(monthLabel);
    expect((await row(running.period_from)).textContent).toContain('Nộp được khi hết kỳ');
    expect(calls.find((c) => c.path === '/api/v1/reports/obligations')?.search).toContain('agency_id=1');

    fireEvent.click(within(before).getByRole('button', { name: `Nộp báo cáo: Báo cáo biến động tháng, ${monthLabel}` }));
    const dialog = await screen.findByRole('dialog', { name: `Nộp báo cáo: Báo cáo biến động tháng – ${monthLabel}` });
    fireEvent.change(within(dialog).getByLabelText('Số người xuất cảnh'), { target: { value: '1.200' } });
    fireEvent.change(within(dialog).getByLabelText('Số người về nước'), { target: { value: '0' } });
    fireEvent.change(within(dialog).getByLabelText('Ghi chú, giải trình'), { target: { value: 'Không có biến động khác.' } });
    const file = new File(['%PDF-1.4\n'], 'bao-cao.pdf', { type: 'application/pdf' });
    fireEvent.change(within(dialog).getByLabelText(/^Tệp báo cáo đã ký/), { target: { files: [file] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Nộp báo cáo' }));

    expect(
      await screen.findByText(`Đã nộp báo cáo (Báo cáo biến động tháng – ${monthLabel}). Tình trạng: Nộp muộn.`),
    ).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/agencies/1/reports');
    expect(post?.key).toBeTruthy();
    expect(post?.form?.get('kind')).toBe('monthly_changes');
    expect(post?.form?.get('period_from')).toBe(lastMonth.period_from);
    expect(post?.form?.get('period_to')).toBe(lastMonth.period_to);
    expect(JSON.parse(String(post?.form?.get('figures')))).toEqual({ departed: 1200, returned: 0, note: 'Không có biến động khác.' });
    expect(post?.form?.get('received_at')).toBeNull();
    // The chosen file goes as the `file` part (jsdom's File does not survive Node's Request
    // whole: filingForm's own test and the browser test check its name and bytes).
    expect(post?.form?.has('file')).toBe(true);

    await vi.waitFor(async () => expect((await row(lastMonth.period_from)).textContent).toContain('Nộp muộn'));
    const after = await row(lastMonth.period_from);
    expect(within(after).getByRole('button', { name: `Nộp bổ sung/điều chỉnh: Báo cáo biến động tháng, ${monthLabel}` })).toBeTruthy();
  });

  it('shows a count that is no whole number on its input and sends nothing', async () => {
    renderPage();
    fireEvent.click(within(await row(lastMonth.period_from)).getByRole('button', { name: /^Nộp báo cáo:/ }));
    const dialog = await screen.findByRole('dialog');
    const departed = within(dialog).getByLabelText('Số người xuất cảnh');
    fireEvent.change(departed, { target: { value: '2,5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Nộp báo cáo' }));
    expect(await within(dialog).findByText('Dữ liệu không hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.')).toBeTruthy();
    expect(departed.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('report-figures-departed-error')?.textContent).toMatch(/^Số người xuất cảnh.* phải là số nguyên, không có phần thập phân\.$/);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
