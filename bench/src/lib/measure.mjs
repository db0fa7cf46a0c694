// tinybench with warm-up; each sample is one batch of operations and records the time per
// operation (`overriddenDuration`), so timer resolution never dominates a sub-microsecond cost.
import { Bench } from 'tinybench';

/** Median and spread of a task's samples, in the unit the task reported (ms per operation). */
export function summarize(task) {
  const result = task.result;
  if (result.state !== 'completed')
    throw new Error(`${task.name}: ${result.state} ${result.error?.stack ?? ''}`);
  const { p50, mad, min, max, samplesCount, samples } = result.latency;
  return { median: p50, mad, min, max, count: samplesCount, samples: [...(samples ?? [])] };
}

/**
 * Run `iteration` (async, returns `{ perOp, wallMs }`: ms per operation as the sample, and the
 * whole iteration's wall time for the budget) with tinybench: warm-up first, then at least
 * `iterations` samples and `timeMs` of measured work.
 */
export async function measure(name, iteration, { timeMs, iterations, warmupIterations, hooks }) {
  const bench = new Bench({
    time: timeMs,
    iterations,
    warmup: true,
    warmupIterations,
    warmupTime: 0,
    throws: true,
    retainSamples: true,
  });
  bench.add(
    name,
    async () => {
      const { perOp, wallMs } = await iteration();
      return { overriddenDuration: perOp, overriddenIterationCost: wallMs };
    },
    { async: true, ...hooks },
  );
  await bench.run();
  return summarize(bench.tasks[0]);
}

/** Process CPU time (user + system, all threads) in ms. */
export function cpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Yield to the event loop once: microtasks and I/O callbacks queued so far run. */
export const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Run the microtasks queued so far, and those they queue, up to `depth` hops, without giving
 * the event loop a turn (no timer or I/O callback runs): work an `onEnd` defers to a promise
 * still runs before the application's next task, so it belongs to the hot path.
 */
export async function drainMicrotasks(depth = 64) {
  for (let i = 0; i < depth; i++) await null;
}

/** Between samples, untimed: let leftovers of the previous sample (socket reads, timers) run. */
export async function settle() {
  for (let i = 0; i < 3; i++) await turn();
}
