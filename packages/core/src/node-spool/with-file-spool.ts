import type { Spool } from '../export/spool';
import { createFileSpool } from './file-spool';

/** The Node adapters' spool options (`PostHogSpanProcessor({ spoolDir })`). */
export interface NodeSpoolOptions {
  /**
   * Keep events not yet acknowledged in files under this directory (created if missing) so an
   * outage, a restart or a crash (even SIGKILL) loses none: written before their first
   * attempt, removed after a 2xx, delivered oldest first by this or the next process started
   * with the same directory. Several processes may share it. Off by default.
   */
  spoolDir?: string;
  /** Bytes the spool keeps at most per process; beyond it the oldest are dropped and reported (default 100 MiB). */
  spoolMaxBytes?: number;
}

/** `options` with a file spool when `spoolDir` is set (and no `spool` was given). */
export function withFileSpool<T extends NodeSpoolOptions & { spool?: Spool }>(options: T): T {
  if (!options?.spoolDir || options.spool) return options;
  return {
    ...options,
    spool: createFileSpool({ dir: options.spoolDir, maxBytes: options.spoolMaxBytes }),
  };
}
