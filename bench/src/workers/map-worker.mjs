// Spans per second through the pipeline the exporter runs (SpanRecord → normalize → event →
// price → redact), on one core, in batches of 100 spans of distinct traces.
//
//   node map-worker.mjs <chat|tool_loop> <quick|full>
//
// `chat`: the real OpenAI instrumentation's chat span with its content log records joined;
// `tool_loop`: the real Vercel AI SDK 6 tool-loop trace (4 spans), with the AI SDK integration.
import { performance } from 'node:perf_hooks';
import { createMapper } from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { vercelAiIntegration } from '@llm-analytics/vercel-ai';
import { reportFromWorker } from '../lib/child.mjs';
import { openAiChatSpans, replicateTrace, vercelToolLoopSpans } from '../lib/fixtures.mjs';
import { measure } from '../lib/measure.mjs';

const [scenario, mode] = process.argv.slice(2);
const PLAN =
  mode === 'quick'
    ? { timeMs: 150, iterations: 10, warmupIterations: 10 }
    : { timeMs: 1500, iterations: 50, warmupIterations: 50 };

await reportFromWorker(async () => {
  const trace = scenario === 'chat' ? openAiChatSpans() : vercelToolLoopSpans();
  const batch = replicateTrace(trace, Math.ceil(100 / trace.length));
  // The mapper the exporter builds: its adapter's integration, priced.
  const mapper = createMapper({
    price: createPricer(),
    integrations: scenario === 'chat' ? [] : [vercelAiIntegration],
  });
  const check = mapper.map(batch);
  if (check.failed.length || check.events.length !== batch.length)
    throw new Error(`${scenario}: ${check.events.length} events, ${check.failed.length} failed`);
  const stats = await measure(
    scenario,
    async () => {
      const t0 = performance.now();
      mapper.map(batch);
      const elapsed = performance.now() - t0;
      return { perOp: elapsed / batch.length, wallMs: elapsed };
    },
    PLAN,
  );
  return { spansPerSecond: stats.samples.map((ms) => 1000 / ms), spans: batch.length };
});
