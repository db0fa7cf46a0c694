export { createFileSpool, DEFAULT_SPOOL_MAX_BYTES, type FileSpoolOptions } from './file-spool';
export { withFileSpool, type NodeSpoolOptions } from './with-file-spool';
export type { Spool } from '../export/spool';
export {
  resolveNodeAdapterOptions,
  type NodeAdapterExportOptions,
} from './resolve-node-adapter-options';
export { nodeGzip } from './node-gzip';
