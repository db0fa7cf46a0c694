import { describe, expect, it, vi } from 'vitest';
import { runSliced, runToEnd, type Steps } from './sliced';

/** `count` steps of about `stepMs` of busy work each; records how many turns had run at each. */
function* busySteps(
  count: number,
  stepMs: number,
  turns: () => number,
  seen: number[],
): Steps<string> {
  for (let i = 0; i < count; i++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) {
      // Busy: stands for mapping work that never awaits.
    }
    seen.push(turns());
    yield;
  }
  return 'done';
}

describe('time-sliced work', () => {
  it('gives the event loop a turn once a slice has run its time, and returns the result', async () => {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    const result = await runSliced(
      busySteps(10, 2, () => turns, seen),
      4,
    );
    ticking = false;
    expect(result).toBe('done');
    // 20 ms of work in slices of 4 ms: other callbacks ran between the steps, several times.
    expect(seen[seen.length - 1]! - seen[0]!).toBeGreaterThanOrEqual(3);
  });

  it('runs every step at once when asked to, without a turn in between', () => {
    let turns = 0;
    setImmediate(() => turns++);
    const seen: number[] = [];
    expect(runToEnd(busySteps(5, 1, () => turns, seen))).toBe('done');
    expect(seen).toEqual([0, 0, 0, 0, 0]);
  });

  it('gives turns through messages where there is no setImmediate (browsers, edge)', async () => {
    vi.stubGlobal('setImmediate', undefined);
    try {
      let timerRan = false;
      setTimeout(() => (timerRan = true), 0);
      const seen: number[] = [];
      const result = await runSliced(
        busySteps(10, 2, () => (timerRan ? 1 : 0), seen),
        4,
      );
      expect(result).toBe('done');
      // The timer queued before the work ran before the work ended: it was not one block.
      expect(seen[0]).toBe(0);
      expect(seen[seen.length - 1]).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
