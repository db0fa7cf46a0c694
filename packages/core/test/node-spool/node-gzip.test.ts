import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeGzip } from '../../src/node-spool/node-gzip';
import { resolveNodeAdapterOptions } from '../../src/node-spool/resolve-node-adapter-options';

describe('Node gzip of request bodies', () => {
  it('compresses to gzip that gunzip restores byte for byte', async () => {
    const text = JSON.stringify({
      batch: Array.from({ length: 50 }, (_, i) => ({ n: i, t: 'hello world' })),
    });
    const body = new TextEncoder().encode(text);
    const compressed = await nodeGzip(body);
    expect(compressed[0]).toBe(0x1f);
    expect(compressed[1]).toBe(0x8b);
    expect(compressed.byteLength).toBeLessThan(body.byteLength);
    expect(gunzipSync(compressed).toString('utf8')).toBe(text);
  });

  it('is what every Node adapter entry compresses with, unless the caller brings its own', () => {
    expect(resolveNodeAdapterOptions({ apiKey: 'phc' }).gzip).toBe(nodeGzip);
    const own = (data: Uint8Array) => Promise.resolve(data);
    expect(resolveNodeAdapterOptions({ apiKey: 'phc', gzip: own }).gzip).toBe(own);
    // Unreadable options still get it: the fallback resolution is an object too.
    expect(resolveNodeAdapterOptions(undefined).gzip).toBe(nodeGzip);
  });
});
