/** Generations: every model call, sorted, filtered and paged by the server. */
import { useLocation } from 'wouter-preact';
import { Link } from 'wouter-preact';
import { apiGet } from '../api/client';
import type { Dashboard, GenerationRow, OffsetPage } from '../api/types';
import { CallCost } from '../components/cost-value';
import { DataTable, type Column, type SortOrder } from '../components/data-table';
import { EmptyRange } from '../components/empty-range';
import { ESTIMATED_TITLE } from '../components/token-count';
import { SelectFilter, TextFilter } from '../components/filters';
import { ErrorBanner, PageHeader } from '../components/layout';
import { Pager } from '../components/pager';
import { SetupGuide } from '../components/setup-guide';
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
import { errorSummary } from '../lib/error-info';
import { EvaluationChips, useGenerationEvaluations } from './evaluation-chips';
import { timeRangeFrom } from '../lib/time-range';

const PAGE_SIZES = [25, 50, 100, 200];
const DEFAULT_PAGE_SIZE = 50;
/** Column id → the API's `sort` value. */
const SORTS: Record<string, string> = {
  time: 'timestamp',
  total: 'tokens',
  cost: 'cost',
  latency: 'latency',
  ttft: 'ttft',
};
const PAGE_RESETS = ['page'];

function tokens(value: number | null): string {
  return value === null ? '–' : formatCount(value);
}

/** `50r 100w`: cached tokens read and written, short enough for a narrow column (full on hover). */
function cacheSummary(row: GenerationRow): string {
  const parts: string[] = [];
  if (row.cache_read_input_tokens) parts.push(`${formatCount(row.cache_read_input_tokens)}r`);
  if (row.cache_write_input_tokens) parts.push(`${formatCount(row.cache_write_input_tokens)}w`);
  return parts.join(' ');
}

