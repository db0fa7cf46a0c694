/** Dashboard: totals, metrics over time (optionally split by model), top models, users, traces. */
import { useMemo } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { apiGet } from '../api/client';
import type { Dashboard, OffsetPage, TracePage, UserRow } from '../api/types';
import { CostValue, costSortValue } from '../components/cost-value';
import { DataTable } from '../components/data-table';
import { ErrorBanner, PageHeader } from '../components/layout';
import { SetupGuide } from '../components/setup-guide';
import { StatCard } from '../components/stat-card';
import { TimeSeriesChart } from '../components/time-series-chart';
import { useHasEvents } from '../hooks/use-has-events';
import { useNow } from '../hooks/use-now';
import { usePolled } from '../hooks/use-polled';
import { useQueryState, withRange } from '../hooks/use-query-state';
import {
  formatShortTime,
  formatCount,
  formatFullTime,
  formatPercent,
  formatSeconds,
  formatUsd,
} from '../lib/format';
import { colorAt } from '../lib/palette';
import { bucketStarts, timeRangeFrom } from '../lib/time-range';
import { metricCharts, modelLabel } from './dashboard-series';
import { ScoresPanel } from './scores-panel';

/** Lines per chart when split by model; the rest would be unreadable. */
const MAX_SPLIT_MODELS = 6;
/** Top users and traces are ranked among this many of the most recent (the API has no cost sort). */
const TOP_SAMPLE = 1000;
const TOP_ROWS = 8;
const TOP_INTERVAL_MS = 15_000;

