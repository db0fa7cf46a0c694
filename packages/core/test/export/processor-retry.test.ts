import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../src/export/backoff';
import { captureDiag, setup } from './harness';

describe('retries', () => {
  it('retries 503 and 429, honouring Retry-After, then delivers once', async () => {
    const { sink, processor, chat } = await setup({ retryBaseDelayMs: 20 });
    sink.respondWith([
      { status: 503 },
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, body: '{"status":1}' },
    ]);
    chat();
    await processor.forceFlush();
    expect(sink.requests.map((r) => r.path)).toEqual(['/batch/', '/batch/', '/batch/']);
    const [first, second, third] = sink.requests.map((r) => r.receivedAt);
    // Backoff after the 503 is short (base 20 ms); after the 429 the server asked for 1 s.
    expect(second! - first!).toBeLessThan(900);
    expect(third! - second!).toBeGreaterThanOrEqual(950);
    // The very same body is re-sent: the event uuid dedupes on the server.
    expect(sink.requests[2]!.text).toBe(sink.requests[0]!.text);
  });

  it('retries 502 and 504 and network errors', async () => {
    const { sink, processor, chat } = await setup({ retryBaseDelayMs: 10 });
    sink.respondWith([{ status: 502 }, { status: 504 }, { destroySocket: true }, { status: 200 }]);
    chat();
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(4);
  });

  it('retries a request that times out', async () => {
    const { sink, processor, chat } = await setup({ retryBaseDelayMs: 10, requestTimeoutMs: 200 });
    sink.respondWith([{ status: 200, delayMs: 1000 }, { status: 200 }]);
    chat();
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(2);
  });

  it('does not retry a 400 (nor other 4xx, nor 500) and counts the loss', async () => {
    const diagnostics = captureDiag();
    for (const status of [400, 401, 413, 500]) {
      const { sink, processor, chat } = await setup({ retryBaseDelayMs: 10 });
      sink.respondWith({ status });
      chat();
      chat();
      await processor.forceFlush();
      expect(sink.requests).toHaveLength(1);
      await processor.shutdown();
    }
    expect(diagnostics.messages.filter((m) => m.includes('2 delivery failed'))).toHaveLength(4);
  });

  it('after maxAttempts keeps the batch for later; at shutdown drops it and reports once, not per span', async () => {
    const diagnostics = captureDiag();
    const { sink, processor, chat } = await setup({ retryBaseDelayMs: 5, maxAttempts: 3 });
    sink.respondWith(() => ({ status: 503 }));
    for (let i = 0; i < 5; i++) chat();
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(3);
    expect(diagnostics.messages.filter((m) => m.includes('lost'))).toHaveLength(0);
    await processor.shutdown();
    // One last round of attempts at shutdown, then the loss is reported.
    expect(sink.requests).toHaveLength(6);
    const reports = diagnostics.messages.filter((m) => m.includes('lost'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('5 delivery failed');
    expect(reports[0]).toContain('HTTP 503 after 3 attempt(s)');
  });

  it('a Retry-After longer than the longest backoff ends the attempts at once; the batch is kept for later', async () => {
    const diagnostics = captureDiag();
    const { sink, processor, chat } = await setup({ retryBaseDelayMs: 5, maxAttempts: 5 });
    sink.respondWith([{ status: 429, headers: { 'retry-after': '99999999' } }]);
    chat();
    const started = Date.now();
    await processor.forceFlush();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sink.requests).toHaveLength(1);
    expect(diagnostics.messages.filter((m) => m.includes('lost'))).toHaveLength(0);
    // Kept, not dropped: the next round (or shutdown's last try) delivers it.
    await processor.shutdown();
    expect(sink.requests).toHaveLength(2);
    expect(diagnostics.messages.filter((m) => m.includes('lost'))).toHaveLength(0);
  });

  it('computes jittered exponential backoff and parses Retry-After', () => {
    expect(backoffDelay(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(1, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(2000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
