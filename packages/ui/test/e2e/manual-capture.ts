/**
 * Events sent the way PostHog documents manual capture, with the real posthog-node client: a
 * trace with spans, an embedding, a caller-priced, a cached Anthropic, an unknown-model and a
 * failed generation, feedback, metrics and an evaluation; plus an anonymous call from a second
 * app. What the views must show truthfully.
 */
import { randomUUID } from 'node:crypto';
import { PostHog } from 'posthog-node';
import type { RunningServer } from './harness';

export const USER = 'user-42';
export const SERVICE = 'support-bot';
export const OTHER_SERVICE = 'batch-job';
export const UNKNOWN_MODEL = 'acme-private-1';
export const ANTHROPIC_MODEL = 'claude-3-5-sonnet-20241022';
export const STACK = 'RateLimitError: 429 Rate limit reached\n    at callModel (app.js:12:7)';

export interface ManualCapture {
  traceId: string;
  anonymousId: string;
}

type Properties = Record<string, unknown>;

export async function sendManualCapture(server: RunningServer): Promise<ManualCapture> {
  const client = new PostHog(server.projectToken, {
    host: server.url,
    flushAt: 100,
    flushInterval: 0,
  });
  const traceId = randomUUID();
  const anonymousId = `anon-${randomUUID()}`;
  const answerUuid = randomUUID();
  const at = Date.now() - 5_000;
  let step = 0;
  // Spaced timestamps: the tree and the waterfall order by start.
  const capture = (event: string, properties: Properties, options: { uuid?: string } = {}) =>
    client.capture({
      distinctId: USER,
      event,
      properties,
      timestamp: new Date(at + step++ * 100),
      ...options,
    });
  const base = { $ai_trace_id: traceId, 'service.name': SERVICE };
  capture('$ai_trace', {
    ...base,
    $ai_span_name: 'support-chat',
    $ai_latency: 2.5,
    $ai_input_state: { question: 'Where is my order?' },
    $ai_output_state: { answer: 'It ships tomorrow.' },
  });
  // PostHog's convention: a top-level span names the trace id as its parent.
  capture('$ai_span', {
    ...base,
    $ai_span_id: 'retrieve',
    $ai_parent_id: traceId,
    $ai_span_name: 'retrieve-orders',
    $ai_latency: 0.3,
  });
  capture('$ai_embedding', {
    ...base,
    $ai_span_id: 'embed',
    $ai_parent_id: 'retrieve',
    $ai_span_name: 'embed-question',
    $ai_model: 'text-embedding-3-small',
    $ai_provider: 'openai',
    $ai_input_tokens: 8,
    $ai_latency: 0.1,
  });
  capture(
    '$ai_generation',
    {
      ...base,
      $ai_span_id: 'answer',
      $ai_parent_id: traceId,
      $ai_span_name: 'answer',
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_input: [{ role: 'user', content: 'Where is my order?' }],
      $ai_output_choices: [{ role: 'assistant', content: 'It ships tomorrow.' }],
      $ai_input_tokens: 100,
      $ai_output_tokens: 20,
      $ai_total_cost_usd: 0.01,
      $ai_latency: 0.8,
    },
    { uuid: answerUuid },
  );
  capture('$ai_generation', {
    ...base,
    $ai_span_id: 'cached',
    $ai_parent_id: traceId,
    $ai_span_name: 'summarise-history',
    $ai_model: ANTHROPIC_MODEL,
    $ai_provider: 'anthropic',
    $ai_input: [{ role: 'user', content: 'Summarise the history.' }],
    $ai_output_choices: [{ role: 'assistant', content: 'A short summary.' }],
    $ai_input_tokens: 20,
    $ai_cache_read_input_tokens: 50,
    $ai_cache_creation_input_tokens: 100,
    $ai_output_tokens: 10,
    $ai_usage_estimated: true,
    $ai_latency: 0.6,
  });
  // No messages: content capture was off.
  capture('$ai_generation', {
    ...base,
    $ai_span_id: 'unknown-model',
    $ai_parent_id: traceId,
    $ai_span_name: 'classify',
    $ai_model: UNKNOWN_MODEL,
    $ai_provider: 'acme',
    $ai_input_tokens: 5,
    $ai_output_tokens: 5,
    $ai_latency: 0.2,
  });
  capture('$ai_span', {
    ...base,
    $ai_span_id: 'step',
    $ai_parent_id: traceId,
    $ai_span_name: 'agent-step',
    $ai_is_error: true,
    $ai_error: 'RateLimitError: 429 Rate limit reached',
    $ai_latency: 0.4,
  });
  capture('$ai_generation', {
    ...base,
    $ai_span_id: 'failed',
    $ai_parent_id: 'step',
    $ai_span_name: 'retry-answer',
    $ai_model: 'gpt-4o-mini',
    $ai_provider: 'openai',
    $ai_input: [{ role: 'user', content: 'Where is my order, again?' }],
    $ai_is_error: true,
    $ai_http_status: 429,
    $ai_error: JSON.stringify({
      name: 'RateLimitError',
      message: '429 Rate limit reached',
      status: 429,
      stack: STACK,
    }),
    $ai_latency: 0.3,
  });
  capture('$ai_feedback', { $ai_trace_id: traceId, $ai_feedback_text: 'Great answer, thanks!' });
  capture('$ai_metric', {
    $ai_trace_id: traceId,
    $ai_metric_name: 'rating',
    $ai_metric_value: '4',
  });
  capture('$ai_metric', {
    $ai_trace_id: traceId,
    $ai_metric_name: 'sentiment',
    $ai_metric_value: 'positive',
  });
  capture('$ai_evaluation', {
    $ai_trace_id: traceId,
    $ai_evaluation_name: 'relevance',
    $ai_evaluation_result: true,
    $ai_evaluation_reasoning: 'The answer addresses the question.',
    $ai_target_event_id: answerUuid,
  });
  client.capture({
    distinctId: anonymousId,
    event: '$ai_generation',
    properties: {
      $ai_trace_id: randomUUID(),
      $ai_span_name: 'nightly-batch',
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_input_tokens: 10,
      $ai_output_tokens: 2,
      $process_person_profile: false,
      'service.name': OTHER_SERVICE,
    },
  });
  await client.shutdown();
  return { traceId, anonymousId };
}
