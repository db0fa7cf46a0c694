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

/** Resolvers waiting for the message channel's next message, in order. */
const waiting: Array<() => void> = [];
let channel: MessageChannel | undefined;

/**
 * A turn through a `MessageChannel`: browsers throttle timers in hidden tabs to a second or a
 * minute, not messages, and an export in a hidden tab must still finish.
 */
function messageTurn(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Runtimes whose ports keep the process alive (Deno, Node) offer unref: an idle channel
    // must not.
    for (const port of [channel.port1, channel.port2])
      (port as MessagePort & { unref?: () => void }).unref?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(undefined);
  });
}

/** A macrotask turn: `setImmediate` where it exists (Node), else a message, else a timer. */
function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: Immediate }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => immediate(resolve));
  if (typeof MessageChannel === 'function') return messageTurn();
  return new Promise((resolve) => setTimeout(resolve, 0));
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
