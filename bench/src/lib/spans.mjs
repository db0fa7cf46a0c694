// The spans the hot-path and export benchmarks end: an OpenAI chat call in the current OTel
// GenAI shape (messages as JSON strings on the span, the form every contestant understands:
// our scope table, @posthog/ai's and @langfuse/otel's `gen_ai.` attribute filters), with
// about 2 KB or 50 KB of message JSON, and an HTTP server span that no contestant exports.
import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_REQUEST_TEMPERATURE,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_RESPONSE_ID,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
} from '@llm-analytics/core/semconv';

export const AI_SCOPE = '@opentelemetry/instrumentation-openai';
export const HTTP_SCOPE = '@opentelemetry/instrumentation-http';

/** Message JSON per AI span, in bytes. */
export const MESSAGE_BYTES = { '2kb': 2 * 1024, '50kb': 50 * 1024 };

/** Words for the message text; picked pseudo-randomly so the text compresses like prose (~3×). */
const WORDS = (
  'the a of to and in is for on with as by at from that this it be are was were has have had ' +
  'revenue quarter report support ticket customer order invoice refund shipping delay account ' +
  'product price discount policy region team forecast growth margin churn renewal contract ' +
  'analysis summary question answer context document section table figure chart trend month ' +
  'week year increase decrease stable higher lower compared previous expected target result ' +
  'because however therefore although while since until after before during between across ' +
  'model prompt token response latency error retry limit cache request user session trace ' +
  'north south east west europe asia america enterprise startup partner vendor supplier'
).split(' ');

/** Prose of `length` characters from a seeded generator (the same text on every run). */
function prose(length, seed) {
  let state = seed;
  const words = [];
  let size = 0;
  while (size < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const word = WORDS[state % WORDS.length];
    words.push(word);
    size += word.length + 1;
    if (words.length % 14 === 0) words[words.length - 1] += '.';
  }
  return words.join(' ').slice(0, length);
}

/** Input and output message JSON totalling about `bytes` (60% input, 40% output). */
export function messageAttributes(bytes, variant = 0) {
  const system = 'You are a concise analyst. Answer with facts from the context only.';
  const overhead = 260;
  const inputText = `Context: ${prose(Math.max(16, Math.floor((bytes - overhead) * 0.6)), 7 + variant * 2)}`;
  const outputText = `Answer: ${prose(Math.max(16, Math.floor((bytes - overhead) * 0.4)), 8 + variant * 2)}`;
  const input = JSON.stringify([
    { role: 'system', parts: [{ type: 'text', content: system }] },
    { role: 'user', parts: [{ type: 'text', content: inputText }] },
  ]);
  const output = JSON.stringify([
    { role: 'assistant', parts: [{ type: 'text', content: outputText }], finish_reason: 'stop' },
  ]);
  return { [GEN_AI_INPUT_MESSAGES]: input, [GEN_AI_OUTPUT_MESSAGES]: output };
}

/** Attributes of an AI chat span with about `bytes` of messages. */
export function aiAttributes(bytes, variant = 0) {
  return {
    [GEN_AI_OPERATION_NAME]: 'chat',
    [GEN_AI_PROVIDER_NAME]: 'openai',
    [GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
    [GEN_AI_REQUEST_TEMPERATURE]: 0.7,
    [GEN_AI_REQUEST_MAX_TOKENS]: 512,
    [GEN_AI_RESPONSE_ID]: 'chatcmpl-bench-1',
    [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
    [GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
    [GEN_AI_USAGE_INPUT_TOKENS]: Math.round(bytes / 6),
    [GEN_AI_USAGE_OUTPUT_TOKENS]: Math.round(bytes / 10),
    'server.address': 'api.openai.com',
    'server.port': 443,
    ...messageAttributes(bytes, variant),
  };
}

/** Attributes of an ordinary HTTP server span. */
export const HTTP_ATTRIBUTES = {
  'http.request.method': 'GET',
  'url.scheme': 'https',
  'url.path': '/api/orders/1234',
  'http.route': '/api/orders/:id',
  'http.response.status_code': 200,
  'server.address': 'shop.example',
  'server.port': 443,
  'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) bench',
  'network.protocol.version': '1.1',
};

/** Distinct message texts per AI size, used in turn: a batch does not repeat one text. */
const VARIANTS = 32;
const variants = (bytes) => Array.from({ length: VARIANTS }, (_, i) => aiAttributes(bytes, i));

/** What a benchmark ends: `non_ai`, `ai` (2 KB) or `ai_50kb`. */
export const SPAN_KINDS = {
  non_ai: {
    scope: HTTP_SCOPE,
    name: 'GET /api/orders/:id',
    kind: 1,
    attributes: [HTTP_ATTRIBUTES],
  },
  ai: { scope: AI_SCOPE, name: 'chat gpt-4o-mini', kind: 2, attributes: variants(2048) },
  ai_50kb: { scope: AI_SCOPE, name: 'chat gpt-4o-mini', kind: 2, attributes: variants(50 * 1024) },
};

/**
 * Start `count` root spans of `kind` (not ended) from `provider`, with the scope the real
 * instrumentation uses: one trace each, like separate requests.
 */
export function startSpans(provider, kind, count) {
  const shape = SPAN_KINDS[kind];
  const tracer = provider.getTracer(shape.scope, '0.0.0');
  const spans = new Array(count);
  for (let i = 0; i < count; i++) {
    spans[i] = tracer.startSpan(shape.name, {
      kind: shape.kind,
      attributes: shape.attributes[i % shape.attributes.length],
    });
  }
  return spans;
}
