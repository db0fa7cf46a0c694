import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { afterEach, describe, expect, it } from 'vitest';
import { warnOnUnpatchedClients } from '../src/client-versions';

const NODE_SDK_DIR = new URL('..', import.meta.url).pathname;
const NO_LLM_SPANS_WARNED = Symbol.for('@llm-analytics/node-sdk/no-llm-spans-warned');

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  delete (globalThis as Record<symbol, unknown>)[
    Symbol.for('@llm-analytics/core/warnings-last-printed')
  ];
  delete (globalThis as Record<symbol, unknown>)[NO_LLM_SPANS_WARNED];
});

function captureProcessWarnings(): Array<{ code?: string; message: string }> {
  const printed: Array<{ code?: string; message: string }> = [];
  const listener = (warning: Error & { code?: string }) => {
    if (warning.code?.startsWith('LLM_ANALYTICS_'))
      printed.push({ code: warning.code, message: warning.message });
  };
  process.on('warning', listener);
  cleanups.push(() => process.off('warning', listener));
  return printed;
}

const nextTicks = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a client version the instrumentation does not patch', () => {
  it('is said once, naming the installed version, the supported range and what to install', async () => {
    const printed = captureProcessWarnings();
    // What instrumentation-openai 0.22 is to openai 7, with the openai 6 installed here.
    const instrumentation = {
      instrumentationName: '@opentelemetry/instrumentation-openai',
      instrumentationVersion: '0.99.0',
      getModuleDefinitions: () => [{ name: 'openai', supportedVersions: ['>=4.19.0 <6'] }],
    };
    warnOnUnpatchedClients([instrumentation], true, NODE_SDK_DIR);
    warnOnUnpatchedClients([instrumentation], true, NODE_SDK_DIR);
    await nextTicks();
    expect(printed.map((p) => p.code)).toEqual(['LLM_ANALYTICS_UNPATCHED_CLIENT']);
    expect(printed[0]!.message).toMatch(
      /^openai 6\.\d+\.\d+ is installed, but @opentelemetry\/instrumentation-openai 0\.99\.0 patches openai >=4\.19\.0 <6 only: .*Install `openai@5`/,
    );
    // The no-LLM-span warning would only repeat the cause: it stays quiet.
    expect((globalThis as Record<symbol, unknown>)[NO_LLM_SPANS_WARNED]).toBe(true);
  });

  it('says nothing when the installed client is supported (the real instrumentation here)', async () => {
    const printed = captureProcessWarnings();
    warnOnUnpatchedClients([new OpenAIInstrumentation({ enabled: false })], true, NODE_SDK_DIR);
    await nextTicks();
    expect(printed).toEqual([]);
  });
});
