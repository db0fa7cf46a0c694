/** `--store <url>`: which store, where. One parser for the CLI, the env and `startServer`. */

export type StoreLocation =
  | { kind: 'duckdb'; path: string }
  | {
      kind: 'clickhouse';
      /** `http(s)://host:port` of the ClickHouse HTTP interface. */
      url: string;
      username?: string;
      password?: string;
      database: string;
      cluster?: string;
      retentionDays?: number;
    }
  | { kind: 'chdb'; path: string; database: string; retentionDays?: number };

/** A store URL that can't be used: the message is one line for the CLI. */
export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

const STORE_URL_FORMS =
  'use duckdb:PATH, chdb:PATH or clickhouse://user:password@host:8123/database (http(s):// too)';

function retention(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new StoreUrlError(`invalid retention_days "${raw}": use a whole number of days >= 1`);
  return Number(raw);
}

/** `chdb:PATH?database=NAME&retention_days=N`: the query part is optional. */
function parseChdb(rest: string): StoreLocation {
  const [path = '', query = ''] = rest.split('?', 2);
  if (path === '') throw new StoreUrlError(`chdb: needs a directory, e.g. chdb:.data/clickhouse`);
  const params = new URLSearchParams(query);
  const days = retention(params.get('retention_days'));
  return {
    kind: 'chdb',
    path,
    database: params.get('database') || 'llm_analytics',
    ...(days !== undefined ? { retentionDays: days } : {}),
  };
}

function parseClickHouse(raw: string): StoreLocation {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StoreUrlError(`invalid store URL "${raw}": ${STORE_URL_FORMS}`);
  }
  const secure = url.protocol === 'https:' || url.searchParams.get('secure') === 'true';
  const port = url.port || (secure ? '8443' : '8123');
  const database = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'llm_analytics';
  const cluster = url.searchParams.get('cluster');
  const days = retention(url.searchParams.get('retention_days'));
  return {
    kind: 'clickhouse',
    url: `${secure ? 'https' : 'http'}://${url.hostname}:${port}`,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    database,
    ...(cluster ? { cluster } : {}),
    ...(days !== undefined ? { retentionDays: days } : {}),
  };
}

/** Parse a store URL; a bare path means a DuckDB file (what `--db PATH` always meant). */
export function parseStoreUrl(raw: string): StoreLocation {
  const value = raw.trim();
  if (value === '') throw new StoreUrlError(`empty store URL: ${STORE_URL_FORMS}`);
  if (value.startsWith('duckdb:')) {
    const path = value.slice('duckdb:'.length);
    if (path === '') throw new StoreUrlError('duckdb: needs a file, e.g. duckdb:.data/llm.duckdb');
    return { kind: 'duckdb', path };
  }
  if (value.startsWith('chdb:')) return parseChdb(value.slice('chdb:'.length));
  if (/^(clickhouse|https?):\/\//.test(value)) return parseClickHouse(value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    throw new StoreUrlError(`unknown store "${value.split(':')[0]}:": ${STORE_URL_FORMS}`);
  return { kind: 'duckdb', path: value };
}

/** The location without its password, for logs and the startup banner. */
export function describeStore(location: StoreLocation): string {
  if (location.kind === 'duckdb') return `duckdb:${location.path}`;
  if (location.kind === 'chdb') return `chdb:${location.path} (database ${location.database})`;
  const user = location.username ? `${location.username}@` : '';
  return `${location.url.replace('://', `://${user}`)}/${location.database}${location.cluster ? ` (cluster ${location.cluster})` : ''}`;
}
