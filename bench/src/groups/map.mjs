// map: spans/s through SpanRecord → event → price on one core.
import { runWorker } from '../lib/child.mjs';
import { describe } from '../lib/stats.mjs';

const WORKER = new URL('../workers/map-worker.mjs', import.meta.url).pathname;
const SCENARIOS = [
  ['chat', 'OpenAI chat span (instrumentation-openai 0.21, content log records joined)'],
  ['tool_loop', 'Vercel AI SDK 6 tool-loop trace (generateText, 2 doGenerate, toolCall)'],
];

export async function mapThroughput({ quick, log }) {
  const rows = [];
  const figures = {};
  for (const [scenario, title] of SCENARIOS) {
    log(`map: ${scenario}`);
    const result = await runWorker(WORKER, [scenario, quick ? 'quick' : 'full']);
    const stats = describe(result.spansPerSecond);
    if (scenario === 'chat') figures['map.spans_per_s'] = stats.median;
    rows.push({ name: scenario, ...stats, unit: 'spans/s', note: title });
  }
  return { figures, sections: [{ title: 'map: spans per second on one core', rows }] };
}
