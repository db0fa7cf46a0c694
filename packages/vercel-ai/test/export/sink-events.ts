// No vitest import here: the AI SDK 7 suite (its own vitest copy, Node 22) uses this too.
import type { AiEvent } from '@llm-analytics/core';
import type { CaptureServer } from '@llm-analytics/testing';

/** Every `$ai_*` event the capture server received in PostHog `/batch/` bodies, in order. */
export function sinkEvents(sink: CaptureServer): AiEvent[] {
  const events: AiEvent[] = [];
  for (const request of sink.requests) {
    if (request.path !== '/batch/') continue;
    const body = request.json as { api_key?: string; batch?: AiEvent[] } | undefined;
    events.push(...(body?.batch ?? []));
  }
  return events;
}

/** The events of one span name, in arrival order. */
export function named(events: readonly AiEvent[], spanName: string): AiEvent[] {
  return events.filter((event) => event.properties.$ai_span_name === spanName);
}

/** Cost keys of an event (`$ai_input_cost_usd`, `$ai_cost_error`, …). */
export function costKeys(event: AiEvent): string[] {
  return Object.keys(event.properties).filter((key) => key.includes('cost'));
}

/** The sum of `$ai_total_cost_usd` over the events, in arrival order. */
export function totalCost(events: readonly AiEvent[]): number {
  let total = 0;
  for (const event of events) {
    const cost = event.properties.$ai_total_cost_usd;
    if (typeof cost === 'number') total += cost;
  }
  return total;
}

/** A Chat Completions answer with a JSON object (the mock only echoes text). */
export function objectCompletion(object: unknown, usage = { prompt: 52, completion: 14 }) {
  return {
    status: 200,
    path: '/chat/completions',
    body: {
      id: 'chatcmpl-object',
      object: 'chat.completion',
      created: 1_750_000_100,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: JSON.stringify(object), refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
      },
    },
  };
}

/** Resolves after `ms` (streamed calls end their outer span just after the last chunk). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
