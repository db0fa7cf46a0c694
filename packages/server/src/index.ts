export {
  convertFiles,
  detectContentType,
  ConvertError,
  type ConvertOptions,
  type ConvertResult,
} from './convert';
export {
  startServer,
  ServerStartError,
  DEFAULT_DB_PATH,
  DEFAULT_HOST,
  DEFAULT_PORT,
} from './server';
export type { LogJoinOptions, ProjectConfig, RunningServer, ServerOptions } from './types';
export { DuckDBStore, StoreOpenError, type DuckDBStoreOptions } from './store/duckdb-store';
export { openStore, type OpenStoreOptions } from './store/open-store';
export { parseStoreUrl, describeStore, StoreUrlError, type StoreLocation } from './store/store-url';
export type * from './store/event-store';
export { GENERATION_SORTS, DASHBOARD_BUCKETS } from './store/event-store';
export { generateProjectToken, generateReadKey } from './credentials';
export { DEFAULT_INTEGRATIONS } from './integrations';
export { createServerMapper, type ServerMapperOptions } from './server-mapper';
export { UI_CONTENT_SECURITY_POLICY, defaultUiDir, isUiBuilt } from './ui/ui-handler';
