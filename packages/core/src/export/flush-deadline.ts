import { logger } from './config';
import type { ExportPipeline } from './export-pipeline';

/** Part of the deadline left, after stopping, for aborted work to settle and be counted. */
const SETTLE_MS = 100;

function delay(ms: number): { promise: Promise<'timeout'>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Ref'd on purpose, and bounded: it keeps a process alive while a flush it awaits is
  // pending (the retry pauses are unref'd), never longer than the deadline.
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Run a flush of `pipeline` within `timeoutMs`, across every attempt and pause: every send
 * under way is bound by the deadline, and when it passes the attempts in flight are aborted
 * (their requests kept for later, or dropped and counted when `final`). Never rejects.
 */
export async function flushWithDeadline(
  pipeline: ExportPipeline,
  work: () => Promise<unknown>,
  timeoutMs: number,
  final: boolean,
): Promise<void> {
  const releaseDeadline = pipeline.addDeadline(Date.now() + Math.max(0, timeoutMs - SETTLE_MS));
  const stopAt = delay(Math.max(0, timeoutMs - SETTLE_MS));
  try {
    const done = work().then(
      () => 'done' as const,
      (error: unknown) => logger.warn(`flush failed: ${String(error)}`),
    );
    if ((await Promise.race([done, stopAt.promise])) !== 'timeout') return;
    pipeline.stopInFlight(final);
    const settle = delay(SETTLE_MS);
    await Promise.race([done, settle.promise]);
    settle.cancel();
    logger.warn(
      `${final ? 'shutdown' : 'forceFlush'} reached its ${timeoutMs} ms deadline; what was not ` +
        `delivered is ${final ? 'dropped' : 'kept for a later retry'}`,
    );
  } finally {
    stopAt.cancel();
    releaseDeadline();
  }
}