export function DashboardView() {
  const query = useQueryState();
  const [, navigate] = useLocation();
  const range = timeRangeFrom(query.params);
  const model = query.get('model');
  const split = query.get('split') === 'model';
  const rangeKey = `${range.id}|${query.get('range') ?? ''}|${query.get('from') ?? ''}|${query.get('to') ?? ''}`;
  const hasEvents = useHasEvents();

  const service = query.get('service');
  const dashboard = usePolled(`dashboard|${rangeKey}|${model ?? ''}|${service ?? ''}`, (signal) =>
    apiGet<Dashboard>(
      '/api/dashboard',
      { ...range.resolve(), bucket: range.bucket, model, service },
      signal,
    ),
  );
  const topModels = useMemo(
    () =>
      (dashboard.data?.by_model ?? [])
        .filter((row) => row.model !== null)
        .slice(0, MAX_SPLIT_MODELS),
    [dashboard.data],
  );
  const splitKey = split ? topModels.map((row) => `${row.model}@${row.provider}`).join(',') : '';
  const splitData = usePolled(
    split && topModels.length ? `split|${rangeKey}|${splitKey}` : undefined,
    (signal) =>
      Promise.all(
        topModels.map(async (row) => ({
          label: modelLabel(row.model, row.provider),
          dashboard: await apiGet<Dashboard>(
            '/api/dashboard',
            { ...range.resolve(), bucket: range.bucket, model: row.model, provider: row.provider },
            signal,
          ),
        })),
      ),
  );
  // Larger reads: refreshed less often than the totals.
  const users = usePolled(
    `top-users|${rangeKey}`,
    (signal) =>
      apiGet<OffsetPage<UserRow>>('/api/users', { ...range.resolve(), limit: TOP_SAMPLE }, signal),
    TOP_INTERVAL_MS,
  );
  const traces = usePolled(
    `top-traces|${rangeKey}`,
    (signal) => apiGet<TracePage>('/api/traces', { ...range.resolve(), limit: TOP_SAMPLE }, signal),
    TOP_INTERVAL_MS,
  );

  const data = dashboard.data;
  const now = useNow(60_000);
  const x = useMemo(() => {
    if (!data) return [];
    const resolved = range.resolve(now);
    const first = data.by_time[0]?.bucket;
    const from = resolved.from
      ? new Date(resolved.from).getTime()
      : first
        ? new Date(first).getTime()
        : Date.now();
    const to = resolved.to ? new Date(resolved.to).getTime() - 1 : Math.max(now, Date.now());
    return bucketStarts(range.bucket, from, to);
  }, [data, rangeKey, now]);
  const charts = useMemo(
    () => (data ? metricCharts(x, data, split ? splitData.data : undefined) : []),
    [x, data, split, splitData.data],
  );

  const totals = data?.totals;
  const topUsers = useMemo(
    () =>
      [...(users.data?.results ?? [])]
        .sort((a, b) => costSortValue(b) - costSortValue(a))
        .slice(0, TOP_ROWS),
    [users.data],
  );
  const topTraces = useMemo(
    () =>
      [...(traces.data?.results ?? [])]
        .sort((a, b) => costSortValue(b) - costSortValue(a))
        .slice(0, TOP_ROWS),
    [traces.data],
  );
  const byCost = useMemo(
    () => [...(data?.by_model ?? [])].sort((a, b) => costSortValue(b) - costSortValue(a)),
    [data],
  );
  const modelOptions = [
    { value: '', label: 'All models' },
    ...(data?.by_model ?? [])
      .filter((row) => row.model)
      .map((row) => ({ value: row.model!, label: row.model! })),
  ];
  if (model && !modelOptions.some((option) => option.value === model))
    modelOptions.push({ value: model, label: model });
  const serviceOptions = [
    { value: '', label: 'All apps' },
    ...(data?.by_service ?? [])
      .filter((row) => row.service_name)
      .map((row) => ({ value: row.service_name!, label: row.service_name! })),
  ];
  if (service && !serviceOptions.some((option) => option.value === service))
    serviceOptions.push({ value: service, label: service });

  const actions = (
    <>
      <label class="filter filter-inline">
        <span class="filter-label">Model</span>
        <select
          name="model"
          value={model ?? ''}
          onChange={(event) => query.set({ model: event.currentTarget.value })}
        >
          {modelOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label class="filter filter-inline">
        <span class="filter-label">App</span>
        <select
          name="service"
          value={service ?? ''}
          onChange={(event) => query.set({ service: event.currentTarget.value })}
        >
          {serviceOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label class="toggle">
        <input
          type="checkbox"
          name="split"
          checked={split}
          onChange={(event) =>
            query.set({ split: event.currentTarget.checked ? 'model' : undefined })
          }
        />
        Split by model
      </label>
    </>
  );

  if (hasEvents === false)
    return (
      <div class="page">
        <PageHeader title="Dashboard" range={false} />
        <SetupGuide />
      </div>
    );

  return (
    <div class="page">
      <PageHeader title="Dashboard" actions={actions} />
      <ErrorBanner error={dashboard.error} />
      <section class="stats" aria-label="Totals">
        <StatCard
          label="Requests"
          value={formatCount(totals?.requests)}
          detail={`${formatCount(totals?.traces)} traces`}
          testId="stat-requests"
        />
        <StatCard
          label="Cost"
          value={totals ? <CostValue cost={totals} /> : '–'}
          detail={
            totals?.unpriced_count
              ? `${formatCount(totals.unpriced_count)} unpriced ${totals.unpriced_count === 1 ? 'call' : 'calls'}`
              : totals?.requests && totals.total_cost_usd !== null
                ? `${formatUsd(totals.total_cost_usd / totals.requests)}/call`
                : undefined
          }
          testId="stat-cost"
        />
        <StatCard
          label="Input tokens"
          value={formatCount(totals?.input_tokens)}
          detail={
            totals?.cache_read_tokens || totals?.cache_write_tokens
              ? `cache ${formatCount(totals.cache_read_tokens)} read / ${formatCount(totals.cache_write_tokens)} write`
              : 'cache included'
          }
          testId="stat-input-tokens"
        />
        <StatCard
          label="Output tokens"
          value={formatCount(totals?.output_tokens)}
          testId="stat-output-tokens"
        />
        <StatCard
          label="Latency p50"
          value={formatSeconds(totals?.latency.p50)}
          detail={`p95 ${formatSeconds(totals?.latency.p95)}`}
          testId="stat-latency"
        />
        <StatCard
          label="TTFT p50"
          value={formatSeconds(totals?.time_to_first_token.p50)}
          detail={`p95 ${formatSeconds(totals?.time_to_first_token.p95)}`}
          testId="stat-ttft"
        />
        <StatCard
          label="Error rate"
          value={formatPercent(totals?.error_rate)}
          detail={`${formatCount(totals?.errors)} ${totals?.errors === 1 ? 'error' : 'errors'}`}
          testId="stat-errors"
          {...(totals?.errors ? { tone: 'danger' as const } : {})}
        />
        <StatCard
          label="Users"
          value={formatCount(totals?.users)}
          detail={`identified; ${formatCount(totals?.anonymous_users)} anonymous`}
          testId="stat-users"
        />
        <StatCard
          label="Feedback"
          value={formatCount(data?.scores.feedback_count)}
          detail={`${formatCount(data?.scores.metrics.length)} score names`}
          testId="stat-feedback"
        />
      </section>

      <section class="charts" aria-label="Metrics over time">
        {charts.map((chart) => (
          <div class="card chart-card" key={chart.id} data-chart={chart.id}>
            <h2 class="card-title">{chart.title}</h2>
            <TimeSeriesChart
              x={x}
              series={chart.series}
              format={chart.format}
              area={chart.area}
              integer={chart.integer}
              label={chart.title}
              onSelectRange={(from, to) =>
                query.set({
                  from: new Date(from).toISOString(),
                  to: new Date(to).toISOString(),
                  range: undefined,
                })
              }
            />
          </div>
        ))}
      </section>

      <ScoresPanel scores={data?.scores} x={x} />

      <section class="tops">
        <div class="card" data-testid="top-models">
          <h2 class="card-title">Top models by cost</h2>
          <DataTable
            label="Top models by cost"
            rows={byCost}
            rowKey={(row) => `${row.model}@${row.provider}`}
            onRowClick={(row) =>
              row.model && navigate(withRange('/generations', query.params, { model: row.model }))
            }
            empty="No model calls in this range."
            columns={[
              {
                id: 'model',
                header: 'Model',
                cell: (row) => (
                  <span class="model-cell">
                    <span class="dot" style={{ background: colorAt(topModels.indexOf(row)) }} />
                    <span
                      class="truncate"
                      title={`${modelLabel(row.model, row.provider)} (${row.provider ?? 'unknown provider'})`}
                    >
                      {modelLabel(row.model, row.provider)}
                    </span>
                  </span>
                ),
              },
              {
                id: 'requests',
                header: 'Calls',
                align: 'right',
                width: '58px',
                cell: (row) => formatCount(row.requests),
              },
              {
                id: 'p50',
                header: 'p50',
                align: 'right',
                width: '70px',
                cell: (row) => formatSeconds(row.latency.p50),
              },
              {
                id: 'cost',
                header: 'Cost',
                align: 'right',
                width: '106px',
                cell: (row) => <CostValue cost={row} />,
              },
            ]}
          />
        </div>
        <div class="card" data-testid="top-users">
          <h2 class="card-title">Top users by cost</h2>
          <DataTable
            label="Top users by cost"
            rows={topUsers}
            rowKey={(row) => row.distinct_id}
            onRowClick={(row) =>
              navigate(withRange('/traces', query.params, { distinct_id: row.distinct_id }))
            }
            empty="No users in this range."
            columns={[
              {
                id: 'user',
                header: 'User',
                cell: (row) => (
                  <span class="truncate" title={row.distinct_id}>
                    {row.distinct_id}
                  </span>
                ),
              },
              {
                id: 'traces',
                header: 'Traces',
                align: 'right',
                width: '64px',
                cell: (row) => formatCount(row.trace_count),
              },
              {
                id: 'last',
                header: 'Last seen',
                align: 'right',
                width: '84px',
                cell: (row) => (
                  <span title={formatFullTime(row.last_seen)}>
                    {formatShortTime(row.last_seen)}
                  </span>
                ),
              },
              {
                id: 'cost',
                header: 'Cost',
                align: 'right',
                width: '106px',
                cell: (row) => <CostValue cost={row} />,
              },
            ]}
          />
        </div>
        <div class="card" data-testid="top-traces">
          <h2 class="card-title">Top traces by cost</h2>
          <DataTable
            label="Top traces by cost"
            rows={topTraces}
            rowKey={(row) => row.trace_id}
            onRowClick={(row) =>
              navigate(withRange(`/traces/${encodeURIComponent(row.trace_id)}`, query.params))
            }
            empty="No traces in this range."
            columns={[
              {
                id: 'name',
                header: 'Trace',
                cell: (row) => (
                  <Link
                    href={withRange(`/traces/${encodeURIComponent(row.trace_id)}`, query.params)}
                    class="truncate"
                    title={row.trace_id}
                  >
                    {row.name ?? row.trace_id}
                  </Link>
                ),
              },
              {
                id: 'user',
                header: 'User',
                width: '32%',
                cell: (row) => (
                  <span class="truncate muted" title={row.distinct_id ?? ''}>
                    {row.distinct_id ?? '–'}
                  </span>
                ),
              },
              {
                id: 'cost',
                header: 'Cost',
                align: 'right',
                width: '106px',
                cell: (row) => <CostValue cost={row} />,
              },
            ]}
          />
        </div>
      </section>
      <p class="footnote">
        Tokens and cost count model calls (generations and embeddings); input tokens include cached
        ones for every provider. A cost with unpriced calls is shown as a lower bound (hover for
        why). Users count identified people; anonymous ids are counted apart. Top users and traces
        are ranked among the {formatCount(TOP_SAMPLE)} most recent in the range. Drag across a chart
        to zoom in.
      </p>
    </div>
  );
}
