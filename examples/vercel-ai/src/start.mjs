// `pnpm --dir examples/vercel-ai start`: runs the example against the mock OpenAI server
// (unless OPENAI_API_KEY is set) and prints what it sent to LLM_ANALYTICS_HOST.
const host = process.env.LLM_ANALYTICS_HOST || 'http://127.0.0.1:8010';
const token = process.env.LLM_ANALYTICS_TOKEN || process.env.POSTHOG_API_KEY || '';
if (!token) {
  console.error(
    'Set LLM_ANALYTICS_TOKEN to the project token of your llm-analytics server or PostHog project.',
  );
  process.exit(1);
}

let run, startMockOpenAI;
try {
  ({ run } = await import('./run.mjs'));
  ({ startMockOpenAI } = await import('@llm-analytics/testing'));
} catch (error) {
  console.error(`Could not load the workspace packages (${error.message}).`);
  console.error('Build them first from the repository root: pnpm install && pnpm build');
  process.exit(1);
}

const useRealOpenAI = Boolean(process.env.OPENAI_API_KEY);
const mock = useRealOpenAI ? undefined : await startMockOpenAI();
console.log(
  `OpenAI:  ${useRealOpenAI ? 'the real API (OPENAI_API_KEY)' : `mock server at ${mock.url}`}`,
);
console.log(`Sending: ${host}`);

try {
  const sent = await run({
    host,
    token,
    openaiBaseUrl: mock?.url ?? process.env.OPENAI_BASE_URL,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`Sent ${sent.events} events as ${sent.distinctId} (session ${sent.sessionId}):`);
  for (const [type, count] of Object.entries(sent.eventsByType).sort())
    console.log(`  ${type.padEnd(15)} ${count}`);
  console.log(`Cost:     $${sent.costUsd.toFixed(8)} (the leaf model calls only)`);
  const { accepted, failed } = sent.requests;
  console.log(`HTTP:     ${accepted} request(s) accepted, ${failed} attempt(s) failed`);
  if (accepted === 0)
    console.error(`Nothing reached ${host}: is the server running, the token right?`);
  process.exitCode = accepted > 0 && sent.events > 0 ? 0 : 1;
} catch (error) {
  console.error(`The example failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await mock?.close();
}
