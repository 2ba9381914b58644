import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { readDraft } from '../../forms/useDraft';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import ComplaintCreatePage from './ComplaintCreatePage';

const page = <T,>(items: T[]) => ({ items, next_cursor: null, total: null });
const agency = { id: 2, licence_no: 'DEMO-002', name: 'Công ty mẫu Hội An', status: 'active' };

describe('ComplaintCreatePage', () => {
  const posted: { body: Record<string, unknown>; key: string | null }[] = [];
  let answer: () => Response;

  beforeEach(() => {
    posted.length = 0;
    sessionStorage.clear();
    session.setToken('jwt-officer', 3600);
    window.history.replaceState(null, '', '/complaints/new');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = new URL(request.url).pathname;
        if (request.method === 'POST') {
          posted.push({ body: await request.json(), key: request.headers.get('Idempotency-Key') });
          return answer();
        }
        if (path === '/api/v1/auth/me') return Response.json({ id: 2, username: 'officer', role: 'officer', agency_id: null, kind: 'user' });
        if (path === '/api/v1/agencies') return Response.json(page([agency]));
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
          <ComplaintCreatePage />
        </I18nProvider>
      </QueryClientProvider>,
    );

  it('keeps the complainant out of the stored draft, shows the API’s error on its input, then saves', async () => {
    renderPage();
    await screen.findByRole('option', { name: agency.name });
    fireEvent.change(screen.getByLabelText(/Doanh nghiệp bị phản ánh/), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText(/Mã hồ sơ người lao động/), { target: { value: '15' } });
    fireEvent.change(screen.getByLabelText(/Tóm tắt nội dung/), { target: { value: 'Giữ hộ chiếu của người lao động' } });
    fireEvent.change(screen.getByLabelText(/Họ và tên người gửi đơn/), { target: { value: 'Trần Thị B' } });
    fireEvent.change(screen.getByLabelText(/Số điện thoại người gửi đơn/), { target: { value: '0905123456' } });

    const draft = readDraft<Record<string, string>>('complaint.new');
    expect(draft?.summary).toBe('Giữ hộ chiếu của người lao động');
    expect(JSON.stringify(draft)).not.toContain('Trần Thị B');
    expect(JSON.stringify(sessionStorage)).not.toContain('0905123456');

    answer = () =>
      new Response(
        JSON.stringify({
          title: 'Validation failed',
          status: 422,
          code: 'validation_error',
          errors: [{ field: 'placement_id', code: 'other_enterprise', message: 'the worker was placed by another enterprise than agency_id' }],
        }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      );
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    const message = /^Mã hồ sơ người lao động.*: thuộc doanh nghiệp khác\.$/;
    expect((await screen.findAllByText(message)).length).toBeGreaterThan(0);
    expect(screen.getByLabelText(/Mã hồ sơ người lao động/).getAttribute('aria-invalid')).toBe('true');
    expect(posted[0].body).toMatchObject({
      agency_id: 2,
      placement_id: 15,
      source: 'worker',
      category: 'fees',
      summary: 'Giữ hộ chiếu của người lao động',
      complainant_name: 'Trần Thị B',
      complainant_phone: '0905123456',
      complainant_address: null,
    });
    expect(posted[0].key).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/Mã hồ sơ người lao động/), { target: { value: '' } });
    answer = () => Response.json({ id: 42 }, { status: 201 });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(window.location.pathname).toBe('/complaints/42'));
    expect(posted[1].body).toMatchObject({ placement_id: null, complainant_name: 'Trần Thị B' });
    expect(readDraft('complaint.new')).toBeNull();
  });
});
