/**
 * Load data and keep it fresh: refetch every few seconds while the tab is visible, back off
 * exponentially while requests fail, and keep showing the last data while a new query loads.
 * Polling rather than server-sent events: every view is one cheap read-API query, and the
 * same code path serves the first load, filter changes and live updates.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { reportRefresh } from './live-status';

export const POLL_INTERVAL_MS = 5000;
const MAX_BACKOFF_MS = 60_000;

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  /** A request for the current key is in flight and its data is not on screen yet. */
  loading: boolean;
  /** The data on screen belongs to an earlier key (filters changed, new data loading). */
  stale: boolean;
  refresh(): void;
}

/**
 * `load` runs for `key` (a string naming the query: change it to load something else) and
 * again every `intervalMs`. `load` may read the clock (relative time ranges move with it).
 */
export function usePolled<T>(
  key: string | undefined,
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs = POLL_INTERVAL_MS,
): Polled<T> {
  const [state, setState] = useState<{
    key: string | undefined;
    data: T | undefined;
    text: string | undefined;
    error: Error | undefined;
  }>({ key: undefined, data: undefined, text: undefined, error: undefined });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === undefined) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const schedule = () => {
      if (stopped) return;
      const delay = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures);
      timer = setTimeout(() => void run(), delay);
    };
    const run = async () => {
      timer = undefined;
      if (document.hidden) return; // resumed by the visibility listener
      try {
        const data = await loadRef.current(controller.signal);
        if (stopped) return;
        failures = 0;
        const text = JSON.stringify(data);
        // Unchanged data keeps its identity: charts and tables don't redraw on every poll.
        setState((previous) =>
          previous.key === key && previous.text === text && !previous.error
            ? previous
            : { key, data, text, error: undefined },
        );
        reportRefresh(true);
      } catch (error) {
        if (stopped || controller.signal.aborted) return;
        failures++;
        setState((previous) => ({ ...previous, key, error: error as Error }));
        reportRefresh(false);
      }
      schedule();
    };
    const onVisible = () => {
      if (!document.hidden && timer === undefined && !stopped) void run();
    };
    document.addEventListener('visibilitychange', onVisible);
    void run();
    return () => {
      stopped = true;
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key, intervalMs, tick]);

  const refresh = useCallback(() => setTick((value) => value + 1), []);
  const current = state.key === key;
  return {
    data: state.data,
    error: current ? state.error : undefined,
    loading: !current || (state.data === undefined && !state.error),
    stale: !current,
    refresh,
  };
}
