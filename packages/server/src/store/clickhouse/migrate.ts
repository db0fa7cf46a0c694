/** Applies the schema migrations at start; safe when several replicas start at once. */
import type { ClickHouseClient } from '@clickhouse/client';
import { MIGRATIONS, migrationsTable, quoteIdentifier, type SchemaTarget } from './schema';

/** Bring the database up to the newest schema; returns the versions this call applied. */
export async function migrate(client: ClickHouseClient, target: SchemaTarget): Promise<number[]> {
  await client.command({
    query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(target.database)}${target.cluster ? ` ON CLUSTER ${quoteIdentifier(target.cluster)}` : ''}`,
  });
  await client.command({ query: migrationsTable(target) });
  const result = await client.query({
    query: `SELECT version FROM ${quoteIdentifier(target.database)}.schema_migrations FINAL`,
    format: 'JSONEachRow',
  });
  const applied = new Set(
    (await result.json<{ version: number | string }>()).map((row) => Number(row.version)),
  );
  const ran: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    // Another replica may be running the same migration right now: every statement is
    // idempotent, so both finish with the same schema and record the same version.
    for (const statement of migration.statements(target))
      await client.command({ query: statement });
    await client.insert({
      table: `${quoteIdentifier(target.database)}.schema_migrations`,
      values: [{ version: migration.version, name: migration.name }],
      format: 'JSONEachRow',
    });
    ran.push(migration.version);
  }
  return ran;
}
