import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider';
import { DataTable, type Column } from './DataTable';

interface Row {
  code: string;
  name: string;
  count: number | null;
}

const rows: Row[] = [
  { code: 'JP', name: 'Nhật Bản', count: 12 },
  { code: 'KR', name: 'Hàn Quốc', count: null },
  { code: 'DE', name: 'Đức', count: 3 },
];

const columns: Column<Row>[] = [
  { label: 'Mã', cellClassName: 'code', cell: (row) => row.code },
  { label: 'Tên', rowHeader: true, headerClassName: 'col-name', cell: (row) => row.name },
  { label: 'Số', numeric: true, cell: (row) => row.count ?? '—', sortValue: (row) => row.count },
];

const show = (props: Partial<Parameters<typeof DataTable<Row>>[0]> = {}) =>
  render(
    <I18nProvider initialLang="vi">
      <DataTable caption="Thị trường" rows={rows} rowKey={(row) => row.code} columns={columns} {...props} />
    </I18nProvider>,
  );

const names = () => screen.getAllByRole('rowheader').map((cell) => cell.textContent);

describe('DataTable', () => {
  afterEach(cleanup);

  it('labels every cell with its column, for the cards phones show', () => {
    show();
    const table = screen.getByRole('table', { name: 'Thị trường' });
    expect(table.parentElement?.className).toBe('table-scroll');
    expect(table.querySelector('caption')?.className).toBe('visually-hidden');
    const first = within(table).getAllByRole('row')[1];
    expect([...first.children].map((cell) => [cell.tagName, cell.getAttribute('data-label'), cell.className])).toEqual([
      ['TD', 'Mã', 'code'],
      ['TH', 'Tên', ''],
      ['TD', 'Số', 'num'],
    ]);
    expect(screen.getByRole('rowheader', { name: 'Nhật Bản' }).getAttribute('scope')).toBe('row');
    expect(screen.getByRole('columnheader', { name: 'Tên' }).className).toBe('col-name');
  });

  it('leaves out a column given as false, and can show its caption without the scroll box', () => {
    show({ columns: [columns[0], false, columns[1]], showCaption: true, scroll: false, compact: true, testId: 'markets' });
    const table = screen.getByTestId('markets');
    expect(table.className).toBe('data-table data-table--compact');
    expect(table.parentElement?.className).not.toBe('table-scroll');
    expect(table.querySelector('caption')?.className).toBe('');
    expect(screen.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Mã', 'Tên']);
  });

  it('sorts by a column that has a sort value, rows without a value last', () => {
    show();
    const header = screen.getByRole('columnheader', { name: /Số/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('columnheader', { name: 'Tên' }).getAttribute('aria-sort')).toBeNull();
    expect(names()).toEqual(['Nhật Bản', 'Hàn Quốc', 'Đức']);

    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Đức', 'Nhật Bản', 'Hàn Quốc']);

    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['Nhật Bản', 'Đức', 'Hàn Quốc']);
  });

  it("gives each cell its row's own index, and rows their class and data attributes", () => {
    show({
      columns: [{ label: 'Thứ tự', cell: (_, i) => `#${i}`, cellData: (row) => ({ 'data-value': row.count ?? undefined }) }],
      rowClassName: (row) => (row.code === 'JP' ? 'total' : undefined),
      rowData: (row) => ({ 'data-key': row.code }),
    });
    const body = screen.getAllByRole('row').slice(1);
    expect(body.map((row) => [row.getAttribute('data-key'), row.className, row.textContent])).toEqual([
      ['JP', 'total', '#0'],
      ['KR', '', '#1'],
      ['DE', '', '#2'],
    ]);
    expect(body[0].firstElementChild?.getAttribute('data-value')).toBe('12');
  });
  it('asks the server for another order and leaves the rows as they came', () => {
    const asked: string[] = [];
    const sorted = columns.map((c) => (c.label === 'Tên' ? { ...c, sortKey: 'name' } : c));
    show({ columns: sorted, serverSort: { sort: 'name', onSort: (sort) => asked.push(sort) } });
    const header = screen.getByRole('columnheader', { name: /Tên/ });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    // A column without a sortKey is not sortable when the server sorts.
    expect(screen.getByRole('columnheader', { name: 'Số' }).getAttribute('aria-sort')).toBeNull();
    fireEvent.click(within(header).getByRole('button'));
    expect(asked).toEqual(['-name']);
    expect(names()).toEqual(['Nhật Bản', 'Hàn Quốc', 'Đức']);
  });
});
