/**
 * Clients for the ClickHouse store. `@clickhouse/client` and `chdb` are optional peer
 * dependencies: loaded only when a ClickHouse store is chosen, with a one-line error naming
 * the package when it is missing.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { resolve } from 'node:path';
import { StoreOpenError } from '../store-open-error';

function isMissingModule(error: unknown, name: string): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    String((error as Error).message).includes(name)
  );
}

/** Import an optional peer dependency; missing, it is a one-line error naming the package. */
export async function loadOptionalPackage<T>(
  name: string,
  purpose: string,
  importer: () => Promise<T>,
): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    if (isMissingModule(error, name))
      throw new StoreOpenError(`${purpose} needs the "${name}" package: npm install ${name}`);
    throw error;
  }
}

const loadClient = (purpose: string) =>
  loadOptionalPackage('@clickhouse/client', purpose, () => import('@clickhouse/client'));

export interface ServerClientOptions {
  url: string;
  username?: string;
  password?: string;
}

/** A client for a ClickHouse server or cluster over HTTP(S). */
export async function connectServer(options: ServerClientOptions): Promise<ClickHouseClient> {
  const { createClient, ClickHouseLogLevel } = await loadClient('a clickhouse:// store');
  return createClient({
    // Failures reach the caller (one line on the CLI, a 503 to the exporter): the client's
    // own multi-line console logging would only repeat them.
    log: { level: ClickHouseLogLevel.OFF },
    url: options.url,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    // Acknowledge a write only once ClickHouse has it, not when it sits in an async buffer.
    clickhouse_settings: { async_insert: 0, insert_distributed_sync: 1 },
    request_timeout: 60_000,
  });
}

interface SharedChdb {
  client: ClickHouseClient;
  users: number;
}

/**
 * chDB allows one data directory per process: stores opened on the same path share one
 * client (two servers over one embedded ClickHouse, as in the cross-replica tests), and the
 * session closes when the last of them does.
 */
const chdbSessions = new Map<string, SharedChdb>();

export interface ChdbLease {
  client: ClickHouseClient;
  release(): Promise<void>;
}

/** Open (or share) the embedded ClickHouse at `path`. */
export async function connectChdb(path: string): Promise<ChdbLease> {
  const location = resolve(path);
  let shared = chdbSessions.get(location);
  if (!shared) {
    const { createClient, ClickHouseLogLevel } = await loadClient('a chdb: store');
    const { createChdbConnection } = await loadOptionalPackage(
      'chdb',
      'a chdb: store',
      () => import('chdb/connection'),
    );
    let connection;
    try {
      connection = createChdbConnection({ path: location });
    } catch (error) {
      // chDB's own reason (a held lock, mostly) goes to stderr from native code; ours names
      // the usual cause.
      throw new StoreOpenError(
        `cannot open chdb:${path}: ${(error as Error).message.split('\n')[0]} (is another process using it? chDB is embedded in one process; replicas need a ClickHouse server)`,
      );
    }
    // chdb types its connection against its own copy of @clickhouse/client-common's types,
    // which can differ by a patch version from the client's: the runtime interface is the same.
    type ClientConnection = NonNullable<Parameters<typeof createClient>[0]>['connection'];
    shared = {
      client: createClient({
        connection: connection as unknown as ClientConnection,
        log: { level: ClickHouseLogLevel.OFF },
      }),
      users: 0,
    };
    chdbSessions.set(location, shared);
  }
  shared.users++;
  const session = shared;
  let released = false;
  return {
    client: session.client,
    release: async () => {
      if (released) return;
      released = true;
      if (--session.users > 0) return;
      chdbSessions.delete(location);
      await session.client.close();
    },
  };
}
