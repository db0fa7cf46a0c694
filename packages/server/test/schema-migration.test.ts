/** A database file written before schema version 2 opens, gains the new columns, and counts. */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { DuckDBStore, openStore, parseStoreUrl, type ProjectEvent } from '../src';
import { connectChdb } from '../src/store/clickhouse/connect';
import { MIGRATIONS, migrationsTable, quoteIdentifier } from '../src/store/clickhouse/schema';
import { TEST_STORE, tempDir, testStoreUrl } from './helpers';

/** The version-1 `events` table, as the previous release created it. */
const V1_EVENTS = `CREATE TABLE events (project VARCHAR NOT NULL, uuid VARCHAR NOT NULL,
  event VARCHAR NOT NULL, timestamp TIMESTAMP NOT NULL, end_timestamp TIMESTAMP,
  distinct_id VARCHAR NOT NULL, trace_id VARCHAR, span_id VARCHAR, parent_id VARCHAR,
  session_id VARCHAR, span_name VARCHAR, trace_name VARCHAR, model VARCHAR, provider VARCHAR,
  input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT,
  cache_creation_tokens BIGINT, reasoning_tokens BIGINT, input_cost_usd DOUBLE,
  output_cost_usd DOUBLE, total_cost_usd DOUBLE, latency DOUBLE, ttft DOUBLE,
  is_error BOOLEAN NOT NULL, error VARCHAR, http_status BIGINT, search_text VARCHAR,
  properties VARCHAR NOT NULL, received_at TIMESTAMP NOT NULL, PRIMARY KEY (project, uuid))`;

const OLD_EVENT_PROPERTIES = JSON.stringify({
  $ai_trace_id: 't1',
  $ai_provider: 'anthropic',
  $process_person_profile: false,
  'service.name': 'legacy-app',
});

const NEW_EVENT: ProjectEvent = {
  project: 'default',
  event: {
    event: '$ai_generation',
    distinct_id: 'bob',
    uuid: 'u2',
    timestamp: new Date().toISOString(),
    properties: { $ai_trace_id: 't2', $ai_model: 'gpt-4o-mini', $ai_input_tokens: 3 },
  },
};

describe('schema migration', () => {
  it('upgrades a version-1 file: old anthropic and anonymous events count like new ones', async () => {
    const path = join(tempDir(), 'v1.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE schema_info (key VARCHAR PRIMARY KEY, value VARCHAR)`);
    await connection.run(`INSERT INTO schema_info VALUES ('version', '1')`);
    await connection.run(V1_EVENTS);
    const properties = OLD_EVENT_PROPERTIES;
    await connection.run(
      `INSERT INTO events (project, uuid, event, timestamp, distinct_id, trace_id, model, provider,
         input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens, is_error, properties, received_at)
       VALUES ('default', 'u1', '$ai_generation', now()::TIMESTAMP, 'anon-1', 't1', 'claude', 'anthropic',
         20, 50, 100, 5, false, $1, now()::TIMESTAMP)`,
      [properties],
    );
    connection.closeSync();
    instance.closeSync();

    const store = await DuckDBStore.open(path);
    try {
      const [user] = await store.users('default', { limit: 10, offset: 0 });
      expect(user).toMatchObject({ distinct_id: 'anon-1', anonymous: true, input_tokens: 170 });
      const page = await store.traces('default', { limit: 10, serviceName: 'legacy-app' });
      expect(page.results.map((trace) => trace.trace_id)).toEqual(['t1']);
      // New events still append after the upgrade (the column order matches the staging table).
      await store.write({ insert: [NEW_EVENT] });
      const traces = await store.traces('default', { limit: 10 });
      expect(traces.results.map((trace) => trace.trace_id).sort()).toEqual(['t1', 't2']);
    } finally {
      await store.close();
    }
  });
});

describe.runIf(TEST_STORE === 'chdb')('ClickHouse schema migration', () => {
  it('upgrades a version-1 database: old anthropic and anonymous events count like new ones', async () => {
    const url = testStoreUrl();
    const location = parseStoreUrl(url);
    if (location.kind !== 'chdb') throw new Error(`expected a chdb: URL, got ${url}`);
    // The shared session stays open while the store opens on it (one chDB per process).
    const lease = await connectChdb(location.path);
    try {
      const target = { database: location.database };
      const db = quoteIdentifier(location.database);
      await lease.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` });
      await lease.client.command({ query: migrationsTable(target) });
      for (const statement of MIGRATIONS[0]!.statements(target))
        await lease.client.command({ query: statement });
      await lease.client.insert({
        table: `${db}.schema_migrations`,
        values: [{ version: 1, name: MIGRATIONS[0]!.name }],
        format: 'JSONEachRow',
      });
      await lease.client.command({
        query: `INSERT INTO ${db}.events (project, uuid, event, timestamp, distinct_id, trace_id,
            model, provider, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens,
            is_error, properties, received_at, version)
          VALUES ('default', 'u1', '$ai_generation', now64(6), 'anon-1', 't1', 'claude',
            'anthropic', 20, 50, 100, 5, false, {properties:String}, now64(6), 1)`,
        query_params: { properties: OLD_EVENT_PROPERTIES },
      });

      const store = await openStore(url);
      try {
        const [user] = await store.users('default', { limit: 10, offset: 0 });
        expect(user).toMatchObject({ distinct_id: 'anon-1', anonymous: true, input_tokens: 170 });
        const page = await store.traces('default', { limit: 10, serviceName: 'legacy-app' });
        expect(page.results.map((trace) => trace.trace_id)).toEqual(['t1']);
        await store.write({ insert: [NEW_EVENT] });
        const traces = await store.traces('default', { limit: 10 });
        expect(traces.results.map((trace) => trace.trace_id).sort()).toEqual(['t1', 't2']);
        const migrations = await lease.client.query({
          query: `SELECT version FROM ${db}.schema_migrations FINAL ORDER BY version`,
          format: 'JSONEachRow',
        });
        expect(
          (await migrations.json<{ version: number }>()).map((row) => Number(row.version)),
        ).toEqual([1, 2, 3]);
      } finally {
        await store.close();
      }
    } finally {
      await lease.release();
    }
  });
});
