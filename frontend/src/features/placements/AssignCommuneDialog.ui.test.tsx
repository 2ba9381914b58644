import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import { AssignCommuneDialog } from './AssignCommuneDialog';

const DAI_LANH = {
  code: '20506',
  name: 'Xã Đại Lãnh',
  level: 'commune',
  parent_code: '506',
  valid_from: null,
  valid_to: '2025-06-30',
  successor_code: null,
  predecessors: [],
  successors: [],
  updated_at: '',
  version: 1,
};
const DAI_LOC = { ...DAI_LANH, code: '506', name: 'Huyện Đại Lộc', level: 'district', parent_code: '49' };

interface Call {
  url: URL;
  body: unknown;
}

describe('AssignCommuneDialog (POST /placements/assign-commune, mocked)', () => {
  const calls: Call[] = [];
  let assignAnswer: (dryRun: boolean) => Response;

  beforeEach(() => {
    // jsdom has no modal dialogs: open it as a plain one, so its content is in the accessibility tree.
    if (!HTMLDialogElement.prototype.showModal) {
      HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
        this.setAttribute('open', '');
      };
    }
    vi.useFakeTimers({ shouldAdvanceTime: true });
    calls.length = 0;
    session.setToken('jwt-officer', 3600);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        const body = request.method === 'POST' ? await request.json() : undefined;
        calls.push({ url, body });
        if (url.pathname === '/api/v1/areas') {
          const items = url.searchParams.get('level') === 'commune' ? [DAI_LANH] : [DAI_LANH, DAI_LOC];
          return Response.json({ items, next_cursor: null, total: null });
        }
        if (url.pathname === '/api/v1/placements/assign-commune') return assignAnswer(url.searchParams.get('dry_run') === 'true');
        return Response.json({ items: [], next_cursor: null, total: null });
      }),
    );
  });

  afterEach(() => {
    cleanup();
    session.clear();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const renderDialog = () =>
    render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider initialLang="vi">
          <AssignCommuneDialog filters={{ unallocated: true, home_area_code: '506' }} open onClose={() => {}} />
        </I18nProvider>
      </QueryClientProvider>,
    );

  async function chooseDaiLanh() {
    fireEvent.click(screen.getByLabelText('hồ sơ đăng ký trước 01/07/2025'));
    const input = screen.getByRole('combobox', { name: /Xã, phường được gán/ });
    fireEvent.change(input, { target: { value: 'dai lanh' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(300);
    });
    const option = await screen.findByRole('option', { name: /^Xã Đại Lãnh — Huyện Đại Lộc/ });
    const search = calls.filter((c) => c.url.pathname === '/api/v1/areas').at(-1)!.url.searchParams;
    expect(search.get('on')).toBe('2025-06-30');
    expect(search.get('level')).toBe('commune');
    fireEvent.click(option);
  }

  it('counts with a dry run, then writes the same assignment', async () => {
    assignAnswer = (dryRun) => Response.json({ matched: 99, updated: 99, dry_run: dryRun });
    renderDialog();
    await chooseDaiLanh();
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra trước' }));
    expect(await screen.findByText('99 hồ sơ sẽ được gán.')).toBeTruthy();
    const dry = calls.filter((c) => c.url.pathname === '/api/v1/placements/assign-commune');
    expect(dry).toHaveLength(1);
    expect(dry[0].url.searchParams.get('dry_run')).toBe('true');
    expect(dry[0].body).toEqual({
      home_area_code: '20506',
      filter: { unallocated: true, home_area_code: '506', registered_to: '2025-06-30' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Gán 99 hồ sơ' }));
    expect(await screen.findByText('Đã gán xã, phường cho 99 hồ sơ.')).toBeTruthy();
    const writes = calls.filter((c) => c.url.pathname === '/api/v1/placements/assign-commune');
    expect(writes).toHaveLength(2);
    expect(writes[1].url.searchParams.get('dry_run')).toBe('false');
    expect(writes[1].body).toEqual(dry[0].body);
  });

  it('shows a refusal under the picker and offers no write', async () => {
    assignAnswer = () =>
      new Response(
        JSON.stringify({
          title: 'Validation failed',
          status: 422,
          code: 'validation_error',
          detail: 'home_area_code: …',
          errors: [{ field: 'home_area_code', code: 'not_assignable', params: { value: '20506' }, message: "'20506' cannot be given to 3 of the 99 records found: it lies outside the unit they were registered in" }],
        }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      );
    renderDialog();
    await chooseDaiLanh();
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra trước' }));
    const input = screen.getByRole('combobox', { name: /Xã, phường được gán/ });
    await vi.waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = input.getAttribute('aria-describedby')!.split(' ');
    const error = describedBy.map((id) => document.getElementById(id)).find((el) => el?.className === 'field__error');
    expect(error?.textContent).toContain('không gán được “20506”');
    expect(error?.textContent).not.toContain('records');
    expect(screen.queryByRole('button', { name: /^Gán \d+ hồ sơ$/ })).toBeNull();
  });
});
