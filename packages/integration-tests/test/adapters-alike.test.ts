/**
 * The framework adapters look alike: each exports the processor, the exporter, its
 * integration (the one the server maps with) and `createPricer`, and each resolves its options
 * the same way.
 */
import { isIntegration } from '@llm-analytics/core';
import * as openinference from '@llm-analytics/openinference';
import { DEFAULT_INTEGRATIONS } from '@llm-analytics/server';
import * as traceloop from '@llm-analytics/traceloop';
import * as vercelAi from '@llm-analytics/vercel-ai';
import { describe, expect, it } from 'vitest';

const adapters = [
  ['vercel-ai', vercelAi, vercelAi.vercelAiIntegration],
  ['traceloop', traceloop, traceloop.traceloopIntegration],
  ['openinference', openinference, openinference.openInferenceIntegration],
] as const;

describe('framework adapters', () => {
  it.each(adapters)(
    '%s exports processor, exporter, integration and createPricer',
    (name, module, integration) => {
      expect(typeof module.PostHogSpanProcessor).toBe('function');
      expect(typeof module.PostHogTraceExporter).toBe('function');
      expect(typeof module.createPricer).toBe('function');
      expect(isIntegration(integration)).toBe(true);
      expect(integration.name).toBe(name);
    },
  );

  it('are exactly the integrations the server maps with, each once', () => {
    expect(DEFAULT_INTEGRATIONS.map((integration) => integration.name).sort()).toEqual(
      adapters.map(([name]) => name).sort(),
    );
    for (const [, , integration] of adapters) expect(DEFAULT_INTEGRATIONS).toContain(integration);
  });

  it.each(adapters)('%s: a blank token disables the processor without throwing', (_, module) => {
    const processor = new module.PostHogSpanProcessor({ apiKey: ' ', price: false });
    expect(processor.enabled).toBe(false);
  });
});
