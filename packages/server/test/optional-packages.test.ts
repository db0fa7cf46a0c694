/** The ClickHouse packages are optional peers: the DuckDB default must never load them. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const DIST = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'index.js')).href;

// A module hook that refuses the ClickHouse packages, as if they were not installed.
const REFUSE = `export async function resolve(specifier, context, next) {
  if (/^(@clickhouse\\/client|chdb)(\\/|$)/.test(specifier))
    throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}`;

function startAndStop(storeUrl: string) {
  const script = `
    import { register } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(REFUSE)}));
    const { startServer } = await import(${JSON.stringify(DIST)});
    try {
      const server = await startServer({ port: 0, storeUrl: ${JSON.stringify(storeUrl)} });
      await server.close();
      console.log('started');
    } catch (error) {
      console.log('failed: ' + error.message);
    }`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('optional ClickHouse packages', () => {
  it('a DuckDB server starts without @clickhouse/client or chdb', () => {
    const result = startAndStop(`duckdb:${join(tempDir(), 'x.duckdb')}`);
    expect(result.stdout.trim()).toBe('started');
  });

  it('a chdb: store without them is a one-line error naming the package', () => {
    const result = startAndStop(`chdb:${join(tempDir(), 'ch')}`);
    expect(result.stdout.trim()).toBe(
      'failed: a chdb: store needs the "@clickhouse/client" package: npm install @clickhouse/client',
    );
  });
});
