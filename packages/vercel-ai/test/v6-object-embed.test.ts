/** Golden tests, AI SDK 6: object generation, embeddings and a failed call. */
import { describe, expect, it } from 'vitest';
import { PRICES, cost, gpt4oMiniCost, scenarioEvents, stable } from './load-fixture';

const events = (scenario: string) => scenarioEvents('v6', scenario);

const weatherObject = { city: 'Paris', temperature: 21, conditions: 'sunny' };
const weatherSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    city: { type: 'string' },
    temperature: { type: 'number' },
    conditions: { type: 'string' },
  },
  required: ['city', 'temperature', 'conditions'],
  additionalProperties: false,
};

describe('golden: AI SDK 6 objects', () => {
  it('generateObject: usage from the old promptTokens / completionTokens keys', () => {
    const [generation, trace] = events('generate-object');
    const p = generation!.properties;
    expect(generation!.event).toBe('$ai_generation');
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: JSON.stringify(weatherObject), finish_reason: 'stop' },
    ]);
    expect(p.$ai_input_tokens).toBe(52);
    expect(p.$ai_output_tokens).toBe(14);
    expect(p).toMatchObject(gpt4oMiniCost(52, 14));
    // The outer span: the object itself as output state, the schema as response_format.
    const t = trace!.properties;
    expect(t.$ai_output_state).toEqual(weatherObject);
    expect(t.$ai_model_parameters).toEqual({
      output: 'object',
      response_format: {
        type: 'json_schema',
        name: 'weather',
        description: 'Weather report',
        schema: weatherSchema,
      },
    });
    expect(t.$ai_total_cost_usd).toBeUndefined();
    expect(Object.keys(t).filter((key) => key.startsWith('ai.'))).toEqual([]);
  });

  it('streamObject: time to first token from ai.stream.msToFirstChunk', () => {
    const [generation, trace] = events('stream-object');
    const p = generation!.properties;
    expect(p.$ai_span_name).toBe('ai.streamObject.doStream');
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_time_to_first_token).toBeGreaterThan(0);
    expect(p.$ai_time_to_first_token).toBeLessThan(p.$ai_latency as number);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: JSON.stringify(weatherObject), finish_reason: 'stop' },
    ]);
    expect(p).toMatchObject(gpt4oMiniCost(52, 14));
    expect(trace!.properties.$ai_output_state).toEqual(weatherObject);
    expect(trace!.properties.$ai_model_parameters).toMatchObject({
      response_format: { type: 'json_schema', schema: weatherSchema },
    });
  });
});

describe('golden: AI SDK 6 embeddings', () => {
  it('embed: doEmbed is a costed embedding, vectors dropped, the outer call a trace', () => {
    const [embedding, trace] = events('embed');
    expect(embedding!.event).toBe('$ai_embedding');
    const inputUsd = cost(6, PRICES['text-embedding-3-small'].input);
    expect(stable(embedding!.properties)).toEqual({
      'service.name': 'vercel-ai-v6-fixtures',
      $ai_trace_id: '<trace>',
      $ai_span_id: '<span>',
      $ai_parent_id: '<parent>',
      $ai_span_name: 'ai.embed.doEmbed',
      $ai_trace_name: 'embed-one',
      $ai_model: 'text-embedding-3-small',
      $ai_provider: 'openai',
      $ai_operation: 'ai.embed.doEmbed',
      $ai_input: [{ role: 'user', content: 'sunny day at the beach' }],
      $ai_input_tokens: 6,
      $ai_latency: '<latency>',
      $ai_lib: 'ai',
      $ai_lib_version: '<sdk>',
      $ai_framework: 'vercel-ai',
      $process_person_profile: false,
      $ai_input_cost_usd: inputUsd,
      $ai_output_cost_usd: 0,
      $ai_total_cost_usd: inputUsd,
      $ai_cost_provider: 'openai',
      $ai_cost_model: 'text-embedding-3-small',
    });
    expect(trace!.event).toBe('$ai_trace');
    expect(trace!.properties.$ai_span_name).toBe('embed-one');
    expect(trace!.properties.$ai_input_state).toBe('sunny day at the beach');
    expect(trace!.properties.$ai_output_state).toBeUndefined();
    expect(trace!.properties.$ai_input_tokens).toBe(6);
    expect(trace!.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('embedMany: every value an input, userId and session_id metadata give the identity', () => {
    const [embedding, trace] = events('embed-many');
    const values = ['sunny day', 'rainy night', 'snowy morning'];
    expect(embedding!.properties.$ai_input).toEqual(
      values.map((content) => ({ role: 'user', content })),
    );
    expect(embedding!.properties.$ai_input_tokens).toBe(10);
    expect(embedding!.properties.$ai_total_cost_usd).toBe(cost(10, 0.02));
    expect(trace!.properties.$ai_input_state).toEqual(values);
    for (const event of [embedding!, trace!]) {
      expect(event.distinct_id).toBe('user-9');
      expect(event.properties.$ai_session_id).toBe('sess-9');
      expect(event.properties.userId).toBeUndefined();
      expect(JSON.stringify(event.properties)).not.toContain('0.2221844');
    }
  });
});

describe('golden: AI SDK 6 errors', () => {
  it('a 500 from the model: both spans are errors with the exception, nothing is costed', () => {
    const [generation, trace] = events('error');
    const error =
      'AI_APICallError: The server had an error while processing your request. Sorry about that!';
    for (const event of [generation!, trace!]) {
      expect(event.properties.$ai_is_error).toBe(true);
      expect(event.properties.$ai_error).toBe(error);
      expect(event.properties.$ai_error_type).toBe('AI_APICallError');
      expect(event.properties.$ai_total_cost_usd).toBeUndefined();
    }
    expect(generation!.event).toBe('$ai_generation');
    expect(generation!.properties.$ai_input).toEqual([
      { role: 'user', content: 'This call fails.' },
    ]);
    expect(generation!.properties.$ai_output_choices).toBeUndefined();
    // AI SDK 6 records no HTTP status on the span (AI SDK 7 does).
    expect(generation!.properties.$ai_http_status).toBeUndefined();
    expect(trace!.event).toBe('$ai_trace');
    expect(trace!.properties.$ai_span_name).toBe('failing-call');
  });
});
