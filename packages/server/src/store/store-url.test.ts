import { describe, expect, it } from 'vitest';
import { describeStore, parseStoreUrl } from './store-url';

describe('store URLs', () => {
  it('reads a bare path and duckdb:PATH as a DuckDB file', () => {
    expect(parseStoreUrl('.data/x.duckdb')).toEqual({ kind: 'duckdb', path: '.data/x.duckdb' });
    expect(parseStoreUrl('duckdb:/tmp/a.duckdb')).toEqual({
      kind: 'duckdb',
      path: '/tmp/a.duckdb',
    });
  });

  it('reads chdb:PATH with an optional database and retention', () => {
    expect(parseStoreUrl('chdb:.data/ch')).toEqual({
      kind: 'chdb',
      path: '.data/ch',
      database: 'llm_analytics',
    });
    expect(parseStoreUrl('chdb:/x?database=t1&retention_days=30')).toEqual({
      kind: 'chdb',
      path: '/x',
      database: 't1',
      retentionDays: 30,
    });
  });

  it('reads clickhouse:// and https:// URLs with credentials, database, cluster', () => {
    expect(
      parseStoreUrl('clickhouse://writer:p%40ss@ch.internal:8123/analytics?cluster=main'),
    ).toEqual({
      kind: 'clickhouse',
      url: 'http://ch.internal:8123',
      username: 'writer',
      password: 'p@ss',
      database: 'analytics',
      cluster: 'main',
    });
    expect(parseStoreUrl('https://ch.example.com')).toEqual({
      kind: 'clickhouse',
      url: 'https://ch.example.com:8443',
      database: 'llm_analytics',
    });
  });

  it('never prints the password', () => {
    expect(describeStore(parseStoreUrl('clickhouse://u:secret@h:8123/db'))).toBe(
      'http://u@h:8123/db',
    );
  });

  it('rejects unknown schemes, empty paths and bad retention with one line', () => {
    expect(() => parseStoreUrl('mysql://h/db')).toThrow(/^unknown store "mysql:": use duckdb:PATH/);
    expect(() => parseStoreUrl('chdb:')).toThrow(/chdb: needs a directory/);
    expect(() => parseStoreUrl('chdb:/x?retention_days=0')).toThrow(/invalid retention_days "0"/);
  });
});
