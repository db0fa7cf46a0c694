// `pnpm --dir examples/traceloop start`: runs the example against the mock OpenAI server
// (unless OPENAI_API_KEY is set) and sends the events to LLM_ANALYTICS_HOST with
// LLM_ANALYTICS_TOKEN; without LLM_ANALYTICS_HOST, to a local capture sink (a dry run).
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { startCaptureServer, startMockOpenAI } from '@llm-analytics/testing';
import { run } from './run.mjs';

// Blank counts as unset.
const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value));
// Delivery failures and other problems of the exporter are reported through `diag`.
let problems = 0;
const report = (...args) => {
  problems++;
  console.error(...args);
};
diag.setLogger(
  { error: report, warn: report, info: () => {}, debug: () => {}, verbose: () => {} },
  DiagLogLevel.WARN,
);

const mock = env.OPENAI_API_KEY ? undefined : await startMockOpenAI();
const sink = env.LLM_ANALYTICS_HOST ? undefined : await startCaptureServer();
const host = env.LLM_ANALYTICS_HOST ?? sink.url;
const token = env.LLM_ANALYTICS_TOKEN ?? (sink ? 'phc_dry_run' : undefined);

try {
  if (!token) throw new Error('set LLM_ANALYTICS_TOKEN to a project token of LLM_ANALYTICS_HOST');
  console.log(
    mock
      ? `OpenAI: the mock server at ${mock.url} (set OPENAI_API_KEY to call the real API)`
      : 'OpenAI: the real API (OPENAI_API_KEY)',
  );
  const { sent, total } = await run({
    host,
    token,
    openaiBaseUrl: mock?.url ?? env.OPENAI_BASE_URL,
    openaiApiKey: env.OPENAI_API_KEY,
  });
  console.log(
    sink
      ? `Sent ${total} events to a local capture sink (dry run: set LLM_ANALYTICS_HOST and LLM_ANALYTICS_TOKEN)`
      : `Sent ${total} events to ${host}`,
  );
  for (const [event, count] of Object.entries(sent).sort()) {
    console.log(`  ${event.padEnd(16)} ${count}`);
  }
  if (problems) throw new Error('events were not all delivered: see the warnings above');
} catch (error) {
  console.error(`traceloop example failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await mock?.close();
  await sink?.close();
}
