/**
 * `examples/vercel-ai` run the way a user runs it (`node src/start.mjs`, what `pnpm start`
 * does): its own mock OpenAI server, events to LLM_ANALYTICS_HOST. Uses the built packages.
 */
import { startCaptureServer } from '@llm-analytics/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sinkEvents } from './export/sink-events';

const EXAMPLE = join(import.meta.dirname, '../../../examples/vercel-ai');

describe('examples/vercel-ai', () => {
  it('starts its mock, sends every call to the host and says what it sent', async () => {
    const sink = await startCaptureServer();
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        LLM_ANALYTICS_HOST: sink.url,
        LLM_ANALYTICS_TOKEN: 'phc_example_test',
      };
      delete env.OPENAI_API_KEY;
      delete env.OPENAI_BASE_URL;
      const { stdout } = await promisify(execFile)(process.execPath, ['src/start.mjs'], {
        cwd: EXAMPLE,
        env,
        timeout: 60_000,
      });
      const events = sinkEvents(sink);
      const count = (name: string) => events.filter((e) => e.event === name).length;
      // generateText, streamText and two tool-loop steps; the tool; four outer calls; embed.
      expect([
        count('$ai_generation'),
        count('$ai_span'),
        count('$ai_trace'),
        count('$ai_embedding'),
      ]).toEqual([4, 1, 4, 1]);
      for (const event of events) expect(event.distinct_id).toBe('example-user');
      expect(new Set(events.map((e) => e.properties.$ai_session_id)).size).toBe(1);
      expect(stdout).toContain('mock server at http://127.0.0.1:');
      expect(stdout).toContain(`Sent 10 events as example-user`);
      expect(stdout).toMatch(/\$ai_generation\s+4/);
      expect(stdout).toMatch(/\$ai_embedding\s+1/);
      expect(stdout).toContain('1 request(s) accepted, 0 attempt(s) failed');
    } finally {
      await sink.close();
    }
  });

  it('run() can be called twice in one process (the demo runs examples in-process)', async () => {
    const sink = await startCaptureServer();
    const { startMockOpenAI } = await import('@llm-analytics/testing');
    const mock = await startMockOpenAI();
    try {
      const { run } = (await import(join(EXAMPLE, 'src/run.mjs'))) as {
        run: (options: object) => Promise<{ events: number; eventsByType: object }>;
      };
      for (let round = 1; round <= 2; round++) {
        const sent = await run({ host: sink.url, token: 'phc_demo', openaiBaseUrl: mock.url });
        expect(sent.events).toBe(10);
        expect(sinkEvents(sink)).toHaveLength(10 * round);
      }
    } finally {
      await mock.close();
      await sink.close();
    }
  });
});
