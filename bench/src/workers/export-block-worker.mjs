// The longest event-loop block while our processor exports 100 AI spans of 50 KB messages:
// a 1 ms interval timer runs through `forceFlush()`, and the largest gap between two of its
// ticks is the block (an upper bound: it includes the timer's own 1 ms).
//
//   node export-block-worker.mjs <contestant> <quick|full>
import { performance } from 'node:perf_hooks';
import { reportFromWorker } from '../lib/child.mjs';
import { createProcessor, providerWith } from '../lib/contestants.mjs';
import { settle } from '../lib/measure.mjs';
import { startSink } from '../lib/sink.mjs';
import { startSpans } from '../lib/spans.mjs';

const [contestant, mode] = process.argv.slice(2);
const SPANS = 100;
const ROUNDS = mode === 'quick' ? { warmup: 2, timed: 3 } : { warmup: 4, timed: 12 };

/** Largest gap between ticks of a 1 ms timer while `work` runs, in ms. */
async function longestBlock(work) {
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
    // The last stretch of work up to here counts too.
    longest = Math.max(longest, performance.now() - last);
  } finally {
    clearInterval(probe);
  }
  return longest;
}

await reportFromWorker(async () => {
  const sink = await startSink();
  try {
    const processor = await createProcessor(contestant, sink.url);
    const provider = providerWith(processor);
    const samplesMs = [];
    for (let round = 0; round < ROUNDS.warmup + ROUNDS.timed; round++) {
      const spans = startSpans(provider, 'ai_50kb', SPANS);
      // Ending the spans is the application's own loop; the export work starts after it.
      for (const span of spans) span.end();
      const block = await longestBlock(() => processor.forceFlush());
      if (round >= ROUNDS.warmup) samplesMs.push(block);
      await settle();
    }
    await provider.shutdown();
    return { samplesMs };
  } finally {
    await sink.close();
  }
});
