/** Turns dashboard buckets into chart series, optionally one line per model. */
import type { Dashboard, DashboardStats } from '../api/types';
import type { ChartSeries } from '../components/time-series-chart';
import { formatCount, formatPercent, formatSeconds, formatUsd } from '../lib/format';
import { ACCENT, colorAt } from '../lib/palette';

export interface MetricChart {
  id: string;
  title: string;
  format: (value: number) => string;
  series: ChartSeries[];
  area: boolean;
  integer: boolean;
}

interface Metric {
  id: string;
  title: string;
  splitTitle: string;
  format: (value: number) => string;
  /** Unsplit: one or more series from one set of buckets. */
  lines: Array<{
    label: string;
    value: (stats: DashboardStats) => number | null;
    dashed?: boolean;
  }>;
  /** Split: one value per model and bucket. */
  splitValue: (stats: DashboardStats) => number | null;
}

const METRICS: Metric[] = [
  {
    id: 'requests',
    title: 'Requests',
    splitTitle: 'Requests by model',
    format: formatCount,
    lines: [{ label: 'Requests', value: (stats) => stats.requests }],
    splitValue: (stats) => stats.requests,
  },
  {
    id: 'cost',
    title: 'Cost',
    splitTitle: 'Cost by model',
    format: formatUsd,
    // The priced calls' cost: a bucket with an unpriced call still shows what is known.
    lines: [{ label: 'Cost (priced calls)', value: (stats) => stats.priced_cost_usd }],
    splitValue: (stats) => stats.priced_cost_usd,
  },
  {
    id: 'tokens',
    title: 'Tokens',
    splitTitle: 'Tokens (input + output) by model',
    format: formatCount,
    lines: [
      { label: 'Input', value: (stats) => stats.input_tokens },
      { label: 'Output', value: (stats) => stats.output_tokens, dashed: true },
    ],
    splitValue: (stats) => stats.input_tokens + stats.output_tokens,
  },
  {
    id: 'latency',
    title: 'Latency',
    splitTitle: 'Latency p50 by model',
    format: formatSeconds,
    lines: [
      { label: 'p50', value: (stats) => stats.latency.p50 },
      { label: 'p95', value: (stats) => stats.latency.p95, dashed: true },
    ],
    splitValue: (stats) => stats.latency.p50,
  },
  {
    id: 'ttft',
    title: 'Time to first token',
    splitTitle: 'Time to first token p50 by model',
    format: formatSeconds,
    lines: [
      { label: 'p50', value: (stats) => stats.time_to_first_token.p50 },
      { label: 'p95', value: (stats) => stats.time_to_first_token.p95, dashed: true },
    ],
    splitValue: (stats) => stats.time_to_first_token.p50,
  },
  {
    id: 'errors',
    title: 'Error rate',
    splitTitle: 'Error rate by model',
    format: formatPercent,
    lines: [{ label: 'Error rate', value: (stats) => (stats.requests ? stats.error_rate : null) }],
    splitValue: (stats) => (stats.requests ? stats.error_rate : null),
  },
];

/** Counts are zero in an empty bucket; percentiles and rates have no value there. */
const ZERO_WHEN_EMPTY = new Set(['requests', 'cost', 'tokens']);

function valuesAt(
  x: number[],
  buckets: Dashboard['by_time'],
  value: (stats: DashboardStats) => number | null,
  zero: boolean,
): Array<number | null> {
  const byTime = new Map(buckets.map((bucket) => [new Date(bucket.bucket).getTime(), bucket]));
  return x.map((time) => {
    const bucket = byTime.get(time);
    return bucket ? value(bucket) : zero ? 0 : null;
  });
}

export function modelLabel(model: string | null, provider: string | null): string {
  return model ?? (provider ? `${provider} (no model)` : '(no model)');
}

export function metricCharts(
  x: number[],
  dashboard: Dashboard,
  split: Array<{ label: string; dashboard: Dashboard }> | undefined,
): MetricChart[] {
  return METRICS.map((metric) => {
    const zero = ZERO_WHEN_EMPTY.has(metric.id);
    const integer = metric.id === 'requests' || metric.id === 'tokens';
    if (split) {
      return {
        id: metric.id,
        title: metric.splitTitle,
        format: metric.format,
        area: false,
        integer,
        series: split.map((entry, index) => ({
          label: entry.label,
          color: colorAt(index),
          values: valuesAt(x, entry.dashboard.by_time, metric.splitValue, zero),
        })),
      };
    }
    return {
      id: metric.id,
      title: metric.title,
      format: metric.format,
      area: metric.lines.length === 1,
      integer,
      series: metric.lines.map((line, index) => ({
        label: line.label,
        color: index === 0 ? ACCENT : colorAt(index + 1),
        values: valuesAt(x, dashboard.by_time, line.value, zero),
        ...(line.dashed ? { dashed: true } : {}),
      })),
    };
  });
}
