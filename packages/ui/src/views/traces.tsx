/** Traces: one row per trace, filters and search in the URL, newest first, cursor pages. */
import { useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { apiGet } from '../api/client';
import type { TracePage, TraceSummary } from '../api/types';
import { CostValue, costSortValue } from '../components/cost-value';
import { DataTable, sortRows, type Column, type SortOrder } from '../components/data-table';
import { EmptyRange } from '../components/empty-range';
import { SelectFilter, TextFilter } from '../components/filters';
import { ErrorBanner, PageHeader } from '../components/layout';
import { Pager } from '../components/pager';
import { ScoreChips } from '../components/score-chips';
import { SetupGuide } from '../components/setup-guide';
import { TokenCount } from '../components/token-count';
import { useHasEvents } from '../hooks/use-has-events';
import { usePolled } from '../hooks/use-polled';
import { useQueryState, withRange } from '../hooks/use-query-state';
import {
  formatShortTime,
  formatCount,
  formatFullTime,
  formatSeconds,
  shortId,
} from '../lib/format';
import { timeRangeFrom } from '../lib/time-range';

const PAGE_SIZE = 50;
const PAGE_RESETS = ['cursor'];

function sortValue(row: TraceSummary, id: string): string | number | null {
  switch (id) {
    case 'time':
      return row.start_time;
    case 'name':
      return row.name;
    case 'user':
      return row.distinct_id;
    case 'spans':
      return row.span_count;
    case 'tokens':
      return row.input_tokens + row.output_tokens;
    case 'cost':
      return costSortValue(row);
    case 'scores':
      return row.score_count;
    case 'app':
      return row.service_name;
    case 'latency':
      return row.latency;
    case 'errors':
      return row.error_count;
    default:
      return null;
  }
}

export function TracesView() {
  const query = useQueryState();
  const [, navigate] = useLocation();
  const range = timeRangeFrom(query.params);
  const hasEvents = useHasEvents();
  const filters = {
    search: query.get('search'),
    distinct_id: query.get('distinct_id'),
    session_id: query.get('session_id'),
    service: query.get('service'),
    score_name: query.get('score_name'),
    has_error:
      query.get('status') === 'error' ? 'true' : query.get('status') === 'ok' ? 'false' : undefined,
    cursor: query.get('cursor'),
  };
  const key = `traces|${range.id}|${query.get('from') ?? ''}|${query.get('to') ?? ''}|${JSON.stringify(filters)}`;
  const page = usePolled(key, (signal) =>
    apiGet<TracePage>('/api/traces', { ...range.resolve(), ...filters, limit: PAGE_SIZE }, signal),
  );
  // Cursors of the pages before this one, to go back; a reloaded page starts a new trail.
  const [trail, setTrail] = useState<string[]>([]);

  const sortId = query.get('sort');
  const sort = sortId
    ? { id: sortId, order: (query.get('order') === 'asc' ? 'asc' : 'desc') as SortOrder }
    : undefined;
  const rows = sortRows(page.data?.results ?? [], sort, sortValue);
  const open = (row: TraceSummary) =>
    navigate(withRange(`/traces/${encodeURIComponent(row.trace_id)}`, query.params));

  const columns: Array<Column<TraceSummary>> = [
    {
      id: 'time',
      header: 'Time',
      sortable: true,
      width: '88px',
      cell: (row) => (
        <span title={formatFullTime(row.start_time)}>{formatShortTime(row.start_time)}</span>
      ),
    },
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      cell: (row) => (
        <span class="stack">
          <Link
            href={withRange(`/traces/${encodeURIComponent(row.trace_id)}`, query.params)}
            class="strong truncate"
          >
            {row.name ?? '(unnamed trace)'}
          </Link>
          <span class="mono muted small truncate" title={row.trace_id}>
            {row.trace_id}
          </span>
        </span>
      ),
    },
    {
      id: 'user',
      header: 'User',
      sortable: true,
      width: '11%',
      cell: (row) =>
        row.distinct_id ? (
          <button
            type="button"
            class="link-button truncate"
            title={`Only ${row.distinct_id}`}
            onClick={() => query.set({ distinct_id: row.distinct_id, cursor: undefined })}
          >
            {row.distinct_id}
          </button>
        ) : (
          '–'
        ),
    },
    {
      id: 'app',
      header: 'App',
      sortable: true,
      width: '8%',
      title: 'service.name of the app that sent the trace',
      cell: (row) =>
        row.service_name ? (
          <button
            type="button"
            class="link-button truncate"
            title={`Only ${row.service_name}`}
            onClick={() => query.set({ service: row.service_name, cursor: undefined })}
          >
            {row.service_name}
          </button>
        ) : (
          <span class="muted">–</span>
        ),
    },
    {
      id: 'session',
      header: 'Session',
      width: '7%',
      cell: (row) =>
        row.session_id ? (
          <button
            type="button"
            class="link-button mono truncate"
            title={row.session_id}
            onClick={() => query.set({ session_id: row.session_id, cursor: undefined })}
          >
            {shortId(row.session_id, 14)}
          </button>
        ) : (
          '–'
        ),
    },
    {
      id: 'spans',
      header: 'Spans',
      sortable: true,
      align: 'right',
      width: '60px',
      cell: (row) => formatCount(row.span_count),
    },
    {
      id: 'tokens',
      header: 'Tokens',
      sortable: true,
      align: 'right',
      width: '96px',
      title: 'Input (cache included) → output tokens of the model calls',
      cell: (row) => <TokenCount tokens={row} />,
    },
    {
      id: 'cost',
      header: 'Cost',
      sortable: true,
      align: 'right',
      width: '112px',
      cell: (row) => <CostValue cost={row} />,
    },
    {
      id: 'scores',
      header: 'Scores',
      sortable: true,
      width: '120px',
      title: 'Feedback, metrics and evaluations of the trace',
      cell: (row) => <ScoreChips scores={row.scores} />,
    },
    {
      id: 'latency',
      header: 'Latency',
      sortable: true,
      align: 'right',
      width: '76px',
      cell: (row) => formatSeconds(row.latency),
    },
    {
      id: 'errors',
      header: 'Errors',
      sortable: true,
      align: 'right',
      width: '64px',
      cell: (row) =>
        row.error_count ? (
          <span class="badge badge-error">{row.error_count}</span>
        ) : (
          <span class="muted">0</span>
        ),
    },
  ];

  const filtered = Boolean(
    filters.search ||
    filters.distinct_id ||
    filters.session_id ||
    filters.service ||
    filters.score_name ||
    filters.has_error,
  );
  return (
    <div class="page">
      <PageHeader
        title="Traces"
        subtitle="One row per trace: an agent run, a request, a conversation turn."
      />
      {hasEvents === false ? (
        <SetupGuide />
      ) : (
        <>
          <div class="filter-bar">
            <TextFilter
              query={query}
              name="search"
              label="Search"
              placeholder="Name, id, user, model or message text"
              resets={PAGE_RESETS}
              wide
            />
            <TextFilter
              query={query}
              name="distinct_id"
              label="User"
              placeholder="distinct id"
              resets={PAGE_RESETS}
            />
            <TextFilter
              query={query}
              name="session_id"
              label="Session"
              placeholder="session id"
              resets={PAGE_RESETS}
            />
            <TextFilter
              query={query}
              name="service"
              label="App"
              placeholder="service.name"
              resets={PAGE_RESETS}
            />
            <TextFilter
              query={query}
              name="score_name"
              label="Score"
              placeholder="feedback, metric name"
              resets={PAGE_RESETS}
            />
            <SelectFilter
              query={query}
              name="status"
              label="Status"
              resets={PAGE_RESETS}
              options={[
                { value: '', label: 'All' },
                { value: 'error', label: 'With errors' },
                { value: 'ok', label: 'Without errors' },
              ]}
            />
          </div>
          <ErrorBanner error={page.error} />
          <div class="card card-flush">
            <DataTable
              label="Traces"
              columns={columns}
              rows={rows}
              rowKey={(row) => row.trace_id}
              onRowClick={open}
              sort={sort}
              onSort={(id, order) => query.set({ sort: id, order }, { replace: true })}
              stale={page.stale}
              empty={
                page.loading ? (
                  'Loading…'
                ) : (
                  <EmptyRange query={query} noun="traces" filtered={filtered} />
                )
              }
            />
            <Pager
              count={rows.length}
              noun="traces"
              hasPrevious={Boolean(filters.cursor)}
              hasNext={Boolean(page.data?.next_cursor)}
              onPrevious={() => {
                const previous = trail[trail.length - 1];
                setTrail(trail.slice(0, -1));
                query.set({ cursor: previous });
              }}
              onNext={() => {
                setTrail([...trail, filters.cursor ?? '']);
                query.set({ cursor: page.data?.next_cursor });
              }}
            />
          </div>
        </>
      )}
    </div>
  );
}
