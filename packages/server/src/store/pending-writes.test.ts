import { describe, expect, it } from 'vitest';
import { PendingWrites, traceSpansKey, writeKeys } from './pending-writes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const span = (traceId: string, spanId: string) => ({
  project: 'p',
  span: { traceId, spanId } as never,
  receivedAt: 0,
});

describe('PendingWrites', () => {
  it('a read waits for the queued writes of its trace, not for writes of other traces', async () => {
    const writes = new PendingWrites();
    const traceA = deferred();
    const traceB = deferred();
    writes.track(writeKeys({ recentSpans: [span('a', 's1')] }), traceA.promise);
    writes.track(writeKeys({ recentSpans: [span('b', 's2')] }), traceB.promise);
    let readB = false;
    const waiting = writes.waitFor([traceSpansKey('p', 'b')]).then(() => (readB = true));
    traceA.resolve();
    await tick();
    expect(readB).toBe(false);
    traceB.resolve();
    await waiting;
    expect(readB).toBe(true);
    // Nothing queued for trace a any more: no wait at all.
    await writes.waitFor([traceSpansKey('p', 'a')]);
  });

  it('a failed write ends the wait too', async () => {
    const writes = new PendingWrites();
    const failing = deferred();
    writes.track(writeKeys({ recentSpans: [span('a', 's1')] }), failing.promise);
    failing.promise.catch(() => undefined);
    const waiting = writes.waitFor([traceSpansKey('p', 'a')]);
    failing.reject(new Error('disk full'));
    await expect(waiting).resolves.toBeUndefined();
  });
});
