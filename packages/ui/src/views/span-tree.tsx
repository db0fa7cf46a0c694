/** The span tree with a waterfall: one row per span, indented by depth, a bar on the time axis. */
import type { SpanKind } from '../lib/event-fields';
import {
  inputWithCache,
  isErrorEvent,
  numberProp,
  spanKind,
  spanName,
  stringProp,
} from '../lib/event-fields';
import { formatCount, formatSeconds, formatUsd } from '../lib/format';
import type { TraceLayout } from '../lib/trace-layout';
import { P } from '../lib/event-keys';

const KIND_LABELS: Record<SpanKind, string> = {
  trace: 'Trace',
  generation: 'Generation',
  embedding: 'Embedding',
  tool: 'Tool',
  agent: 'Agent',
  span: 'Span',
};

export function KindBadge(props: { kind: SpanKind }) {
  return <span class={`kind kind-${props.kind}`}>{KIND_LABELS[props.kind]}</span>;
}

/** Tick labels for the time axis above the bars. */
function ticks(durationMs: number): Array<{ at: number; label: string }> {
  return [0, 0.25, 0.5, 0.75, 1].map((at) => ({
    at,
    label: formatSeconds((durationMs * at) / 1000),
  }));
}

export function SpanTree(props: {
  layout: TraceLayout;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { layout } = props;
  return (
    <div class="span-tree" role="tree" aria-label="Spans" data-testid="span-tree">
      <div class="tree-axis" aria-hidden="true">
        <span class="tree-axis-name">Span</span>
        <span class="tree-axis-scale">
          {ticks(layout.durationMs).map((tick) => (
            <span key={tick.at} class="tick" style={{ left: `${tick.at * 100}%` }}>
              {tick.label}
            </span>
          ))}
        </span>
        <span class="tree-axis-duration">Duration</span>
      </div>
      {layout.rows.map((row) => {
        const kind = spanKind(row.node);
        const selected = row.id === props.selectedId;
        const error = isErrorEvent(row.node);
        const tokens =
          (inputWithCache(row.node) ?? 0) + (numberProp(row.node, P.outputTokens) ?? 0);
        const cost = numberProp(row.node, P.totalCostUsd);
        const model = stringProp(row.node, P.model);
        return (
          <div
            key={row.id}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-selected={selected}
            tabIndex={0}
            class={`tree-row${selected ? ' selected' : ''}${error ? ' has-error' : ''}`}
            data-span-id={row.id}
            data-depth={row.depth}
            data-kind={kind}
            onClick={() => props.onSelect(row.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                props.onSelect(row.id);
              }
            }}
          >
            <div class="tree-name" style={{ paddingLeft: `${8 + row.depth * 16}px` }}>
              {Array.from({ length: row.depth }, (_, level) => (
                <span
                  key={level}
                  class="guide"
                  style={{ left: `${14 + level * 16}px` }}
                  aria-hidden="true"
                />
              ))}
              <KindBadge kind={kind} />
              <span class="tree-label">
                <span class="tree-title truncate" title={spanName(row.node)}>
                  {spanName(row.node)}
                </span>
                <span class="tree-meta">
                  {model && kind !== 'trace' ? <span class="truncate">{model}</span> : null}
                  {tokens ? <span>{formatCount(tokens)} tok</span> : null}
                  {cost !== undefined ? <span>{formatUsd(cost)}</span> : null}
                  {error ? <span class="text-error">error</span> : null}
                </span>
              </span>
            </div>
            <div class="tree-bar-track">
              <span
                class={`tree-bar bar-${kind}`}
                data-testid="waterfall-bar"
                style={{ left: `${row.offset * 100}%`, width: `${row.width * 100}%` }}
              />
            </div>
            <div class="tree-duration">{formatSeconds(numberProp(row.node, P.latency))}</div>
          </div>
        );
      })}
    </div>
  );
}
