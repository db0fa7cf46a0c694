import { setTimeout as sleepFor } from 'node:timers/promises';

/** Sleep (a ref'd timer: the suite waits on purpose). */
export const sleep = (ms: number): Promise<void> => sleepFor(ms).then(() => undefined);

/** Resolve with the promise's value, or reject after `ms` with a message naming what hung. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Poll `check` until it returns true, at most `timeoutMs`; false on timeout. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(intervalMs);
  }
  return check();
}
