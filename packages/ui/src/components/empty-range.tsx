/**
 * The text of an empty table: when the selected range is empty but the project has older
 * data, say so and offer the range that shows it, in one click.
 */
import { apiGet } from '../api/client';
import type { DataExtent } from '../api/types';
import { usePolled } from '../hooks/use-polled';
import type { QueryState } from '../hooks/use-query-state';
import { formatAgo } from '../lib/format';
import { RANGE_PRESETS } from '../lib/time-range';

/** The smallest preset that reaches back to `iso`. */
function presetCovering(iso: string, now = Date.now()): string {
  const age = now - new Date(iso).getTime();
  return RANGE_PRESETS.find((preset) => preset.ms !== undefined && preset.ms > age)?.id ?? 'all';
}

export function EmptyRange(props: { query: QueryState; noun: string; filtered: boolean }) {
  const extent = usePolled('extent', (signal) => apiGet<DataExtent>('/api/extent', {}, signal));
  if (props.filtered) return <span>No {props.noun} match these filters.</span>;
  const last = extent.data?.last_seen;
  if (!last) return <span>No {props.noun} in this time range.</span>;
  const range = presetCovering(last);
  return (
    <span class="empty-range" data-testid="empty-range">
      No {props.noun} in this time range; the latest data is from {formatAgo(last)}.{' '}
      <button
        type="button"
        class="link-button"
        onClick={() =>
          props.query.set({ range, from: undefined, to: undefined, cursor: undefined })
        }
      >
        Show the last {RANGE_PRESETS.find((preset) => preset.id === range)?.label ?? 'all'}
      </button>
    </span>
  );
}
