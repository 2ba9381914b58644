import { QueryClientProvider, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { nextCursor, type Page } from '../api/pagination';
import { I18nProvider } from '../i18n/I18nProvider';
import { createQueryClient } from '../queryClient';
import { ListView } from './ListView';

const pages: Record<string, Page<string>> = {
  first: { items: ['An', 'Bình'], next_cursor: 'second', total: 3 },
  second: { items: ['Chi'], next_cursor: null },
};

function Paged({ fail = false, empty = false }: { fail?: boolean; empty?: boolean }) {
  const query = useInfiniteQuery({
    queryKey: ['names', fail, empty],
    queryFn: async ({ pageParam }) => {
      if (fail) throw new Error('down');
      return empty ? { items: [], next_cursor: null, total: 0 } : pages[pageParam];
    },
    initialPageParam: 'first',
    getNextPageParam: nextCursor,
    retry: false,
  });
  return (
    <ListView query={query} empty="Không có gì">
      {(items) => <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>}
    </ListView>
  );
}

function Whole() {
  const query = useQuery({ queryKey: ['whole'], queryFn: async () => [] as string[] });
  return (
    <ListView query={query} empty="Chưa có" plainEmpty>
      {(items) => items.join(', ')}
    </ListView>
  );
}

const show = (children: React.ReactNode) =>
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider initialLang="vi">{children}</I18nProvider>
    </QueryClientProvider>,
  );

describe('ListView', () => {
  afterEach(cleanup);

  it('shows the loading state, then the items with the count and "load more" until the walk ends', async () => {
    show(<Paged />);
    expect(screen.getByRole('status').textContent).toBe('Đang tải…');
    expect(await screen.findByText('Bình')).toBeTruthy();
    expect(screen.getByText('Đang hiển thị 2 / 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xem thêm' }));
    expect(await screen.findByText('Chi')).toBeTruthy();
    expect(screen.getByText('Đang hiển thị 3 / 3')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Xem thêm' })).toBeNull();
  });

  it('says so when there is nothing, muted unless asked otherwise', async () => {
    show(
      <>
        <Paged empty />
        <Whole />
      </>,
    );
    expect((await screen.findByText('Không có gì')).className).toBe('empty');
    expect((await screen.findByText('Chưa có')).className).toBe('');
  });

  it('shows a failure with a retry button', async () => {
    show(<Paged fail />);
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('button')?.textContent).toBe('Thử lại');
  });
});
