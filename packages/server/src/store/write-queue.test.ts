import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WriteQueue', () => {
  it('groups items from concurrent callers into one flush', async () => {
    const flushes: number[][] = [];
    const queue = new WriteQueue<number>({
      flush: async (items) => void flushes.push(items),
      maxItems: 100,
      delayMs: 5,
    });
    await Promise.all([1, 2, 3].map((item) => queue.enqueue(item)));
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('flushes at once when the size is reached', async () => {
    const flushes: number[][] = [];
    const queue = new WriteQueue<number>({
      flush: async (items) => void flushes.push(items),
      maxItems: 2,
      delayMs: 10_000,
    });
    await Promise.all([queue.enqueue(1), queue.enqueue(2)]);
    expect(flushes).toEqual([[1, 2]]);
  });

  it('items queued during a flush go in the next one, which starts right after', async () => {
    const flushes: number[][] = [];
    let release!: () => void;
    const queue = new WriteQueue<number>({
      flush: async (items) => {
        flushes.push(items);
        if (flushes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      maxItems: 100,
      delayMs: 1,
    });
    const first = queue.enqueue(1);
    await tick(10);
    const second = Promise.all([queue.enqueue(2), queue.enqueue(3)]);
    release();
    await Promise.all([first, second]);
    expect(flushes).toEqual([[1], [2, 3]]);
  });

  it('rejects every caller of a failed flush, and only those', async () => {
    let fail = true;
    const queue = new WriteQueue<number>({
      flush: async () => {
        if (fail) throw new Error('disk full');
      },
      maxItems: 100,
      delayMs: 1,
    });
    const results = await Promise.allSettled([queue.enqueue(1), queue.enqueue(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(queue.enqueue(3)).resolves.toBeUndefined();
  });

  it('when a grouped flush fails, writes each item alone: only the bad one fails', async () => {
    const flushes: number[][] = [];
    const queue = new WriteQueue<number>({
      flush: async (items) => {
        flushes.push(items);
        if (items.includes(2)) throw new Error('cannot write 2');
      },
      maxItems: 100,
      delayMs: 5,
    });
    const results = await Promise.allSettled([1, 2, 3].map((item) => queue.enqueue(item)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(flushes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('drain waits for queued items; close refuses new ones', async () => {
    const flushed: number[] = [];
    const queue = new WriteQueue<number>({
      flush: async (items) => void flushed.push(...items),
      maxItems: 100,
      delayMs: 10_000,
    });
    void queue.enqueue(1);
    await queue.drain();
    expect(flushed).toEqual([1]);
    await queue.close();
    await expect(queue.enqueue(2)).rejects.toThrow(/closed/);
  });

  it('with maxInFlight 2, the next flush starts while the previous one is still running', async () => {
    const started: number[][] = [];
    const releases: Array<() => void> = [];
    const queue = new WriteQueue<number>({
      flush: async (items) => {
        started.push(items);
        await new Promise<void>((resolve) => releases.push(resolve));
      },
      maxItems: 1,
      delayMs: 10_000,
      maxInFlight: 2,
    });
    const writes = [queue.enqueue(1), queue.enqueue(2), queue.enqueue(3)];
    await tick(5);
    // Two flushes run at once; the third item waits for a free slot.
    expect(started).toEqual([[1], [2]]);
    releases.shift()!();
    await writes[0];
    await tick(5);
    expect(started).toEqual([[1], [2], [3]]);
    releases.splice(0).forEach((release) => release());
    await tick(5);
    releases.splice(0).forEach((release) => release());
    await Promise.all(writes);
    await queue.drain();
  });
});
