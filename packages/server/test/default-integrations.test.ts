import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postTraces, readEvents, testServer } from './helpers';

const ADAPTER_FIXTURES = join(import.meta.dirname, '..', '..');
const adapterFixture = (path: string) => readFileSync(join(ADAPTER_FIXTURES, path));

describe('the server maps with every integration', () => {
  it('maps AI SDK spans over OTLP like the vercel-ai SDK would: leaf generations costed, the outer span not', async () => {
    const server = await testServer();
    const response = await postTraces(
      server,
      adapterFixture('vercel-ai/test/fixtures/v6/tool-loop.traces.pb'),
      'pb',
    );
    expect(response.status).toBe(200);
    const events = await readEvents(server);
    const generations = events.filter((e) => e.event === '$ai_generation');
    expect(generations).toHaveLength(2);
    expect(new Set(events.map((e) => e.properties.$ai_framework))).toContain('vercel-ai');
    for (const generation of generations)
      expect(generation.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    for (const span of events.filter((e) => e.event === '$ai_span' || e.event === '$ai_trace')) {
      expect(span.properties.$ai_total_cost_usd).toBeUndefined();
    }
    expect(events.some((e) => e.properties.$ai_span_kind === 'tool')).toBe(true);
  });

  it('maps Traceloop workflows and OpenInference spans with their normalizers', async () => {
    const server = await testServer();
    expect(
      (
        await postTraces(
          server,
          adapterFixture('traceloop/test/fixtures/current/workflow.traces.pb'),
          'pb',
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await postTraces(
          server,
          adapterFixture('openinference/test/fixtures/openai/chat.traces.pb'),
          'pb',
        )
      ).status,
    ).toBe(200);
    const events = await readEvents(server);
    const frameworks = new Set(events.map((e) => e.properties.$ai_framework));
    expect(frameworks).toContain('traceloop');
    expect(frameworks).toContain('openinference');
    expect(
      events.some((e) => e.event === '$ai_trace' && e.properties.$ai_framework === 'traceloop'),
    ).toBe(true);
  });
});
