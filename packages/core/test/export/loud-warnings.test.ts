import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetWarningsForTests } from '../../src/export/warnings';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import { onCleanup, setup } from './harness';

interface Printed {
  code: string;
  message: string;
}

/** Process warnings as Node prints them to stderr, with no diag logger set up. */
function captureProcessWarnings(): Printed[] {
  const printed: Printed[] = [];
  const listener = (warning: Error & { code?: string }) => {
    if (warning.code?.startsWith('LLM_ANALYTICS_'))
      printed.push({ code: warning.code, message: warning.message });
  };
  process.on('warning', listener);
  onCleanup(() => process.off('warning', listener));
  return printed;
}

/** emitWarning delivers on the next tick. */
const nextTicks = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => resetWarningsForTests());
afterEach(() => vi.restoreAllMocks());

describe('setup failures that lose data print one process warning with a code', () => {
  it('no token: one line however many processors', async () => {
    const printed = captureProcessWarnings();
    vi.stubEnv('LLM_ANALYTICS_TOKEN', '');
    vi.stubEnv('POSTHOG_API_KEY', '');
    onCleanup(() => vi.unstubAllEnvs());
    expect(new PostHogSpanProcessor({ apiKey: ' ' }).enabled).toBe(false);
    expect(new PostHogSpanProcessor({}).enabled).toBe(false);
    await nextTicks();
    expect(printed.map((p) => p.code)).toEqual(['LLM_ANALYTICS_NO_TOKEN']);
    expect(printed[0]!.message).toContain('LLM_ANALYTICS_TOKEN');
  });

  it('an invalid host', async () => {
    const printed = captureProcessWarnings();
    new PostHogSpanProcessor({ apiKey: 'phc', host: 'us.i.posthog.com' });
    await nextTicks();
    expect(printed.map((p) => p.code)).toEqual(['LLM_ANALYTICS_INVALID_HOST']);
    expect(printed[0]!.message).toContain('"us.i.posthog.com"');
  });

  it('a refused token (401 on every request) says which key is expected, once', async () => {
    const printed = captureProcessWarnings();
    const { sink, processor, chat } = await setup({ warnings: true });
    sink.respondWith(() => ({ status: 401 }));
    chat();
    await processor.forceFlush();
    chat();
    await processor.shutdown();
    await nextTicks();
    expect(sink.requests).toHaveLength(2);
    // One line: the loss it causes is explained by it, not reported a second time.
    expect(printed.map((p) => p.code)).toEqual(['LLM_ANALYTICS_TOKEN_REFUSED']);
    expect(printed[0]!.message).toMatch(/HTTP 401.*project token.*phc_.*not a personal API key/);
  });

  it('an unreachable host, after the retries', async () => {
    const printed = captureProcessWarnings();
    const { processor, chat } = await setup({
      warnings: true,
      host: 'http://127.0.0.1:9',
      maxAttempts: 2,
      retryBaseDelayMs: 1,
    });
    chat();
    await processor.shutdown();
    await nextTicks();
    expect(printed.map((p) => p.code)).toEqual(['LLM_ANALYTICS_HOST_UNREACHABLE']);
    expect(printed[0]!.message).toMatch(/127\.0\.0\.1:9\/batch\/ is unreachable after 2 attempt/);
  });

  it('events dropped from a full queue', async () => {
    const printed = captureProcessWarnings();
    const { processor, chat } = await setup({
      warnings: true,
      maxQueueSize: 2,
      flushIntervalMs: 60_000,
    });
    for (let i = 0; i < 5; i++) chat();
    await processor.shutdown();
    await nextTicks();
    expect(printed.map((p) => p.code)).toEqual(['LLM_ANALYTICS_EVENTS_DROPPED']);
    expect(printed[0]!.message).toMatch(/LLM analytics events lost: \d+ queue full/);
  });

  it('is silenced by warnings: false (still in diag) and repeats at most once a minute', async () => {
    const printed = captureProcessWarnings();
    new PostHogSpanProcessor({ apiKey: 'phc', host: 'nope', warnings: false });
    await nextTicks();
    expect(printed).toEqual([]);
    new PostHogSpanProcessor({ apiKey: 'phc', host: 'nope' });
    new PostHogSpanProcessor({ apiKey: 'phc', host: 'nope' });
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    new PostHogSpanProcessor({ apiKey: 'phc', host: 'nope' });
    await nextTicks();
    expect(printed.map((p) => p.code)).toEqual([
      'LLM_ANALYTICS_INVALID_HOST',
      'LLM_ANALYTICS_INVALID_HOST',
    ]);
  });

  it('debug: true prints one line per delivered batch', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
    const { sink, processor, chat } = await setup({ debug: true, maxBatchSize: 2 });
    for (let i = 0; i < 3; i++) chat();
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[llm-analytics\] delivered 2 event\(s\) to http:.*\/batch\/ \(HTTP 200/,
    );
    expect(lines[1]).toMatch(/delivered 1 event\(s\)/);
  });
});
