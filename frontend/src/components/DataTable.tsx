import { useState, type ReactNode } from 'react';

/** `data-*` attributes for tests and tools (`data-key`, `data-value`). */
export type DataAttributes = Record<`data-${string}`, string | number | undefined>;

type SortKey = string | number | null | undefined;

export interface Column<T> {
  /** The header; on a phone, where each row becomes a card, also each cell's label. */
  label: string;
  /** What a cell shows; `index` is the row's place in `rows`. */
  cell: (row: T, index: number) => ReactNode;
  /** The column that names its row (`<th scope="row">`), as screen readers announce it. */
  rowHeader?: boolean;
  /** Figures, aligned right in the header and the cells. */
  numeric?: boolean;
  /** A class for the header only (`col-name`) and for the cells only (`code`). */
  headerClassName?: string;
  cellClassName?: string;
  cellData?: (row: T) => DataAttributes;
  /** Lets the user sort the rows by this value (only where every row is on the page). */
  sortValue?: (row: T) => SortKey;
  /** The API's name for sorting by this column (`sort=`), for a table sorted by the server. */
  sortKey?: string;
}

/** A list sorted by the API: the current `sort` (`name` or `-name`) and how to change it. */
export interface ServerSort {
  sort: string;
  onSort: (sort: string) => void;
}

interface Props<T> {
  caption: string;
  /** Shown above the table; otherwise read by screen readers only (the page's heading says it). */
  showCaption?: boolean;
  /** The columns in order; `false` leaves one out (`showAgency && column`). */
  columns: readonly (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  rowClassName?: (row: T) => string | undefined;
  rowData?: (row: T) => DataAttributes;
  /** Smaller padding, for tables inside cards and panels. */
  compact?: boolean;
  className?: string;
  testId?: string;
  /** In a box that scrolls sideways when the columns are wider than the page (default). */
  scroll?: boolean;
  /** The rows come sorted by the API: the columns with a `sortKey` ask it for another order. */
  serverSort?: ServerSort;
}

interface Sort {
  column: number;
  descending: boolean;
}

/** Ascending or descending; rows without a value go last either way. */
function compare(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
  return descending ? -order : order;
}

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ') || undefined;

/**
 * The app's one table: a header row, a row per item with each cell labelled by its column
 * (styles.css turns the rows into cards on phones), an optional caption, and sorting by any
 * column that has a `sortValue`.
 */
export function DataTable<T>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  rowData,
  compact = false,
  className,
  testId,
  scroll = true,
  serverSort,
}: Props<T>) {
  const shown = columns.filter((column): column is Column<T> => Boolean(column));
  const [sort, setSort] = useState<Sort | null>(null);
  const sortBy = sort ? shown[sort.column]?.sortValue : undefined;

  // Positions in `rows`, so a cell still gets its row's own index once sorted.
  const order = rows.map((_, i) => i);
  if (sort && sortBy && !serverSort) order.sort((a, b) => compare(sortBy(rows[a]), sortBy(rows[b]), sort.descending) || a - b);

  const toggle = (column: number) =>
    setSort((current) => (current?.column === column ? { column, descending: !current.descending } : { column, descending: false }));

  const table = (
    <table className={classes('data-table', compact && 'data-table--compact', className)} data-testid={testId}>
      <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          {shown.map((column, i) => {
            const server = serverSort && column.sortKey ? serverSort : undefined;
            const sorted = server ? server.sort.replace(/^-/, '') === column.sortKey : sort?.column === i;
            const descending = server ? server.sort.startsWith('-') : Boolean(sort?.descending);
            const sortable = Boolean(server) || (!serverSort && Boolean(column.sortValue));
            const onClick = () => {
              if (server) server.onSort(sorted && !descending ? `-${column.sortKey}` : (column.sortKey ?? ''));
              else toggle(i);
            };
            return (
              <th
                key={column.label}
                scope="col"
                className={classes(column.numeric && 'num', column.headerClassName)}
                aria-sort={sortable ? (sorted ? (descending ? 'descending' : 'ascending') : 'none') : undefined}
              >
                {sortable ? (
                  <button type="button" className="data-table__sort" onClick={onClick}>
                    {column.label}
                    <span aria-hidden="true">{sorted ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                  </button>
                ) : (
                  column.label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {order.map((index) => {
          const row = rows[index];
          return (
            <tr key={rowKey(row, index)} className={rowClassName?.(row)} {...rowData?.(row)}>
              {shown.map((column) => {
                const Cell = column.rowHeader ? 'th' : 'td';
                return (
                  <Cell
                    key={column.label}
                    scope={column.rowHeader ? 'row' : undefined}
                    data-label={column.label}
                    className={classes(column.numeric && 'num', column.cellClassName)}
                    {...column.cellData?.(row)}
                  >
                    {column.cell(row, index)}
                  </Cell>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}
