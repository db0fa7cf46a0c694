/**
 * Errors: failed calls grouped by error type, message and model (one failure counts once,
 * the API's error definition), with counts, first and last seen, and a link to an example.
 */
import { Link, useLocation } from 'wouter-preact';
import { apiGet } from '../api/client';
import type { ErrorGroup } from '../api/types';
import { DataTable, sortRows, type Column, type SortOrder } from '../components/data-table';
import { EmptyRange } from '../components/empty-range';
import { TextFilter } from '../components/filters';
import { ErrorBanner, PageHeader } from '../components/layout';
import { SetupGuide } from '../components/setup-guide';
import { useHasEvents } from '../hooks/use-has-events';
import { usePolled } from '../hooks/use-polled';
import { useQueryState, withRange } from '../hooks/use-query-state';
import { formatCount, formatFullTime, formatShortTime } from '../lib/format';
import { timeRangeFrom } from '../lib/time-range';

function sortValue(row: ErrorGroup, id: string): string | number | null {
  switch (id) {
    case 'count':
      return row.count;
    case 'last':
      return row.last_seen;
    case 'first':
      return row.first_seen;
    case 'type':
      return row.error_type;
    case 'model':
      return row.model;
    default:
      return null;
  }
}

/** The latest failed call's trace; the failed generations when it has none. */
function examplePath(row: ErrorGroup): string {
  return row.example_trace_id
    ? `/traces/${encodeURIComponent(row.example_trace_id)}`
    : '/generations';
}

/** The trace opens at the failed call itself. */
function exampleParams(row: ErrorGroup): Record<string, string> {
  if (!row.example_trace_id) return { status: 'error' };
  return row.example_span_id ? { span: row.example_span_id } : {};
}

export function ErrorsView() {
  const query = useQueryState();
  const [, navigate] = useLocation();
  const range = timeRangeFrom(query.params);
  const hasEvents = useHasEvents();
  const filters = { model: query.get('model'), service: query.get('service') };
  const key = `errors|${range.id}|${query.get('from') ?? ''}|${query.get('to') ?? ''}|${JSON.stringify(filters)}`;
  const result = usePolled(key, (signal) =>
    apiGet<{ results: ErrorGroup[] }>('/api/errors', { ...range.resolve(), ...filters }, signal),
  );
  const sortId = query.get('sort');
  const sort = sortId
    ? { id: sortId, order: (query.get('order') === 'asc' ? 'asc' : 'desc') as SortOrder }
    : undefined;
  const rows = sortRows(result.data?.results ?? [], sort, sortValue);
  const example = (row: ErrorGroup) =>
    withRange(examplePath(row), query.params, exampleParams(row));

  const columns: Array<Column<ErrorGroup>> = [
    {
      id: 'type',
      header: 'Type',
      sortable: true,
      width: '150px',
      cell: (row) => (
        <span class="strong truncate" title={row.error_type ?? ''}>
          {row.error_type ?? <span class="muted">–</span>}
        </span>
      ),
    },
    {
      id: 'message',
      header: 'Message',
      cell: (row) => (
        <span class="wrap-anywhere clamp-2" title={row.message}>
          {row.message}
        </span>
      ),
    },
    {
      id: 'model',
      header: 'Model',
      sortable: true,
      width: '150px',
      cell: (row) => (
        <span class="wrap-anywhere" title={row.model ?? ''}>
          {row.model ?? <span class="muted">–</span>}
        </span>
      ),
    },
    {
      id: 'count',
      header: 'Count',
      sortable: true,
      align: 'right',
      width: '70px',
      cell: (row) => <span class="badge badge-error">{formatCount(row.count)}</span>,
    },
    {
      id: 'last',
      header: 'Last seen',
      sortable: true,
      align: 'right',
      width: '100px',
      cell: (row) => (
        <span title={formatFullTime(row.last_seen)}>{formatShortTime(row.last_seen)}</span>
      ),
    },
    {
      id: 'examples',
      header: 'Examples',
      width: '130px',
      cell: (row) => (
        <span class="stack">
          <Link href={withRange(examplePath(row), query.params, exampleParams(row))}>
            Latest trace
          </Link>
          <Link
            href={withRange('/generations', query.params, {
              status: 'error',
              ...(row.model ? { model: row.model } : {}),
            })}
            class="small"
          >
            All failed calls
          </Link>
        </span>
      ),
    },
  ];

  return (
    <div class="page">
      <PageHeader
        title="Errors"
        subtitle="Failed calls grouped by error type, message and model."
      />
      {hasEvents === false ? (
        <SetupGuide />
      ) : (
        <>
          <div class="filter-bar">
            <TextFilter query={query} name="model" label="Model" placeholder="model" />
            <TextFilter query={query} name="service" label="App" placeholder="service.name" />
          </div>
          <ErrorBanner error={result.error} />
          <div class="card card-flush">
            <DataTable
              label="Errors"
              columns={columns}
              rows={rows}
              rowKey={(row) => `${row.error_type}|${row.message}|${row.model}`}
              onRowClick={(row) => navigate(example(row))}
              sort={sort}
              onSort={(id, order) => query.set({ sort: id, order }, { replace: true })}
              stale={result.stale}
              empty={
                result.loading ? (
                  'Loading…'
                ) : (
                  <EmptyRange
                    query={query}
                    noun="errors"
                    filtered={Boolean(filters.model || filters.service)}
                  />
                )
              }
            />
          </div>
        </>
      )}
    </div>
  );
}
