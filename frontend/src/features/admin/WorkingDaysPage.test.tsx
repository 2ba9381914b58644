import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { today } from '../../forms/today';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import WorkingDaysPage from './WorkingDaysPage';

type Day = { day: string; working: boolean; note: string; source: string; created_at: string };

const year = Number(today().slice(0, 4));
const saturday: Day = { day: `${year}-01-04`, working: true, note: 'Làm bù cho ngày nghỉ Tết', source: 'Thông báo 6150/TB-BLĐTBXH', created_at: `${year - 1}-12-01T08:00:00Z` };
const bridge: Day = { day: `${year - 1}-04-29`, working: false, note: '', source: 'Thông báo 1499/TB-LĐTBXH', created_at: `${year - 1}-03-01T08:00:00Z` };

describe('WorkingDaysPage', () => {
  let days: Day[];
  const calls: { method: string; path: string; search: string; body?: unknown }[] = [];

  beforeEach(() => {
    days = [saturday, bridge];
    calls.length = 0;
    sessionStorage.clear();
    session.setToken('jwt-admin', 3600);
    window.history.replaceState(null, '', '/working-days');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        const body = request.method === 'POST' ? ((await request.json()) as Day) : undefined;
        calls.push({ method: request.method, path: url.pathname, search: url.search, body });
        if (url.pathname === '/api/v1/rules/working-days' && request.method === 'GET') {
          const asked = url.searchParams.get('year');
          return Response.json({ items: days.filter((d) => d.day.startsWith(`${asked}-`)), next_cursor: null, total: null });
        }
        if (url.pathname === '/api/v1/rules/working-days' && body) {
          if (days.some((d) => d.day === body.day)) {
            return new Response(
              JSON.stringify({ title: 'Conflict', status: 409, code: 'already_exists', detail: `${body.day} is already recorded` }),
              { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
            );
          }
          const created = { ...body, created_at: `${year}-02-01T08:00:00Z` };
          days.push(created);
          return Response.json(created, { status: 201 });
        }
        if (url.pathname.startsWith('/api/v1/rules/working-days/') && request.method === 'DELETE') {
          const day = url.pathname.split('/').pop();
          days = days.filter((d) => d.day !== day);
          return new Response(null, { status: 204 });
        }
        return Response.json({ id: 1, username: 'admin', role: 'admin', agency_id: null, kind: 'user' });
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
          <WorkingDaysPage />
        </I18nProvider>
      </QueryClientProvider>,
    );

  const table = async () => screen.findByRole('table', { name: `Ngày hoán đổi năm ${year}` });

  it("lists this year's swapped days and another year's when chosen", async () => {
    renderPage();
    const rows = within(await table()).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1].textContent).toContain('04/01/' + year);
    expect(rows[1].textContent).toContain('Ngày làm việc (làm bù)');
    expect(rows[1].textContent).toContain('Thông báo 6150/TB-BLĐTBXH');
    expect(calls[0]).toMatchObject({ method: 'GET', search: `?year=${year}` });

    fireEvent.change(screen.getByLabelText('Năm'), { target: { value: String(year - 1) } });
    const earlier = await screen.findByRole('table', { name: `Ngày hoán đổi năm ${year - 1}` });
    expect(within(earlier).getAllByRole('row')[1].textContent).toContain('Ngày nghỉ (nghỉ bù)');
  });

  it('adds a day, and shows a day already recorded as an error on the day', async () => {
    renderPage();
    await table();
    const day = screen.getByLabelText(/^Ngày/, { selector: 'input' });
    fireEvent.change(day, { target: { value: saturday.day } });
    fireEvent.change(screen.getByLabelText(/^Căn cứ/), { target: { value: 'Thông báo 6150/TB-BLĐTBXH' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));

    const message = /^Ngày.*: ngày \d\d\/\d\d\/\d{4} đã được ghi nhận\.$/;
    expect((await screen.findAllByText(message)).length).toBeGreaterThan(0);
    expect(day.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('working-day-day-error')?.textContent).toMatch(message);

    fireEvent.change(day, { target: { value: `${year}-05-02` } });
    fireEvent.change(screen.getByLabelText(/^Loại/), { target: { value: 'false' } });
    fireEvent.change(screen.getByLabelText(/^Ghi chú/), { target: { value: 'Nghỉ bù dịp 30/4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));
    expect(await screen.findByText(`Đã ghi nhận ngày 02/05/${year}.`)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { day: saturday.day, working: true, note: '', source: 'Thông báo 6150/TB-BLĐTBXH' },
      { day: `${year}-05-02`, working: false, note: 'Nghỉ bù dịp 30/4', source: 'Thông báo 6150/TB-BLĐTBXH' },
    ]);
    await vi.waitFor(async () => expect(within(await table()).getAllByRole('row')).toHaveLength(3));
    expect((day as HTMLInputElement).value).toBe('');
  });

  it('deletes a day', async () => {
    renderPage();
    await table();
    fireEvent.click(screen.getByRole('button', { name: `Xoá ngày 04/01/${year}` }));
    expect(await screen.findByText(`Đã xoá ngày 04/01/${year}.`)).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === `/api/v1/rules/working-days/${saturday.day}`)).toBe(true);
    expect(await screen.findByText('Chưa ghi nhận ngày hoán đổi nào trong năm này.')).toBeTruthy();
  });
});
