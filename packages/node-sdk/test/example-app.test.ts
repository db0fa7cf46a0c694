import { join } from 'node:path';
import { startCaptureServer } from '@llm-analytics/testing';
import { expect, it } from 'vitest';
import { batchEvents, batchTokens } from './support/events';
import { NODE_SDK_ROOT } from './support/openai-suite';
import { runApp } from './support/run-app';

const EXAMPLE = join(NODE_SDK_ROOT, '../../examples/node-sdk');

it('examples/node-sdk sends what it says it sent', async () => {
  const sink = await startCaptureServer();
  try {
    const run = await runApp(join(EXAMPLE, 'src/start.mjs'), {
      nodeArgs: ['--import', '@llm-analytics/node-sdk/register'],
      cwd: EXAMPLE,
      env: {
        OPENAI_API_KEY: '',
        LLM_ANALYTICS_HOST: sink.url,
        LLM_ANALYTICS_TOKEN: 'phc_example_test',
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Sent 5 events to ${sink.url}: $ai_generation 4, $ai_embedding 1`);
    const events = batchEvents(sink.requests);
    expect(events.map((e) => e.event).sort()).toEqual([
      '$ai_embedding',
      '$ai_generation',
      '$ai_generation',
      '$ai_generation',
      '$ai_generation',
    ]);
    expect(new Set(batchTokens(sink.requests))).toEqual(new Set(['phc_example_test']));
    const toolResultTurn = events.find((e) =>
      JSON.stringify(e.properties.$ai_input ?? '').includes('"role":"tool"'),
    );
    expect(toolResultTurn?.properties.$ai_output_choices).toEqual([
      expect.objectContaining({ content: expect.stringContaining('get_weather tool returned') }),
    ]);
    for (const event of events) {
      expect(event.properties['service.name']).toBe('example-node-sdk');
      expect(event.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    }
  } finally {
    await sink.close();
  }
});
