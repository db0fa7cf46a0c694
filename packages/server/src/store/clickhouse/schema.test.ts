import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './schema';

const v2 = MIGRATIONS.find((migration) => migration.version === 2)!;

describe('ClickHouse schema version 2', () => {
  it('adds the read API columns to the single-node events table', () => {
    const statements = v2.statements({ database: 'analytics' });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^ALTER TABLE `analytics`\.`events` ADD COLUMN IF NOT EXISTS/);
    for (const column of ['service_name', 'anonymous', 'duplicate_of', 'error_message'])
      expect(statements[0]).toContain(`ADD COLUMN IF NOT EXISTS ${column} `);
    expect(statements[0]).not.toContain('ON CLUSTER');
  });

  it('on a cluster, alters every replica and the Distributed table alike', () => {
    const statements = v2.statements({ database: 'analytics', cluster: 'main' });
    expect(statements.map((statement) => statement.split(' ADD COLUMN')[0])).toEqual([
      'ALTER TABLE `analytics`.`events_local` ON CLUSTER `main`',
      'ALTER TABLE `analytics`.events ON CLUSTER `main`',
    ]);
    expect(statements[0]!.slice(statements[0]!.indexOf(' ADD COLUMN'))).toBe(
      statements[1]!.slice(statements[1]!.indexOf(' ADD COLUMN')),
    );
  });
});
