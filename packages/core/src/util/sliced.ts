/** Work done in steps: each `yield` is a point where the caller may pause. */
export type Steps<T> = Generator<void, T, void>;

/**
 * Longest stretch of export work between two turns of the event loop. Well under the 10 ms
 * an application notices (a dropped frame, a late timer), with room for one step that overruns.
 */
export const SLICE_MS = 4;

const clock: () => number =
  typeof performance === 'object' && typeof performance?.now === 'function'
    ? () => performance.now()
    : () => Date.now();

type Immediate = (callback: () => void) => unknown;

/** A macrotask turn: `setImmediate` where it exists (Node), else a zero timer. */
function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: Immediate }).setImmediate;
  return new Promise((resolve) => {
    if (typeof immediate === 'function') immediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/** Run every step at once (the synchronous callers: `mapper.map`, the page-unload flush). */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Run the steps, giving the event loop a turn whenever a slice has taken `sliceMs`. */
export async function runSliced<T>(steps: Steps<T>, sliceMs: number = SLICE_MS): Promise<T> {
  let started = clock();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (clock() - started >= sliceMs) {
      await nextTurn();
      started = clock();
    }
  }
}
