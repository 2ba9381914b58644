import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import RulesPage from './RulesPage';

const stamp = '2026-11-01T08:00:00Z';
const generalFee = {
  id: 1, market_code: '*', programme: '*', channel: '*', cap_months_per_12: 1, cap_months_max: 3,
  valid_from: '2022-01-01', valid_to: null, note: 'General cap', source: 'Law 69/2020/QH14 Art. 23', version: 1, updated_at: stamp,
};
const japanFee = {
  id: 3, market_code: 'JP', programme: 'TITP', channel: '*', cap_months_per_12: 1, cap_months_max: 3,
  valid_from: '2024-05-15', valid_to: '2026-06-29', note: '', source: 'Circular 02/2024/TT-BLĐTBXH App. XI', version: 2, updated_at: stamp,
};
const eps = {
  id: 7, market_code: 'KR', programme: 'EPS', channel: 'public_unit', cap_vnd: null,
  valid_from: '2022-01-01', valid_to: null, note: 'Agreement', source: 'Law 69/2020/QH14 Art. 25', version: 1, updated_at: stamp,
};
const japanDeposit = {
  id: 8, market_code: 'JP', programme: '*', channel: 'service_enterprise', cap_vnd: 100_000_000,
  valid_from: '2022-01-01', valid_to: null, note: '', source: 'Circular 21/2021/TT-BLĐTBXH Art. 24', version: 1, updated_at: stamp,
};
const act = (code: string, point: string, confirmed: boolean, version = 1) => ({
  code, article: '49', clause: '1', point, applies_to: 'service_enterprise',
  title_vi: `Hành vi ${point}`, title_en: `Act ${point}`, fine_min_vnd: 10_000_000, fine_max_vnd: 20_000_000,
  fine_basis: 'organisation', per_worker_max_vnd: point === 'b' ? 5_000_000 : null, additional_sanctions: '', remedies: '',
  valid_from: '2026-09-10', valid_to: null, source: 'Decree 283/2026/NĐ-CP', confirmed, version, updated_at: stamp,
});

const power = (code: string, confirmed: boolean, scope = '') => ({
  code, authority_vi: code === 'd283-61-1' ? 'Giám đốc Sở Nội vụ' : 'Trưởng Công an cấp xã',
  authority_en: code === 'd283-61-1' ? 'Director of the provincial Department of Home Affairs' : 'Head of commune-level Police',
  max_fine_vnd: code === 'd283-61-1' ? 80_000_000 : 50_000_000, article: code.split('-')[1], scope,
  valid_from: '2026-09-10', valid_to: null, source: `Decree 283/2026/NĐ-CP Art. ${code.split('-')[1]}`, confirmed, version: 3, updated_at: stamp,
});

type Call = { method: string; path: string; search: string; ifMatch: string | null; body?: unknown };

