/** Columns shared by Sessions and Users: usage numbers and first/last seen. */
import type { Usage } from '../api/types';
import type { Column } from '../components/data-table';
import { CostValue, costSortValue } from '../components/cost-value';
import { TokenCount } from '../components/token-count';
import { formatShortTime, formatCount, formatFullTime } from '../lib/format';

export function usageColumns<Row extends Usage>(): Array<Column<Row>> {
  return [
    {
      id: 'traces',
      header: 'Traces',
      sortable: true,
      align: 'right',
      width: '76px',
      cell: (row) => formatCount(row.trace_count),
    },
    {
      id: 'generations',
      header: 'Generations',
      sortable: true,
      align: 'right',
      width: '108px',
      cell: (row) => formatCount(row.generation_count),
    },
    {
      id: 'tokens',
      header: 'Tokens',
      sortable: true,
      align: 'right',
      width: '120px',
      title: 'Input (cache included) → output tokens',
      cell: (row) => <TokenCount tokens={row} />,
    },
    {
      id: 'cost',
      header: 'Cost',
      sortable: true,
      align: 'right',
      width: '106px',
      cell: (row) => <CostValue cost={row} />,
    },
    {
      id: 'errors',
      header: 'Errors',
      sortable: true,
      align: 'right',
      width: '76px',
      cell: (row) =>
        row.error_count ? (
          <span class="badge badge-error">{row.error_count}</span>
        ) : (
          <span class="muted">0</span>
        ),
    },
    {
      id: 'first',
      header: 'First seen',
      sortable: true,
      align: 'right',
      width: '104px',
      cell: (row) => (
        <span title={formatFullTime(row.first_seen)}>{formatShortTime(row.first_seen)}</span>
      ),
    },
    {
      id: 'last',
      header: 'Last seen',
      sortable: true,
      align: 'right',
      width: '104px',
      cell: (row) => (
        <span title={formatFullTime(row.last_seen)}>{formatShortTime(row.last_seen)}</span>
      ),
    },
  ];
}

export function usageSortValue(row: Usage, id: string): string | number | null {
  switch (id) {
    case 'traces':
      return row.trace_count;
    case 'generations':
      return row.generation_count;
    case 'tokens':
      return row.input_tokens + row.output_tokens;
    case 'cost':
      return costSortValue(row);
    case 'errors':
      return row.error_count;
    case 'first':
      return row.first_seen;
    case 'last':
      return row.last_seen;
    default:
      return null;
  }
}
