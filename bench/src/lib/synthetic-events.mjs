// The synthetic generations of packages/server/bench/ingest-bench.mjs (same shape and
// distribution): traces of four calls, 2,000 users, ~50,000 sessions, 2% errors, ~1.5 KB of
// message text each. Kept in step with it so both benchmarks load the same data.
export const GENERATIONS_PER_TRACE = 4;
const MODELS = [
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4o'],
  ['anthropic', 'claude-3-5-sonnet-20241022'],
  ['openai', 'o4-mini'],
];
const FILLER = 'The quick brown fox jumps over the lazy dog. '.repeat(12);
const START = Date.UTC(2025, 0, 1);

/** Generation number `index` as a PostHog capture event. */
export function generation(index) {
  const trace = Math.floor(index / GENERATIONS_PER_TRACE);
  const [provider, model] = MODELS[trace % MODELS.length];
  const error = index % 50 === 7;
  return {
    event: '$ai_generation',
    distinct_id: `user-${trace % 2000}`,
    uuid: `40000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    timestamp: new Date(START + trace * 1000 + (index % GENERATIONS_PER_TRACE) * 200).toISOString(),
    properties: {
      $ai_trace_id: `bench-trace-${trace}`,
      $ai_span_id: `bench-span-${index}`,
      $ai_span_name: `chat ${model}`,
      $ai_session_id: `session-${trace % 50_000}`,
      $ai_model: model,
      $ai_provider: provider,
      $ai_input_tokens: 200 + (index % 900),
      $ai_output_tokens: 20 + (index % 300),
      $ai_latency: 0.3 + (index % 97) / 40,
      $ai_time_to_first_token: 0.05 + (index % 31) / 100,
      $ai_input: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: `Question ${index}: ${FILLER}` },
      ],
      $ai_output_choices: [{ role: 'assistant', content: `Answer ${index}: ${FILLER}` }],
      ...(error ? { $ai_is_error: true, $ai_error: 'RateLimitError: 429 Rate limit reached' } : {}),
    },
  };
}

/** The trace id of a trace in the middle of `total` generations. */
export const middleTraceId = (total) =>
  `bench-trace-${Math.floor(total / GENERATIONS_PER_TRACE / 2)}`;