describe('RulesPage', () => {
  let role: string;
  let acts: ReturnType<typeof act>[];
  let powers: ReturnType<typeof power>[];
  const calls: Call[] = [];

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
    role = 'officer';
    acts = [act('d283-49-1-a', 'a', false), act('d283-49-1-b', 'b', true)];
    powers = [power('d283-61-1', false), power('d283-58-4', true, '49(1)(a,b,e); 53')];
    calls.length = 0;
    sessionStorage.clear();
    session.setToken('jwt', 3600);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        const body = request.method === 'GET' ? undefined : await request.json();
        calls.push({ method: request.method, path: url.pathname, search: url.search, ifMatch: request.headers.get('If-Match'), body });
        const page = (items: unknown[]) => Response.json({ items, next_cursor: null, total: null });
        switch (`${request.method} ${url.pathname}`) {
          case 'GET /api/v1/auth/me':
            return Response.json({ id: 1, username: role, role, agency_id: null, kind: 'user' });
          case 'GET /api/v1/markets':
            return page([
              { code: 'JP', name_vi: 'Nhật Bản', name_en: 'Japan', tier: 'priority', programmes: [], notes: null, updated_at: stamp, version: 1 },
              { code: 'KR', name_vi: 'Hàn Quốc', name_en: 'South Korea', tier: 'priority', programmes: [], notes: null, updated_at: stamp, version: 1 },
            ]);
          case 'GET /api/v1/rules/fee-caps':
            return page(url.searchParams.get('on') === '2026-11-30' ? [generalFee] : [generalFee, japanFee]);
          case 'GET /api/v1/rules/deposit-caps':
            return page([eps, japanDeposit]);
          case 'GET /api/v1/rules/violation-types':
            return page(acts.filter((a) => !url.searchParams.get('applies_to') || a.applies_to === url.searchParams.get('applies_to')));
          case 'GET /api/v1/rules/sanction-powers':
            return page(powers);
          case 'PATCH /api/v1/rules/sanction-powers/d283-61-1': {
            const changed = { ...powers[0], confirmed: true, version: 4 };
            powers = [changed, powers[1]];
            return Response.json(changed);
          }
          case 'PATCH /api/v1/rules/violation-types/d283-49-1-a': {
            const changed = { ...acts[0], confirmed: true, version: 2 };
            acts = [changed, acts[1]];
            return Response.json(changed);
          }
          case 'POST /api/v1/rules/fee-caps':
            return new Response(
              JSON.stringify({
                title: 'Conflict', status: 409, code: 'rule_overlaps',
                detail: 'overlaps rule 1 (*/*/*, 2022-01-01 to open-ended): end that rule first',
                errors: [
                  {
                    field: 'valid_from', code: 'rule_overlaps', params: { rule: 1, from: '2022-01-01', to: null },
                    message: 'overlaps rule 1 (*/*/*, 2022-01-01 to open-ended): end that rule first',
                  },
                ],
              }),
              { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
            );
          case 'PATCH /api/v1/rules/fee-caps/1':
            return Response.json({ ...generalFee, ...(body as object), version: 2, flags_changed: 12 });
          default:
            return page([]);
        }
      }),
    );
  });

  afterEach(() => {
    cleanup();
    session.clear();
    vi.unstubAllGlobals();
  });

  const renderPage = (lang: 'vi' | 'en' = 'vi') =>
    render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider initialLang={lang}>
          <RulesPage />
        </I18nProvider>
      </QueryClientProvider>,
    );

  const rowsOf = async (name: string) => within(await screen.findByRole('table', { name })).getAllByRole('row').slice(1);

  it("shows each cap row's key in words, its cap, period and source", async () => {
    renderPage();
    const on = screen.getByLabelText('Áp dụng ngày') as HTMLInputElement;
    fireEvent.change(on, { target: { value: '' } });
    const fees = await rowsOf('Mức trần tiền dịch vụ');
    await vi.waitFor(() => expect(fees[1].textContent).toContain('Nhật Bản'));
    expect(fees).toHaveLength(2);
    expect(fees[0].textContent).toContain('Mọi thị trường');
    expect(fees[0].textContent).toContain('Mọi chương trình · Mọi hình thức');
    expect(fees[0].textContent).toContain('1 tháng lương cho mỗi 12 tháng làm việc, tối đa 3 tháng lương');
    expect(fees[0].textContent).toContain('từ 01/01/2022');
    expect(fees[0].textContent).toContain('Law 69/2020/QH14 Art. 23');
    expect(fees[1].textContent).toContain('TITP · Mọi hình thức');
    expect(fees[1].textContent).toContain('từ 15/05/2024 đến 29/06/2026');
    expect(fees[1].textContent).toContain('Circular 02/2024/TT-BLĐTBXH App. XI');

    const deposits = await rowsOf('Mức trần tiền ký quỹ');
    expect(deposits[0].textContent).toContain('Hàn Quốc');
    expect(deposits[0].textContent).toContain('Đơn vị sự nghiệp công');
    expect(deposits[0].textContent).toContain('Không có mức trần');
    expect(deposits[0].textContent).toContain('Law 69/2020/QH14 Art. 25');
    expect(deposits[1].textContent).toContain('100.000.000 đồng');
    expect(deposits[1].textContent).toContain('Doanh nghiệp dịch vụ');
    // Officers read; only administrators act on the rows.
    expect(screen.queryByRole('button', { name: /^Kết thúc/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Xác nhận/ })).toBeNull();
  });

  it('asks for the rows in force on the day chosen', async () => {
    renderPage();
    fireEvent.change(screen.getByLabelText('Áp dụng ngày'), { target: { value: '2026-11-30' } });
    await vi.waitFor(async () => expect(await rowsOf('Mức trần tiền dịch vụ')).toHaveLength(1));
    expect(calls.some((c) => c.path === '/api/v1/rules/fee-caps' && c.search === '?on=2026-11-30')).toBe(true);
    expect(calls.some((c) => c.path === '/api/v1/rules/violation-types' && c.search === '?on=2026-11-30')).toBe(true);
  });

  it('marks the acts not yet confirmed, in words, and filters by whom they apply to', async () => {
    renderPage();
    const rows = await rowsOf('Hành vi vi phạm bị xử phạt');
    expect(rows[0].textContent).toContain('Điều 49 khoản 1 điểm a');
    expect(within(rows[0]).getByText('Chờ xác nhận')).toBeTruthy();
    expect(rows[0].textContent).toContain('Hành vi a');
    expect(rows[0].textContent).toContain('10.000.000 đồng – 20.000.000 đồng (tổ chức)');
    expect(rows[0].textContent).toContain('Decree 283/2026/NĐ-CP');
    expect(within(rows[1]).queryByText('Chờ xác nhận')).toBeNull();
    expect(rows[1].textContent).toContain('tối đa 5.000.000 đồng cho mỗi người lao động');

    fireEvent.change(screen.getByLabelText('Đối tượng'), { target: { value: 'worker' } });
    expect(await screen.findByText('Không có hành vi nào khớp với bộ lọc.')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/rules/violation-types' && c.search.includes('applies_to=worker'))).toBe(true);
  });

  it('shows the English title and the badge in English', async () => {
    renderPage('en');
    const rows = await rowsOf('Sanctionable acts');
    expect(rows[0].textContent).toContain('Art. 49(1)(a)');
    expect(rows[0].textContent).toContain('To be confirmed');
    expect(rows[0].textContent).toContain('Act a');
    expect(rows[0].textContent).not.toContain('Hành vi a');
  });

  it('lets an administrator confirm an act, sending the version read, and refreshes the list', async () => {
    role = 'admin';
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Xác nhận Điều 49 khoản 1 điểm a' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('đã được đối chiếu với văn bản Nghị định 283/2026/NĐ-CP đã ký');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Đã đối chiếu, xác nhận' }));
    expect(await screen.findByText('Đã xác nhận Điều 49 khoản 1 điểm a.')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch).toMatchObject({ path: '/api/v1/rules/violation-types/d283-49-1-a', ifMatch: '"1"', body: { confirmed: true } });
    await vi.waitFor(async () => expect(within((await rowsOf('Hành vi vi phạm bị xử phạt'))[0]).queryByText('Chờ xác nhận')).toBeNull());
    expect(calls.filter((c) => c.path === '/api/v1/rules/violation-types' && c.method === 'GET').length).toBeGreaterThan(1);
  });

  it('lets an administrator end a cap row and says how many flags changed', async () => {
    role = 'admin';
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /^Kết thúc dòng Mọi thị trường, Mọi chương trình, Mọi hình thức/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Áp dụng đến ngày/), { target: { value: '2026-06-29' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu ngày kết thúc' }));
    expect(await screen.findByText('Đã lưu ngày kết thúc. Cảnh báo của 12 hồ sơ đã thay đổi.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      path: '/api/v1/rules/fee-caps/1',
      ifMatch: '"1"',
      body: { valid_to: '2026-06-29' },
    });
  });

  it('says on the add form that a new row overlaps one of its key (409)', async () => {
    role = 'admin';
    renderPage();
    await rowsOf('Mức trần tiền dịch vụ');
    const form = screen.getByText('Thêm mức trần tiền dịch vụ').closest('details') as HTMLElement;
    fireEvent.change(within(form).getByLabelText(/^Số tháng lương cho mỗi 12 tháng/), { target: { value: '1,5' } });
    fireEvent.change(within(form).getByLabelText(/^Tối đa/), { target: { value: '3' } });
    fireEvent.change(within(form).getByLabelText(/^Áp dụng từ ngày/), { target: { value: '2026-06-30' } });
    fireEvent.change(within(form).getByLabelText(/^Căn cứ pháp lý/), { target: { value: 'Circular 09/2026/TT-BNV' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thêm dòng' }));

    expect(await within(form).findByText(/Thời gian áp dụng trùng với một dòng đang có/)).toBeTruthy();
    const validFrom = document.getElementById('fee-caps-valid_from');
    expect(validFrom?.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('fee-caps-valid_from-error')?.textContent).toContain('01/01/2022, chưa có ngày kết thúc');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      market_code: '*', programme: '*', channel: '*', cap_months_per_12: '1.5', cap_months_max: '3',
      valid_from: '2026-06-30', valid_to: null, note: '', source: 'Circular 09/2026/TT-BNV',
    });
  });

  it("shows who may fine how much, doubled for organisations, and the police's limited scope", async () => {
    renderPage();
    const rows = await rowsOf('Thẩm quyền xử phạt');
    expect(rows[0].textContent).toContain('Giám đốc Sở Nội vụ');
    expect(within(rows[0]).getByText('Chờ xác nhận')).toBeTruthy();
    expect(rows[0].textContent).toContain('Cá nhân: 80.000.000 đồng');
    expect(rows[0].textContent).toContain('Tổ chức: 160.000.000 đồng');
    expect(rows[0].textContent).toContain('Toàn bộ Chương IV');
    expect(rows[0].textContent).toContain('từ 10/09/2026');
    expect(within(rows[1]).queryByText('Chờ xác nhận')).toBeNull();
    expect(rows[1].textContent).toContain('49(1)(a,b,e); 53');
  });

  it('lets an administrator confirm a sanctioning power with the version read', async () => {
    role = 'admin';
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Xác nhận Giám đốc Sở Nội vụ' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Đã đối chiếu, xác nhận' }));
    expect(await screen.findByText('Đã xác nhận Giám đốc Sở Nội vụ.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      path: '/api/v1/rules/sanction-powers/d283-61-1',
      ifMatch: '"3"',
      body: { confirmed: true },
    });
  });
});
