import type { SyncFlushRequest } from '@llm-analytics/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeepaliveBudget, keepaliveFetch } from '../src/keepalive-budget';
import { createUnloadSender } from '../src/unload-sender';

afterEach(() => {
  vi.unstubAllGlobals();
});

const eventsRequest = (bytes: number): SyncFlushRequest => ({
  url: 'https://ingest.example/batch/',
  transport: 'events',
  body: new Uint8Array(bytes),
  headers: { 'content-type': 'application/json' },
  items: 1,
});

const otlpRequest = (bytes: number): SyncFlushRequest => ({
  url: 'https://ingest.example/i/v0/ai/otel',
  transport: 'otlp',
  body: new Uint8Array(bytes),
  headers: { 'content-type': 'application/json', authorization: 'Bearer phc' },
  items: 1,
});

/** A fetch whose responses the test releases by hand. */
function heldFetch() {
  const calls: Array<{ url: string; init: RequestInit; release: () => void }> = [];
  const fetchImpl = vi.fn((url: RequestInfo | URL, init?: RequestInit) => {
    return new Promise<Response>((resolve) => {
      calls.push({ url: String(url), init: init!, release: () => resolve(new Response('{}')) });
    });
  });
  return { calls, fetch: fetchImpl as unknown as typeof fetch };
}

function stubBeacon(result = true) {
  const beacons: Array<{ url: string; data: Blob }> = [];
  vi.stubGlobal('navigator', {
    sendBeacon: (url: string, data: Blob) => (beacons.push({ url, data }), result),
  });
  return beacons;
}

describe('the page-unload sender', () => {
  it('sends events with a keepalive, CORS-simple text/plain fetch and no credentials', () => {
    const { calls, fetch } = heldFetch();
    const beacons = stubBeacon();
    const send = createUnloadSender(new KeepaliveBudget(), fetch);
    expect(send(eventsRequest(1000))).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://ingest.example/batch/');
    expect(calls[0]!.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      mode: 'no-cors',
      credentials: 'omit',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(beacons).toHaveLength(0);
  });

  it('keeps the OTLP authorization header (a CORS request with a preflight)', () => {
    const { calls, fetch } = heldFetch();
    const send = createUnloadSender(new KeepaliveBudget(), fetch);
    expect(send(otlpRequest(1000))).toBe(true);
    expect(calls[0]!.init).toMatchObject({
      keepalive: true,
      mode: 'cors',
      headers: { authorization: 'Bearer phc' },
    });
  });

  it('falls back to sendBeacon with a text/plain Blob once the 64 KiB keepalive budget is used', async () => {
    const { calls, fetch } = heldFetch();
    const beacons = stubBeacon();
    const budget = new KeepaliveBudget();
    const send = createUnloadSender(budget, fetch);
    expect(send(eventsRequest(40_000))).toBe(true);
    expect(send(eventsRequest(30_000))).toBe(true);
    expect(calls).toHaveLength(1);
    expect(beacons).toHaveLength(1);
    expect(beacons[0]!.url).toBe('https://ingest.example/batch/');
    expect(beacons[0]!.data.type).toBe('text/plain;charset=utf-8');
    expect(beacons[0]!.data.size).toBe(30_000);
    // The budget comes back when the keepalive request settles.
    calls[0]!.release();
    await vi.waitFor(() => expect(budget.available).toBe(64 * 1024));
  });

  it('uses sendBeacon where fetch has no keepalive (Firefox before 133)', () => {
    const { calls, fetch } = heldFetch();
    const beacons = stubBeacon();
    const withoutKeepalive = function Request() {} as unknown as typeof Request;
    vi.stubGlobal('Request', withoutKeepalive);
    const send = createUnloadSender(new KeepaliveBudget(), fetch);
    expect(send(eventsRequest(100))).toBe(true);
    expect(calls).toHaveLength(0);
    expect(beacons).toHaveLength(1);
  });

  it('refuses (hands back) what neither path can take', () => {
    const { fetch } = heldFetch();
    stubBeacon(false);
    const budget = new KeepaliveBudget();
    const send = createUnloadSender(budget, fetch);
    expect(send(eventsRequest(70_000))).toBe(false);
    // OTLP never goes by beacon: it needs its authorization header.
    expect(send(otlpRequest(70_000))).toBe(false);
    expect(budget.available).toBe(64 * 1024);
  });

  it('tries the beacon when fetch throws synchronously, and returns the budget', () => {
    const beacons = stubBeacon();
    const budget = new KeepaliveBudget();
    const throwing = (() => {
      throw new TypeError('blocked');
    }) as unknown as typeof fetch;
    expect(createUnloadSender(budget, throwing)(eventsRequest(100))).toBe(true);
    expect(beacons).toHaveLength(1);
    expect(budget.available).toBe(64 * 1024);
  });
});

describe('keepaliveFetch (the normal transport)', () => {
  it('marks requests keepalive while they fit the budget, and releases it when they settle', async () => {
    const { calls, fetch } = heldFetch();
    const budget = new KeepaliveBudget();
    const wrapped = keepaliveFetch(fetch, budget);
    const first = wrapped('https://ingest.example/batch/', {
      method: 'POST',
      body: new Uint8Array(50_000),
    });
    void wrapped('https://ingest.example/batch/', {
      method: 'POST',
      body: new Uint8Array(20_000),
    });
    expect(calls.map((call) => call.init.keepalive)).toEqual([true, undefined]);
    expect(budget.available).toBe(64 * 1024 - 50_000);
    calls[0]!.release();
    await first;
    expect(budget.available).toBe(64 * 1024);
  });
});
