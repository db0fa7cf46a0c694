import type { PostHogExportOptions } from '../export/types';
import {
  resolveAdapterOptions,
  type AdapterDefaults,
  type AdapterExportOptions,
} from '../integration/adapter-options';
import { nodeGzip } from './node-gzip';
import { withFileSpool, type NodeSpoolOptions } from './with-file-spool';

/** Options of every Node adapter entry: the adapters' options plus the file spool. */
export interface NodeAdapterExportOptions extends AdapterExportOptions, NodeSpoolOptions {}

/**
 * `resolveAdapterOptions` for Node entries: the same one resolution, plus `node:zlib` gzip and
 * a file spool when `spoolDir` is set. Browser and edge entries use `resolveAdapterOptions`
 * (no files there, and `CompressionStream` for gzip).
 */
export function resolveNodeAdapterOptions(
  options: NodeAdapterExportOptions | undefined,
  defaults: AdapterDefaults = {},
): PostHogExportOptions {
  // `spoolDir` and `spoolMaxBytes` pass through the shared resolution untouched.
  const resolved = resolveAdapterOptions(options, defaults) as PostHogExportOptions &
    NodeSpoolOptions;
  // Core is isomorphic, so the cheaper Node gzip is injected here rather than imported there.
  if (typeof resolved.gzip !== 'function') resolved.gzip = nodeGzip;
  return withFileSpool(resolved);
}
