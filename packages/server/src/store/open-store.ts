/** Open the store a `--store` URL names. */
import { resolve } from 'node:path';
import { ClickHouseStore } from './clickhouse/clickhouse-store';
import { connectChdb, connectServer } from './clickhouse/connect';
import { DuckDBStore } from './duckdb-store';
import type { EventStore } from './event-store';
import { parseStoreUrl, type StoreLocation } from './store-url';

export interface OpenStoreOptions {
  /** Flush at this many events… */
  writeBatchSize?: number;
  /** …or after this many milliseconds. */
  writeDelayMs?: number;
}

/** Open `duckdb:PATH`, `chdb:PATH` or `clickhouse://…` (a bare path is a DuckDB file). */
export async function openStore(
  url: string | StoreLocation,
  options: OpenStoreOptions = {},
): Promise<EventStore> {
  const location = typeof url === 'string' ? parseStoreUrl(url) : url;
  const batching = {
    ...(options.writeBatchSize !== undefined ? { writeBatchSize: options.writeBatchSize } : {}),
    ...(options.writeDelayMs !== undefined ? { writeDelayMs: options.writeDelayMs } : {}),
  };
  if (location.kind === 'duckdb') return DuckDBStore.open(location.path, batching);
  const retention =
    location.retentionDays !== undefined ? { retentionDays: location.retentionDays } : {};
  if (location.kind === 'chdb') {
    // Only the ClickHouse modules are loaded here: the DuckDB default never touches them.
    const lease = await connectChdb(resolve(location.path));
    return ClickHouseStore.open(lease.client, {
      database: location.database,
      release: lease.release,
      ...retention,
      ...batching,
    });
  }
  const client = await connectServer({
    url: location.url,
    ...(location.username !== undefined ? { username: location.username } : {}),
    ...(location.password !== undefined ? { password: location.password } : {}),
  });
  return ClickHouseStore.open(client, {
    database: location.database,
    ...(location.cluster ? { cluster: location.cluster } : {}),
    ...retention,
    ...batching,
  });
}
