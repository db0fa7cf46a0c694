import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCaptureServer } from './capture-server';
import type { CaptureServer } from './types';

let sink: CaptureServer;

beforeAll(async () => {
  sink = await startCaptureServer();
});
beforeEach(() => sink.reset());
afterAll(() => sink.close());

const postBatch = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sink.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('capture server', () => {
  it('records JSON requests and answers 200 {status: 1}', async () => {
    const response = await postBatch({ api_key: 'phc_test', batch: [] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 1 });
    expect(sink.requests[0]).toMatchObject({
      method: 'POST',
      path: '/batch/',
      json: { api_key: 'phc_test', batch: [] },
    });
  });

  it('decompresses gzip bodies and keeps the raw bytes', async () => {
    const raw = gzipSync(Buffer.from(JSON.stringify({ hello: 'world' })));
    await fetch(`${sink.url}/i/v0/ai/otel?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: raw,
    });
    const [request] = await sink.waitFor(1);
    expect(request?.rawBody.equals(raw)).toBe(true);
    expect(request?.json).toEqual({ hello: 'world' });
    expect(request?.query).toEqual({ x: '1' });
  });

  it('keeps protobuf bodies as bytes without parsing them', async () => {
    await fetch(`${sink.url}/i/v0/ai/otel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array([10, 0]),
    });
    expect(sink.requests[0]?.body).toEqual(Buffer.from([10, 0]));
    expect(sink.requests[0]?.json).toBeUndefined();
  });

  it('plays a scripted 503, then a 429 with Retry-After, then the default 200', async () => {
    sink.respondWith([
      { status: 503, body: 'unavailable' },
      { status: 429, headers: { 'retry-after': '2' }, body: { error: 'slow down' } },
    ]);
    const first = await postBatch({ n: 1 });
    const second = await postBatch({ n: 2 });
    const third = await postBatch({ n: 3 });
    expect([first.status, second.status, third.status]).toEqual([503, 429, 200]);
    expect(await first.text()).toBe('unavailable');
    expect(second.headers.get('retry-after')).toBe('2');
    expect(sink.requests.map((request) => request.json)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('answers from a responder function', async () => {
    sink.respondWith((request) => (request.path === '/fail' ? { status: 400 } : undefined));
    const failed = await fetch(`${sink.url}/fail`, { method: 'POST', body: 'x' });
    const ok = await fetch(`${sink.url}/ok`, { method: 'POST', body: 'x' });
    expect([failed.status, ok.status]).toEqual([400, 200]);
  });

  it('simulates a network error by destroying the socket', async () => {
    sink.respondWith({ destroySocket: true });
    await expect(postBatch({})).rejects.toThrow();
    await expect(postBatch({})).resolves.toMatchObject({ status: 200 });
  });

  it('waits for requests matching a predicate, and times out clearly', async () => {
    const waiting = sink.waitFor((request) => request.path === '/late', 2000);
    setTimeout(() => void fetch(`${sink.url}/late`, { method: 'POST', body: '{}' }), 20);
    const [late] = await waiting;
    expect(late?.path).toBe('/late');
    await expect(sink.waitFor(10, 50)).rejects.toThrow(/timed out after 50 ms/);
  });
});
