/**
 * A small sortable table. The data is paged and (for generations) sorted by the server, so
 * the table only needs columns, header clicks and row clicks; TanStack Table's row models
 * would all be switched off and still cost ~15 KB. Sort state lives in the URL.
 */
import type { ComponentChildren } from 'preact';

export type SortOrder = 'asc' | 'desc';

export interface Column<Row> {
  id: string;
  header: string;
  /** Cell content: rendered as text unless it is markup we build. */
  cell: (row: Row) => ComponentChildren;
  /** Column can be sorted (by this id). */
  sortable?: boolean;
  align?: 'left' | 'right';
  /** CSS width, e.g. `120px` or `18%`. */
  width?: string;
  /**
   * Narrowest this column may get, in px, when its width is not fixed in px (default
   * {@link FLEXIBLE_MIN_PX}). The table never shrinks below the sum of these and the fixed
   * widths: it scrolls sideways instead of squeezing a flexible column to nothing.
   */
  minWidth?: number;
  title?: string;
  class?: string;
}

export interface DataTableProps<Row> {
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey: (row: Row) => string;
  sort?: { id: string; order: SortOrder } | undefined;
  onSort?: (id: string, order: SortOrder) => void;
  /** Row click (also Enter on a focused row). */
  onRowClick?: (row: Row) => void;
  rowHref?: (row: Row) => string;
  selectedKey?: string | undefined;
  /** Shown in place of the body when there are no rows. */
  empty?: ComponentChildren;
  stale?: boolean;
  label: string;
}

/** Floor of a column without a fixed px width (model names, users). */
export const FLEXIBLE_MIN_PX = 96;

/** The table's minimum width: fixed px widths plus each flexible column's floor. */
export function tableMinWidth(columns: Array<Pick<Column<unknown>, 'width' | 'minWidth'>>): number {
  let total = 0;
  for (const column of columns) {
    const px = column.width?.endsWith('px') ? parseFloat(column.width) : NaN;
    total += Number.isFinite(px) ? px : (column.minWidth ?? FLEXIBLE_MIN_PX);
  }
  return total;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { columns, rows, sort } = props;
  const headerClick = (column: Column<Row>) => {
    if (!column.sortable || !props.onSort) return;
    const order: SortOrder = sort?.id === column.id && sort.order === 'desc' ? 'asc' : 'desc';
    props.onSort(column.id, order);
  };
  return (
    <div class={`table-wrap${props.stale ? ' is-stale' : ''}`}>
      <table
        class="data-table"
        aria-label={props.label}
        style={{ minWidth: `${tableMinWidth(columns)}px` }}
      >
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.id === column.id;
              return (
                <th
                  key={column.id}
                  scope="col"
                  class={`${column.align === 'right' ? 'num' : ''}${column.sortable ? ' sortable' : ''}${active ? ' sorted' : ''}`}
                  aria-sort={
                    active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                  title={column.title}
                  data-column={column.id}
                >
                  {column.sortable && props.onSort ? (
                    <button type="button" onClick={() => headerClick(column)}>
                      {column.header}
                      <span class="sort-arrow" aria-hidden="true">
                        {active ? (sort.order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = props.rowKey(row);
            return (
              <tr
                key={key}
                class={`${props.onRowClick ? 'clickable' : ''}${props.selectedKey === key ? ' selected' : ''}`}
                data-row-key={key}
                tabIndex={props.onRowClick ? 0 : undefined}
                onClick={(event) => {
                  // Links inside the row do their own navigation.
                  if ((event.target as HTMLElement).closest('a, button')) return;
                  props.onRowClick?.(row);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') props.onRowClick?.(row);
                }}
              >
                {columns.map((column) => (
                  <td
                    key={column.id}
                    class={`${column.align === 'right' ? 'num' : ''}${column.class ? ` ${column.class}` : ''}`}
                    data-column={column.id}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && props.empty ? <div class="table-empty">{props.empty}</div> : null}
    </div>
  );
}

/** Sort rows of the current page on the client (lists the API does not sort). */
export function sortRows<Row>(
  rows: Row[],
  sort: { id: string; order: SortOrder } | undefined,
  value: (row: Row, id: string) => string | number | null | undefined,
): Row[] {
  if (!sort) return rows;
  const factor = sort.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = value(a, sort.id);
    const right = value(b, sort.id);
    if (left === right) return 0;
    if (left === null || left === undefined) return 1;
    if (right === null || right === undefined) return -1;
    return (left < right ? -1 : 1) * factor;
  });
}
