import type { AiEvent } from '@llm-analytics/core';
import { expect } from 'vitest';
import { CLAUDE_HAIKU_4_5 as HAIKU, expectCost, usd } from '../support/prices';
import { USAGE } from './scenarios';

/**
 * Hand calculations from the price table (claude-haiku-4-5: input 1, cache write 1.25, cache
 * read 0.10, output 5 USD per million tokens), whatever convention the event used.
 */
export const COSTS = {
  // 10 fresh + 1,109 written to the cache; 8 out.
  cacheWrite: {
    input:
      usd(USAGE.cacheWrite.input, HAIKU.input) + usd(USAGE.cacheWrite.cacheWrite, HAIKU.cacheWrite),
    output: usd(USAGE.cacheWrite.output, HAIKU.output),
  },
  // 5 fresh + 1,109 read from the cache; 4 out.
  streamRead: {
    input:
      usd(USAGE.streamRead.input, HAIKU.input) + usd(USAGE.streamRead.cacheRead, HAIKU.cacheRead),
    output: usd(USAGE.streamRead.output, HAIKU.output),
  },
  toolCall: {
    input: usd(USAGE.toolCall.input, HAIKU.input),
    output: usd(USAGE.toolCall.output, HAIKU.output),
  },
  toolAnswer: {
    input: usd(USAGE.toolAnswer.input, HAIKU.input),
    output: usd(USAGE.toolAnswer.output, HAIKU.output),
  },
};

/** The numbers, spelled out once, so a change in the helper cannot hide a wrong price. */
export function expectHandCalculations(): void {
  expect(COSTS.cacheWrite.input + COSTS.cacheWrite.output).toBeCloseTo(0.00143625, 12);
  expect(COSTS.streamRead.input + COSTS.streamRead.output).toBeCloseTo(0.0001359, 12);
}

/** The cache-write call, priced with the cache-write rate, in either input convention. */
export function expectCacheWriteCost(event: AiEvent): void {
  expectCost(event.properties, COSTS.cacheWrite);
}

export function expectStreamReadCost(event: AiEvent): void {
  expectCost(event.properties, COSTS.streamRead);
}

/** Exactly one generation; every other event of the trace is a span pointing at it. */
export function expectOneGeneration(events: AiEvent[]): AiEvent {
  const generations = events.filter((event) => event.event === '$ai_generation');
  expect(generations).toHaveLength(1);
  const kept = generations[0]!;
  for (const event of events) {
    if (event === kept) continue;
    expect(event.event).not.toBe('$ai_generation');
    expect(event.properties.$ai_duplicate_of).toBe(kept.properties.$ai_span_id);
    for (const key of [
      '$ai_input_tokens',
      '$ai_output_tokens',
      '$ai_total_cost_usd',
      '$ai_input',
    ]) {
      expect(event.properties).not.toHaveProperty([key]);
    }
  }
  return kept;
}
