/** Dashboard scores: feedback count, and per metric / evaluation its average over time and labels. */
import type { Dashboard, MetricSummary } from '../api/types';
import { TimeSeriesChart } from '../components/time-series-chart';
import { formatCount } from '../lib/format';
import { colorAt } from '../lib/palette';

const MAX_METRIC_CHARTS = 4;

function averageLabel(average: number | null): string {
  return average === null ? '–' : Number.isInteger(average) ? String(average) : average.toFixed(2);
}

function MetricCard(props: { metric: MetricSummary; x: number[]; index: number }) {
  const { metric } = props;
  const byTime = new Map(metric.by_time.map((point) => [new Date(point.bucket).getTime(), point]));
  const numeric = metric.average !== null;
  return (
    <div class="card chart-card" data-metric={metric.name}>
      <h2 class="card-title">
        {metric.name}{' '}
        <span class="muted small">
          {formatCount(metric.count)} · avg {averageLabel(metric.average)}
        </span>
      </h2>
      {numeric ? (
        <TimeSeriesChart
          x={props.x}
          series={[
            {
              label: `${metric.name} average`,
              color: colorAt(props.index),
              values: props.x.map((time) => byTime.get(time)?.average ?? null),
            },
          ]}
          format={averageLabel}
          label={`${metric.name} average over time`}
          height={120}
        />
      ) : null}
      {metric.labels.length ? (
        <ul class="label-bars" aria-label={`${metric.name} labels`}>
          {metric.labels.map((label) => (
            <li key={label.label}>
              <span class="label-name">{label.label}</span>
              <span
                class="label-bar"
                style={{ width: `${Math.max(4, (label.count / metric.count) * 100)}%` }}
              />
              <span class="label-count">{formatCount(label.count)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ScoresPanel(props: { scores: Dashboard['scores'] | undefined; x: number[] }) {
  const metrics = props.scores?.metrics ?? [];
  if (!metrics.length) return null;
  return (
    <section class="charts" aria-label="Scores" data-testid="scores-panel">
      {metrics.slice(0, MAX_METRIC_CHARTS).map((metric, index) => (
        <MetricCard key={metric.name} metric={metric} x={props.x} index={index} />
      ))}
    </section>
  );
}
