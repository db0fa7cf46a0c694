// One contestant, one span kind: nanoseconds per span spent in the application's
// `span.end()` (which runs the processor's `onEnd`).
//
//   node hot-path-worker.mjs <contestant> <non_ai|ai|ai_50kb> <quick|full>
//
// Each sample ends a batch of pre-started spans, then runs the microtasks they queued (work an
// `onEnd` defers to a promise, like @langfuse/otel's masking and media scan, runs before the
// application's next task, so it counts); timers and I/O (our export of a full batch, which
// is scheduled with setTimeout) do not run inside the timed window.
// Between samples, untimed, the processor is flushed to a loopback sink and the event loop
// settles (sockets, timers), so every sample starts from a near-empty queue and an idle loop,
// as in an application between two flushes.
import { performance } from 'node:perf_hooks';
import { reportFromWorker } from '../lib/child.mjs';
import { createProcessor, providerWith } from '../lib/contestants.mjs';
import { drainMicrotasks, measure, settle } from '../lib/measure.mjs';
import { startSink } from '../lib/sink.mjs';
import { startSpans } from '../lib/spans.mjs';

const [contestant, kind, mode] = process.argv.slice(2);
// `ours_isolated`: our processor with its queue emptied between samples instead of exported,
// to tell the cost of `onEnd` itself from the cache and GC aftermath of the export.
const isolated = contestant === 'ours_isolated';
// `bsp_after_ours_export`: the bare BatchSpanProcessor measured, while our processor, off the
// provider, exports the same spans between samples: the same aftermath, none of our onEnd.
const sideExport = contestant === 'bsp_after_ours_export';
const SPANS_PER_SAMPLE = 100;
const PLAN =
  mode === 'quick'
    ? { timeMs: 40, iterations: 8, warmupIterations: 4 }
    : { timeMs: 300, iterations: 40, warmupIterations: 20 };

await reportFromWorker(async () => {
  const sink = await startSink();
  try {
    const processor = await createProcessor(
      isolated ? 'ours' : sideExport ? 'bsp' : contestant,
      sink.url,
    );
    const side = sideExport ? await createProcessor('ours', sink.url) : undefined;
    const provider = providerWith(processor);
    const stats = await measure(
      `${contestant} ${kind}`,
      async () => {
        const started = performance.now();
        const spans = startSpans(provider, kind, SPANS_PER_SAMPLE);
        const t0 = performance.now();
        for (const span of spans) span.end();
        await drainMicrotasks();
        const t1 = performance.now();
        if (isolated) processor.queue.length = 0;
        else await processor.forceFlush();
        if (side) {
          for (const span of spans) side.onEnd(span);
          await side.forceFlush();
        }
        await settle();
        return { perOp: (t1 - t0) / SPANS_PER_SAMPLE, wallMs: performance.now() - started };
      },
      PLAN,
    );
    const received = await sink.stats();
    await provider.shutdown();
    return {
      samplesNs: stats.samples.map((ms) => ms * 1e6),
      sinkRequests: received.requests,
    };
  } finally {
    await sink.close();
  }
});
