/**
 * examples/traceloop runs on its own (`node src/start.mjs`, what `pnpm start` runs) against
 * the mock OpenAI server it starts and a capture server given as LLM_ANALYTICS_HOST; the
 * events it says it sent are the ones that arrive. Needs the built packages (dist).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { CapturedEvents, countByEvent } from './support/captured-events';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'traceloop');
const TOKEN = 'phc_example_traceloop';

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

describe('examples/traceloop', () => {
  it('sends chat, stream, agent and workflow events to LLM_ANALYTICS_HOST and says so', () => {
    const events = new CapturedEvents(sink, TOKEN).take();
    const counts = countByEvent(events);
    // chat, stream, two agent turns, two workflow tasks' calls; tool + two tasks; agent + workflow.
    expect(counts).toEqual({ $ai_generation: 6, $ai_span: 3, $ai_trace: 2 });
    expect(stdout).toContain(`Sent 11 events to ${sink.url}`);
    for (const [event, count] of Object.entries(counts)) {
      expect(stdout).toMatch(new RegExp(`\\${event}\\s+${count}\\n`));
    }
    for (const event of events) {
      expect(event.distinct_id).toBe('example-user');
      expect(event.properties.$ai_session_id).toMatch(/^traceloop-example-\d+$/);
      expect(event.properties['service.name']).toBe('llm-analytics-traceloop-example');
    }
    const names = events.map((event) => event.properties.$ai_span_name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'weather_agent',
        'get_weather',
        'plan_trip',
        'research',
        'summarize',
      ]),
    );
    const streamed = events.find((event) => event.properties.$ai_stream === true);
    expect(streamed?.properties.$ai_usage_estimated).toBe(true);
    const priced = events.filter(
      (event) => typeof event.properties.$ai_total_cost_usd === 'number',
    );
    expect(priced).toHaveLength(6);
  });
});
