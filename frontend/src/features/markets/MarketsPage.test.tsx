import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import MarketsPage from './MarketsPage';

const market = (code: string, name_vi: string, name_en: string, tier = 'priority') => ({
  code,
  name_vi,
  name_en,
  tier,
  programmes: ['TITP', 'other'],
  notes: null,
  updated_at: '2026-01-05T08:00:00Z',
  version: 1,
});

describe('MarketsPage', () => {
  const requests: Request[] = [];

  beforeEach(() => {
    requests.length = 0;
    session.setToken('jwt-officer', 3600);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        requests.push(request);
        const cursor = new URL(request.url).searchParams.get('cursor');
        return Response.json(
          cursor === null
            ? { items: [market('JP', 'Nhật Bản', 'Japan'), market('KR', 'Hàn Quốc', 'South Korea')], next_cursor: 'c2', total: 3 }
            : { items: [market('DE', 'Đức', 'Germany', 'potential')], next_cursor: null, total: null },
        );
      }),
    );
  });

  afterEach(() => {
    cleanup();
    session.clear();
    vi.unstubAllGlobals();
  });

  function renderPage(lang: 'vi' | 'en') {
    render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider initialLang={lang}>
          <MarketsPage />
        </I18nProvider>
      </QueryClientProvider>,
    );
  }

  it('lists markets with translated tiers and walks the cursor with "Xem thêm"', async () => {
    renderPage('vi');
    expect(await screen.findByRole('rowheader', { name: 'Nhật Bản' })).toBeTruthy();
    expect(screen.getAllByText('Ưu tiên')).toHaveLength(2);
    expect(screen.getAllByText('TITP, Khác')).toHaveLength(2);
    expect(screen.getByText('Đang hiển thị 2 / 3')).toBeTruthy();
    expect(requests[0].headers.get('Authorization')).toBe('Bearer jwt-officer');

    fireEvent.click(screen.getByRole('button', { name: 'Xem thêm' }));
    expect(await screen.findByRole('rowheader', { name: 'Đức' })).toBeTruthy();
    expect(screen.getByText('Tiềm năng')).toBeTruthy();
    expect(new URL(requests[1].url).searchParams.get('cursor')).toBe('c2');
    expect(screen.getByText('Đang hiển thị 3 / 3')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Xem thêm' })).toBeNull();
  });

  it('shows English names and labels in English', async () => {
    renderPage('en');
    expect(await screen.findByRole('rowheader', { name: 'Japan' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Tier' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
  });
});
