import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Complaint } from '../../api/types';
import { session } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import { RouteParamsContext } from '../../router/router';
import ComplaintDetailPage from './ComplaintDetailPage';

const page = <T,>(items: T[]) => ({ items, next_cursor: null, total: null });
const complaint = (change: Partial<Complaint> = {}): Complaint => ({
  id: 7,
  agency_id: 2,
  received_on: '2026-03-02',
  source: 'family',
  category: 'documents',
  summary: 'Giữ hộ chiếu của người lao động (ví dụ)',
  complainant_name: 'Trần Thị B',
  complainant_phone: '0905123456',
  complainant_address: null,
  placement_id: null,
  area_code: null,
  status: 'open',
  substantiated: null,
  outcome: null,
  resolved_on: null,
  inspection_id: null,
  version: 1,
  created_at: '2026-03-02T01:00:00Z',
  updated_at: '2026-03-02T01:00:00Z',
  ...change,
});

describe('ComplaintDetailPage', () => {
  const sent: { method: string; path: string; body: unknown; headers: Headers }[] = [];
  let shown: Complaint;

  beforeEach(() => {
    sent.length = 0;
    shown = complaint();
    session.setToken('jwt-inspector', 3600);
    window.history.replaceState(null, '', '/complaints/7');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = new URL(request.url).pathname;
        if (request.method !== 'GET') {
          sent.push({ method: request.method, path, body: await request.json(), headers: request.headers });
          if (path === '/api/v1/complaints/7/inspection') {
            shown = complaint({ status: 'investigating', inspection_id: 31, version: 2 });
            return Response.json(shown, { status: 201, headers: { Location: '/api/v1/inspections/31' } });
          }
          shown = complaint({ ...(sent.at(-1)?.body as Partial<Complaint>), version: shown.version + 1 });
          return Response.json(shown);
        }
        if (path === '/api/v1/auth/me') return Response.json({ id: 3, username: 'inspector', role: 'inspector', agency_id: null, kind: 'user' });
        if (path === '/api/v1/complaints/7') return Response.json(shown);
        return Response.json(page([]));
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
          <RouteParamsContext.Provider value={{ id: '7' }}>
            <ComplaintDetailPage />
          </RouteParamsContext.Provider>
        </I18nProvider>
      </QueryClientProvider>,
    );

  it('shows the complainant to the inspector and starts the inspection on the complaint', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Đơn thư số 7' })).toBeTruthy();
    expect(screen.getByText('Trần Thị B')).toBeTruthy();
    expect(screen.getByText('Mới tiếp nhận')).toBeTruthy();

    fireEvent.change(await screen.findByLabelText('Số quyết định'), { target: { value: '12/QĐ-TTr' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lập đoàn kiểm tra theo đơn' }));
    await vi.waitFor(() => expect(window.location.pathname).toBe('/inspections/31'));
    expect(sent).toHaveLength(1);
    expect(sent[0].path).toBe('/api/v1/complaints/7/inspection');
    expect(sent[0].body).toEqual({ decision_no: '12/QĐ-TTr' });
    expect(sent[0].headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('resolves with the finding, sending only what changed with If-Match', async () => {
    shown = complaint({ status: 'investigating', inspection_id: 31, version: 3 });
    renderPage();
    const status = await screen.findByLabelText(/^Trạng thái/);
    expect(screen.queryByRole('button', { name: 'Lập đoàn kiểm tra theo đơn' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Xem cuộc kiểm tra' }).getAttribute('href')).toBe('/inspections/31');

    fireEvent.change(status, { target: { value: 'resolved' } });
    fireEvent.change(screen.getByLabelText('Kết quả xác minh'), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu kết quả xử lý' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].method).toBe('PATCH');
    expect(sent[0].body).toEqual({ status: 'resolved', substantiated: true });
    expect(sent[0].headers.get('If-Match')).toBe('"3"');
    await vi.waitFor(() => expect(document.querySelector('.status-line')?.textContent).toBe('Đã giải quyết Có cơ sở'));
  });
});
