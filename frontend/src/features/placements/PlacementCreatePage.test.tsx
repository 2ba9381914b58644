import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import { readDraft } from '../../forms/useDraft';
import PlacementCreatePage from './PlacementCreatePage';

const page = <T,>(items: T[]) => ({ items, next_cursor: null, total: null });
const areas = [{ code: '506', name: 'Huyện Đại Lộc', level: 'district', parent_code: '49', valid_from: null, valid_to: null, successor_code: '48', updated_at: '', version: 1 }];
const markets = [{ code: 'JP', name_vi: 'Nhật Bản', name_en: 'Japan', tier: 'priority', programmes: [], notes: null, updated_at: '', version: 1 }];

function problem422(field: string, code: string, params: Record<string, unknown>, message: string) {
  return new Response(
    JSON.stringify({ title: 'Validation failed', status: 422, code: 'validation_error', detail: `${field}: ${message}`, errors: [{ field, code, params, message }] }),
    { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

describe('PlacementCreatePage', () => {
  const posted: unknown[] = [];
  let answer: () => Response;

  beforeEach(() => {
    posted.length = 0;
    sessionStorage.clear();
    session.setToken('jwt-officer', 3600);
    window.history.replaceState(null, '', '/placements/new');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = new URL(request.url).pathname;
        if (request.method === 'POST') {
          posted.push(await request.json());
          return answer();
        }
        if (path === '/api/v1/auth/me') return Response.json({ id: 2, username: 'officer', role: 'officer', agency_id: null, kind: 'user' });
        if (path === '/api/v1/areas') return Response.json(page(areas));
        if (path === '/api/v1/markets') return Response.json(page(markets));
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
          <PlacementCreatePage />
        </I18nProvider>
      </QueryClientProvider>,
    );

  it('shows the API field error on its input, keeps the values, then saves', async () => {
    renderPage();
    const nationalId = screen.getByLabelText(/Số định danh cá nhân/);
    fireEvent.change(screen.getByLabelText(/Họ và tên/), { target: { value: 'Nguyễn Thị Hoa' } });
    fireEvent.change(nationalId, { target: { value: '049197001234' } });
    fireEvent.change(screen.getByLabelText(/Tiền dịch vụ/), { target: { value: '30.000.000' } });

    answer = () =>
      problem422('worker.national_id', 'national_id_year', { digits: '97', year: 1998 }, 'digits 5-6 (97) do not match the year of birth 1998');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));

    const message = 'Số định danh cá nhân (CCCD): chữ số thứ 5–6 (97) không khớp với năm sinh 1998.';
    expect(await screen.findAllByText(message)).toHaveLength(2);
    expect(screen.getByRole('alert').textContent).toContain(message);
    expect(screen.getByRole('alert').textContent).not.toContain('digits');
    expect(nationalId.getAttribute('aria-invalid')).toBe('true');
    expect(nationalId.getAttribute('aria-describedby')).toContain('placement-worker-national_id-error');
    expect(document.getElementById('placement-worker-national_id-error')?.textContent).toBe(message);
    expect(screen.getByLabelText(/Họ và tên/).getAttribute('aria-invalid')).toBeNull();
    expect((screen.getByLabelText(/Họ và tên/) as HTMLInputElement).value).toBe('Nguyễn Thị Hoa');
    expect(readDraft<Record<string, string>>('placement.new')?.['worker.full_name']).toBe('Nguyễn Thị Hoa');
    expect(posted[0]).toMatchObject({ service_fee_vnd: 30000000, worker: { national_id: '049197001234', full_name: 'Nguyễn Thị Hoa' } });

    fireEvent.change(nationalId, { target: { value: '049198001234' } });
    answer = () => Response.json({ id: 42 }, { status: 201 });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(window.location.pathname).toBe('/placements/42'));
    expect(readDraft('placement.new')).toBeNull();
  });

  it('shows a salary that is no number on its input and sends nothing, then sends 180.000 as 180000', async () => {
    renderPage();
    const salary = screen.getByLabelText(/Lương tháng/);
    fireEvent.change(salary, { target: { value: '180k' } });
    fireEvent.change(screen.getByLabelText(/Tiền dịch vụ/), { target: { value: '1,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));

    const message = 'Lương tháng: “180k” không phải là số. Ghi ví dụ 180000, 180.000 hoặc 1,5.';
    expect(await screen.findAllByText(message)).toHaveLength(2);
    expect(document.getElementById('placement-monthly_salary-error')?.textContent).toBe(message);
    expect(salary.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('placement-service_fee_vnd-error')?.textContent).toBe('Tiền dịch vụ phải là số nguyên, không có phần thập phân.');
    expect(screen.getByRole('alert').textContent).toContain('Dữ liệu không hợp lệ');
    expect(posted).toEqual([]);

    fireEvent.change(salary, { target: { value: '180.000' } });
    fireEvent.change(screen.getByLabelText(/Tiền dịch vụ/), { target: { value: '30.000.000' } });
    answer = () => Response.json({ id: 43 }, { status: 201 });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(window.location.pathname).toBe('/placements/43'));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ monthly_salary: '180000', service_fee_vnd: 30000000 });
  });

  it('maps a nested path such as a policy group onto its group of checkboxes', async () => {
    renderPage();
    answer = () =>
      problem422('worker.policy_groups.0', 'enum', { expected: "'poor_household' or 'ethnic_minority'" }, "Input should be 'poor_household'");
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    const group = await screen.findByRole('group', { name: 'Đối tượng chính sách' });
    expect(group.getAttribute('aria-describedby')).toBe('placement-worker-policy_groups-error');
    // The allowed values by their labels, not the API's names.
    const said = document.getElementById('placement-worker-policy_groups-error')?.textContent ?? '';
    expect(said).toMatch(/^Đối tượng chính sách phải là một trong các giá trị: .+ hoặc .+\.$/);
    expect(said).not.toContain('poor_household');
  });
});