export function GenerationsView() {
  const query = useQueryState();
  const [, navigate] = useLocation();
  const range = timeRangeFrom(query.params);
  const hasEvents = useHasEvents();
  const requestedLimit = Number.parseInt(query.get('limit') ?? '', 10);
  // Any page size from a shared link is honoured; the picker offers the common ones.
  const limit = requestedLimit >= 1 && requestedLimit <= 1000 ? requestedLimit : DEFAULT_PAGE_SIZE;
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const sortColumn = query.get('sort') && SORTS[query.get('sort')!] ? query.get('sort')! : 'time';
  const order: SortOrder = query.get('order') === 'asc' ? 'asc' : 'desc';
  const status = query.get('status');
  const filters = {
    search: query.get('search'),
    model: query.get('model'),
    provider: query.get('provider'),
    distinct_id: query.get('distinct_id'),
    session_id: query.get('session_id'),
    service: query.get('service'),
    is_error: status === 'error' ? 'true' : status === 'ok' ? 'false' : undefined,
    score: query.get('score'),
    // A result only means something for the score it was picked for.
    score_label: query.get('score') ? query.get('score_label') : undefined,
  };
  const rangeKey = `${range.id}|${query.get('from') ?? ''}|${query.get('to') ?? ''}`;
  const key = `generations|${rangeKey}|${JSON.stringify(filters)}|${sortColumn}|${order}|${page}|${limit}`;
  const result = usePolled(key, (signal) =>
    apiGet<OffsetPage<GenerationRow>>(
      '/api/generations',
      {
        ...range.resolve(),
        ...filters,
        sort: SORTS[sortColumn],
        order,
        limit,
        offset: (page - 1) * limit,
      },
      signal,
    ),
  );
  // Model and provider choices: what the range has (the dashboard's per-model rows).
  const models = usePolled(`generation-models|${rangeKey}`, (signal) =>
    apiGet<Dashboard>('/api/dashboard', { ...range.resolve(), bucket: range.bucket }, signal),
  );
  const modelOptions = [
    ...new Set((models.data?.by_model ?? []).map((row) => row.model).filter(Boolean)),
  ] as string[];
  const providerOptions = [
    ...new Set((models.data?.by_model ?? []).map((row) => row.provider).filter(Boolean)),
  ] as string[];

  // Scores (evaluations, metrics, feedback) the range has, and the results of the chosen one.
  const scoreSummaries = models.data?.scores.metrics ?? [];
  const chosenScore = scoreSummaries.find((metric) => metric.name === filters.score);
  const scoreLabelOptions = (chosenScore?.labels ?? []).map((entry) => entry.label);

  const serviceOptions = (models.data?.by_service ?? [])
    .map((row) => row.service_name)
    .filter((name): name is string => Boolean(name));

  const rows = result.data?.results ?? [];
  const evaluations = useGenerationEvaluations(rows.map((row) => row.uuid));
  const open = (row: GenerationRow) => {
    if (!row.trace_id) return;
    navigate(
      withRange(`/traces/${encodeURIComponent(row.trace_id)}`, query.params, { span: row.span_id }),
    );
  };

  const columns: Array<Column<GenerationRow>> = [
    {
      id: 'time',
      header: 'Time',
      sortable: true,
      width: '80px',
      cell: (row) => (
        <span title={formatFullTime(row.timestamp)}>{formatShortTime(row.timestamp)}</span>
      ),
    },
    {
      id: 'model',
      header: 'Model',
      minWidth: 88,
      cell: (row) => (
        <span class="stack">
          <span class="strong wrap-anywhere" title={row.model ?? ''}>
            {row.model ?? '–'}
          </span>
          {row.span_name ? (
            <span class="muted small truncate" title={row.span_name}>
              {row.span_name}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'provider',
      header: 'Provider',
      width: '72px',
      cell: (row) => (
        <span class="truncate" title={row.provider ?? ''}>
          {row.provider ?? '–'}
        </span>
      ),
    },
    {
      id: 'app',
      header: 'App',
      width: '72px',
      title: 'service.name of the app that made the call',
      cell: (row) => (
        <span class="truncate" title={row.service_name ?? ''}>
          {row.service_name ?? <span class="muted">–</span>}
        </span>
      ),
    },
    {
      id: 'input',
      header: 'Input',
      align: 'right',
      width: '92px',
      title: 'Input tokens, cache included; cache read / write below',
      cell: (row) => (
        <span class="stack stack-right">
          <span
            class={row.usage_estimated ? 'tokens-estimated' : undefined}
            title={row.usage_estimated ? ESTIMATED_TITLE : undefined}
          >
            {row.usage_estimated && row.input_tokens !== null ? '~' : ''}
            {tokens(row.input_tokens)}
          </span>
          {row.cache_read_input_tokens || row.cache_write_input_tokens ? (
            <span
              class="muted small"
              title={`${row.cache_read_input_tokens ?? 0} read from the cache, ${row.cache_write_input_tokens ?? 0} written to it`}
            >
              {cacheSummary(row)}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'output',
      header: 'Output',
      align: 'right',
      width: '62px',
      title: 'Output tokens, reasoning included; reasoning below',
      cell: (row) => (
        <span class="stack stack-right">
          <span>
            {row.usage_estimated && row.output_tokens !== null ? '~' : ''}
            {tokens(row.output_tokens)}
          </span>
          {row.reasoning_tokens ? (
            <span class="muted small" title={`${row.reasoning_tokens} reasoning tokens`}>
              {formatCount(row.reasoning_tokens)} rsn
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'total',
      header: 'Total',
      sortable: true,
      align: 'right',
      width: '58px',
      title: 'Input + output tokens',
      cell: (row) =>
        row.input_tokens === null && row.output_tokens === null
          ? '–'
          : formatCount((row.input_tokens ?? 0) + (row.output_tokens ?? 0)),
    },
    {
      id: 'cost',
      header: 'Cost',
      sortable: true,
      align: 'right',
      width: '96px',
      cell: (row) => <CallCost cost={row.total_cost_usd} reason={row.cost_error} />,
    },
    {
      id: 'evaluations',
      header: 'Evals',
      width: '76px',
      title: 'Results of the online evaluators (Evaluations page)',
      cell: (row) => <EvaluationChips results={evaluations.get(row.uuid)} />,
    },
    {
      id: 'latency',
      header: 'Latency',
      sortable: true,
      align: 'right',
      width: '70px',
      cell: (row) => formatSeconds(row.latency),
    },
    {
      id: 'ttft',
      header: 'TTFT',
      sortable: true,
      align: 'right',
      width: '58px',
      title: 'Time to first token (streaming)',
      cell: (row) => formatSeconds(row.time_to_first_token),
    },
    {
      id: 'status',
      header: 'Status',
      width: '66px',
      cell: (row) =>
        row.is_error ? (
          <span class="badge badge-error" title={errorSummary(row.error)}>
            error
          </span>
        ) : (
          <span class="badge badge-ok">ok</span>
        ),
    },
    {
      id: 'user',
      header: 'User',
      width: '8%',
      minWidth: 64,
      cell: (row) => (
        <span class="truncate" title={row.distinct_id}>
          {row.distinct_id}
        </span>
      ),
    },
    {
      id: 'trace',
      header: 'Trace',
      width: '80px',
      cell: (row) =>
        row.trace_id ? (
          <Link
            href={withRange(`/traces/${encodeURIComponent(row.trace_id)}`, query.params, {
              span: row.span_id,
            })}
            class="mono small"
            title={row.trace_id}
          >
            {shortId(row.trace_id)}
          </Link>
        ) : (
          '–'
        ),
    },
  ];

  // The results column only when a generation on this page has one: without evaluations the
  // table keeps its width for model names (legible at 1280 px).
  const shownColumns = evaluations.size
    ? columns
    : columns.filter((column) => column.id !== 'evaluations');
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div class="page">
      <PageHeader
        title="Generations"
        subtitle="Every model call: tokens, cost, latency and status."
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
              placeholder="Text in the input or output"
              resets={PAGE_RESETS}
              wide
            />
            <SelectFilter
              query={query}
              name="model"
              label="Model"
              resets={PAGE_RESETS}
              options={[
                { value: '', label: 'All models' },
                ...modelOptions.map((value) => ({ value, label: value })),
              ]}
            />
            <SelectFilter
              query={query}
              name="provider"
              label="Provider"
              resets={PAGE_RESETS}
              options={[
                { value: '', label: 'All' },
                ...providerOptions.map((value) => ({ value, label: value })),
              ]}
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
            <SelectFilter
              query={query}
              name="service"
              label="App"
              resets={PAGE_RESETS}
              options={[
                { value: '', label: 'All apps' },
                ...serviceOptions.map((value) => ({ value, label: value })),
              ]}
            />
            <SelectFilter
              query={query}
              name="score"
              label="Score"
              resets={[...PAGE_RESETS, 'score_label']}
              options={[
                { value: '', label: 'Any' },
                ...scoreSummaries.map((metric) => ({ value: metric.name, label: metric.name })),
              ]}
            />
            {filters.score && scoreLabelOptions.length ? (
              <SelectFilter
                query={query}
                name="score_label"
                label="Result"
                resets={PAGE_RESETS}
                options={[
                  { value: '', label: 'Any' },
                  ...scoreLabelOptions.map((value) => ({ value, label: value })),
                ]}
              />
            ) : null}
            <SelectFilter
              query={query}
              name="status"
              label="Status"
              resets={PAGE_RESETS}
              options={[
                { value: '', label: 'All' },
                { value: 'error', label: 'Errors' },
                { value: 'ok', label: 'Succeeded' },
              ]}
            />
          </div>
          <ErrorBanner error={result.error} />
          <div class="card card-flush">
            <DataTable
              label="Generations"
              columns={shownColumns}
              rows={rows}
              rowKey={(row) => row.uuid}
              onRowClick={open}
              sort={{ id: sortColumn, order }}
              onSort={(id, next) =>
                query.set({
                  sort: id === 'time' && next === 'desc' ? undefined : id,
                  order: next === 'desc' ? undefined : next,
                  page: undefined,
                })
              }
              stale={result.stale}
              empty={
                result.loading ? (
                  'Loading…'
                ) : (
                  <EmptyRange query={query} noun="generations" filtered={filtered} />
                )
              }
            />
            <Pager
              offset={(page - 1) * limit}
              count={rows.length}
              noun="generations"
              hasPrevious={page > 1}
              hasNext={result.data?.next_offset !== null && result.data?.next_offset !== undefined}
              onPrevious={() => query.set({ page: page - 1 > 1 ? page - 1 : undefined })}
              onNext={() => query.set({ page: page + 1 })}
              pageSize={limit}
              pageSizes={
                PAGE_SIZES.includes(limit)
                  ? PAGE_SIZES
                  : [...PAGE_SIZES, limit].sort((a, b) => a - b)
              }
              onPageSize={(size) =>
                query.set({ limit: size === DEFAULT_PAGE_SIZE ? undefined : size, page: undefined })
              }
            />
          </div>
        </>
      )}
    </div>
  );
}
