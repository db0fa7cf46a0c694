/** When the data on screen was last refreshed, for the "live" indicator in the sidebar. */
import { useEffect, useState } from 'preact/hooks';

export interface LiveStatus {
  /** Epoch ms of the last successful refresh. */
  updatedAt: number | undefined;
  /** The last refresh failed; polling backs off until one succeeds. */
  failing: boolean;
}

let status: LiveStatus = { updatedAt: undefined, failing: false };
const listeners = new Set<() => void>();

export function reportRefresh(ok: boolean): void {
  status = ok ? { updatedAt: Date.now(), failing: false } : { ...status, failing: true };
  for (const listener of listeners) listener();
}

export function useLiveStatus(): LiveStatus {
  const [value, setValue] = useState(status);
  useEffect(() => {
    const listener = () => setValue(status);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return value;
}
