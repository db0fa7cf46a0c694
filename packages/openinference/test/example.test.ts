/**
 * examples/openinference runs on its own (`node src/start.mjs`, what `pnpm start` runs)
 * against the mock OpenAI server it starts and a capture server given as LLM_ANALYTICS_HOST;
 * the events it says it sent are the ones that arrive. Needs the built packages (dist).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { CapturedEvents, countByEvent } from './captured-events';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'openinference');
const TOKEN = 'phc_example_openinference';

let sink: CaptureServer;
let stdout: string;

beforeAll(async () => {
  sink = await startCaptureServer();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LLM_ANALYTICS_HOST: sink.url,
    LLM_ANALYTICS_TOKEN: TOKEN,
  };
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  ({ stdout } = await promisify(execFile)(process.execPath, ['src/start.mjs'], {
    cwd: EXAMPLE,
    env,
    timeout: 60_000,
  }));
});

afterAll(async () => {
  await sink?.close();
});

describe('examples/openinference', () => {
  it('sends chat, stream, tools, embeddings and context events to LLM_ANALYTICS_HOST and says so', () => {
    const events = new CapturedEvents(sink, TOKEN).take();
    const counts = countByEvent(events);
    // chat, stream, two agent turns, the chain's call; the tool; agent + chain; embeddings.
    expect(counts).toEqual({ $ai_generation: 5, $ai_span: 1, $ai_trace: 2, $ai_embedding: 1 });
    expect(stdout).toContain(`Sent 9 events to ${sink.url}`);
    for (const [event, count] of Object.entries(counts)) {
      expect(stdout).toMatch(new RegExp(`\\${event}\\s+${count}\\n`));
    }
    for (const event of events) {
      expect(event.distinct_id).toBe('example-user');
      expect(event.properties.$ai_session_id).toMatch(/^openinference-example-\d+$/);
      expect(event.properties['service.name']).toBe('llm-analytics-openinference-example');
    }
    const chain = events.find((event) => event.properties.$ai_span_name === 'support-answer');
    expect(chain?.event).toBe('$ai_trace');
    const inChain = events.filter(
      (event) => event.properties.$ai_trace_id === chain!.properties.$ai_trace_id,
    );
    expect(inChain).toHaveLength(2);
    for (const event of inChain) {
      expect(event.properties.tenant).toBe('acme');
      expect(event.properties.$ai_tags).toEqual(['support']);
    }
  });
});
