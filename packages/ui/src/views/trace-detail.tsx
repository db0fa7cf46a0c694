/** One trace: summary, span tree with waterfall, and the selected span's detail (`?span=`). */
import { useEffect, useMemo } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { ApiError, apiGet } from '../api/client';
import type { TraceDetail } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { ErrorBanner, PageHeader } from '../components/layout';
import { usePolled } from '../hooks/use-polled';
import { useQueryState, withRange } from '../hooks/use-query-state';
import { CostValue } from '../components/cost-value';
import { TokenCount } from '../components/token-count';
import { formatCount, formatFullTime, formatSeconds, formatTime } from '../lib/format';
import { layoutTrace } from '../lib/trace-layout';
import { SpanDetail } from './span-detail';
import { SpanTree } from './span-tree';
import { ScoreList, scoresOf } from './score-list';

export function TraceDetailView(props: { traceId: string }) {
  const query = useQueryState();
  const detail = usePolled(`trace|${props.traceId}`, (signal) =>
    apiGet<TraceDetail>(`/api/traces/${encodeURIComponent(props.traceId)}`, {}, signal),
  );
  const layout = useMemo(() => layoutTrace(detail.data?.events ?? []), [detail.data]);
  const requested = query.get('span');
  const selected = layout.rows.find((row) => row.id === requested) ?? layout.rows[0];

  useEffect(() => {
    // Bring a span picked elsewhere (a generations row) into view in a long tree.
    if (!requested) return;
    document
      .querySelector(`[data-span-id="${CSS.escape(requested)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [requested, layout.rows.length]);

  const summary = detail.data?.trace;
  const scores = detail.data?.scores ?? [];
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  const back = withRange('/traces', query.params);
  return (
    <div class="page page-detail">
      <PageHeader
        range={false}
        title={
          <>
            <Link href={back} class="crumb">
              Traces
            </Link>
            <span class="crumb-sep">/</span>
            <span data-testid="trace-name">{summary?.name ?? props.traceId}</span>
          </>
        }
        subtitle={
          <span class="trace-id">
            <span class="mono">{props.traceId}</span>
            <CopyButton text={props.traceId} label="Copy id" />
          </span>
        }
      />
      {notFound ? (
        <div class="card empty">
          <h2>No trace {props.traceId}</h2>
          <p class="muted">It may not have arrived yet; this page refreshes on its own.</p>
        </div>
      ) : (
        <ErrorBanner error={detail.error} />
      )}
      {summary ? (
        <dl class="summary-bar" data-testid="trace-summary">
          <div>
            <dt>Started</dt>
            <dd title={formatFullTime(summary.start_time)}>{formatTime(summary.start_time)}</dd>
          </div>
          <div>
            <dt>User</dt>
            <dd>
              {summary.distinct_id ? (
                <Link
                  href={withRange('/traces', query.params, { distinct_id: summary.distinct_id })}
                >
                  {summary.distinct_id}
                </Link>
              ) : (
                '–'
              )}
            </dd>
          </div>
          <div>
            <dt>Session</dt>
            <dd class="mono">
              {summary.session_id ? (
                <Link href={withRange('/traces', query.params, { session_id: summary.session_id })}>
                  {summary.session_id}
                </Link>
              ) : (
                '–'
              )}
            </dd>
          </div>
          {summary.service_name ? (
            <div>
              <dt>App</dt>
              <dd>
                <Link href={withRange('/traces', query.params, { service: summary.service_name })}>
                  {summary.service_name}
                </Link>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Latency</dt>
            <dd>{formatSeconds(summary.latency)}</dd>
          </div>
          <div>
            <dt>Spans</dt>
            <dd>{formatCount(summary.span_count)}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd data-testid="trace-tokens">
              <TokenCount tokens={summary} />
            </dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd data-testid="trace-cost">
              <CostValue cost={summary} />
            </dd>
          </div>
          <div>
            <dt>Errors</dt>
            <dd data-testid="trace-errors">
              {summary.error_count ? (
                <span class="badge badge-error">{summary.error_count}</span>
              ) : (
                '0'
              )}
            </dd>
          </div>
        </dl>
      ) : null}
      {scores.length ? (
        <div class="card">
          <ScoreList scores={scores} title="Scores" testId="trace-scores" />
        </div>
      ) : null}
      {layout.rows.length ? (
        <div class="trace-panes">
          <div class="card card-flush tree-pane">
            <SpanTree
              layout={layout}
              selectedId={selected?.id}
              onSelect={(id) => query.set({ span: id }, { replace: true })}
            />
          </div>
          <div class="card detail-pane">
            {selected ? (
              <SpanDetail
                event={selected.node}
                scores={scoresOf(scores, selected.id, selected.node.uuid)}
              />
            ) : null}
          </div>
        </div>
      ) : detail.loading ? (
        <div class="card empty muted">Loading…</div>
      ) : null}
    </div>
  );
}
