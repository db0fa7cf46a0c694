import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectChdb, type ChdbLease } from './connect';
import { migrate } from './migrate';
import { MIGRATIONS } from './schema';

let lease: ChdbLease | undefined;
let dir: string | undefined;
afterEach(async () => {
  await lease?.release();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ClickHouse migrations', () => {
  it('replicas starting at once all succeed and the schema is applied once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'llm-analytics-migrate-'));
    lease = await connectChdb(dir);
    const target = { database: 'migrate_test' };
    await Promise.all([migrate(lease.client, target), migrate(lease.client, target)]);
    expect(await migrate(lease.client, target)).toEqual([]);
    const tables = await lease.client.query({
      query: `SELECT name FROM system.tables WHERE database = 'migrate_test' ORDER BY name`,
      format: 'JSONEachRow',
    });
    expect((await tables.json<{ name: string }>()).map((row) => row.name)).toEqual([
      'evaluation_jobs',
      'evaluators',
      'events',
      'otlp_pending_logs',
      'otlp_recent_spans',
      'schema_migrations',
    ]);
    const versions = await lease.client.query({
      query: 'SELECT DISTINCT version FROM migrate_test.schema_migrations FINAL ORDER BY version',
      format: 'JSONEachRow',
    });
    expect((await versions.json<{ version: number }>()).map((row) => Number(row.version))).toEqual(
      MIGRATIONS.map((migration) => migration.version),
    );
  });

  it('the clustered form creates replicated tables on the cluster behind a Distributed events', () => {
    const statements = MIGRATIONS.flatMap((migration) =>
      migration.statements({ database: 'db', cluster: 'main' }),
    );
    expect(statements.every((sql) => sql.includes('ON CLUSTER `main`'))).toBe(true);
    expect(statements.filter((sql) => sql.includes('ReplicatedReplacingMergeTree'))).toHaveLength(
      5,
    );
    const distributed = statements.findIndex((sql) =>
      /CREATE TABLE IF NOT EXISTS `db`\.events ON CLUSTER `main` AS `db`\.`events_local`\s+ENGINE = Distributed\(`main`, `db`, `events_local`, cityHash64\(project, uuid\)\)/.test(
        sql,
      ),
    );
    expect(distributed).toBeGreaterThan(-1);
    // A later column is added to the local tables and to the Distributed table in front of them.
    const alters = statements
      .slice(distributed + 1)
      .flatMap((sql) => /^ALTER TABLE (\S+)/.exec(sql)?.[1] ?? []);
    expect(alters).toEqual(['`db`.`events_local`', '`db`.events']);
  });
});
