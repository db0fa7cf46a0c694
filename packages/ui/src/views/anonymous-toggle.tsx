/** Users: switch between identified people and the anonymous ids, with how many of each. */
import { apiGet } from '../api/client';
import type { Dashboard } from '../api/types';
import { usePolled } from '../hooks/use-polled';
import type { QueryState } from '../hooks/use-query-state';
import { formatCount } from '../lib/format';
import { timeRangeFrom } from '../lib/time-range';

export function AnonymousToggle(props: { query: QueryState }) {
  const { query } = props;
  const range = timeRangeFrom(query.params);
  const showing = query.get('anonymous') === 'true';
  const counts = usePolled(
    `user-counts|${range.id}|${query.get('from') ?? ''}|${query.get('to') ?? ''}`,
    (signal) =>
      apiGet<Dashboard>('/api/dashboard', { ...range.resolve(), bucket: range.bucket }, signal),
  );
  const totals = counts.data?.totals;
  return (
    <div class="segmented" role="group" aria-label="Which users">
      <button
        type="button"
        name="identified"
        aria-pressed={!showing}
        class={showing ? undefined : 'active'}
        onClick={() => query.set({ anonymous: undefined, page: undefined })}
      >
        Identified <span class="muted">{formatCount(totals?.users)}</span>
      </button>
      <button
        type="button"
        name="anonymous"
        aria-pressed={showing}
        class={showing ? 'active' : undefined}
        data-testid="show-anonymous"
        onClick={() => query.set({ anonymous: 'true', page: undefined })}
      >
        Anonymous <span class="muted">{formatCount(totals?.anonymous_users)}</span>
      </button>
    </div>
  );
}
