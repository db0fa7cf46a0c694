// One contestant, one message size: process CPU time per AI span from `span.end()` until the
// loopback sink has accepted the request carrying it.
//
//   node export-worker.mjs <contestant> <2kb|50kb> <quick|full>
//
// The sink runs in its own process, so its CPU is not counted; process.cpuUsage() counts
// every thread of this one (compression in the libuv pool, GC helpers). Spans are started
// before the clock starts: creating them is the application's cost, not the exporter's.
import { performance } from 'node:perf_hooks';
import { reportFromWorker } from '../lib/child.mjs';
import { createProcessor, providerWith } from '../lib/contestants.mjs';
import { cpuMs, measure, settle } from '../lib/measure.mjs';
import { startSink } from '../lib/sink.mjs';
import { startSpans } from '../lib/spans.mjs';

const [contestant, size, mode] = process.argv.slice(2);
const KIND = size === '50kb' ? 'ai_50kb' : 'ai';
const SPANS_PER_SAMPLE = size === '50kb' ? 100 : 200;
const PLAN =
  mode === 'quick'
    ? { timeMs: 100, iterations: 5, warmupIterations: 3 }
    : { timeMs: 1500, iterations: 15, warmupIterations: 6 };

await reportFromWorker(async () => {
  const sink = await startSink();
  try {
    const processor = await createProcessor(contestant, sink.url);
    const provider = providerWith(processor);
    let ended = 0;
    const stats = await measure(
      `${contestant} ${size}`,
      async () => {
        const started = performance.now();
        const spans = startSpans(provider, KIND, SPANS_PER_SAMPLE);
        const c0 = cpuMs();
        for (const span of spans) span.end();
        await processor.forceFlush();
        const c1 = cpuMs();
        ended += spans.length;
        await settle();
        return { perOp: (c1 - c0) / SPANS_PER_SAMPLE, wallMs: performance.now() - started };
      },
      PLAN,
    );
    const received = await sink.stats();
    await provider.shutdown();
    return {
      samplesUs: stats.samples.map((ms) => ms * 1000),
      wireBytesPerSpan: received.bytes / ended,
      requestsPer100Spans: (received.requests / ended) * 100,
    };
  } finally {
    await sink.close();
  }
});
