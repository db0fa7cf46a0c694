/**
 * What every OTLP-only framework normalizer shares: detection on the scope first, then on the
 * framework's own keys; values accepted both as JSON strings and structured (OTLP kvlist /
 * array values decoded); the keys it mapped not passed through again.
 */
import { describe, expect, it } from 'vitest';
import { orderNormalizers, normalizeSpan } from '../../src/normalize/registry';
import type { AttributeValue, SpanRecord } from '../../src/types';
import { makeSpan } from '../make-span';
import { mapPriced, traceSpan } from './helpers';

const normalizers = orderNormalizers();
const frameworkOf = (span: SpanRecord) => normalizeSpan(span, normalizers).normalizer;

describe('framework detection', () => {
  it('recognises each framework by its scope', () => {
    const attributes = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm' };
    expect(frameworkOf(makeSpan({ scope: { name: 'pydantic-ai' }, attributes }))).toBe(
      'pydantic-ai',
    );
    expect(frameworkOf(makeSpan({ scope: { name: 'logfire.openai' }, attributes }))).toBe(
      'logfire',
    );
    expect(
      frameworkOf(
        makeSpan({
          scope: { name: 'mlflow.tracing.fluent' },
          attributes: { 'mlflow.spanType': '"LLM"' },
        }),
      ),
    ).toBe('mlflow');
    expect(
      frameworkOf(makeSpan({ scope: { name: '@openlit/instrumentation-openai' }, attributes })),
    ).toBe('openlit');
    expect(
      frameworkOf(makeSpan({ scope: { name: 'com.anthropic.sdk.typescript' }, attributes })),
    ).toBe('anthropic-sdk');
    // Any other scope with spec keys only is the OTel GenAI normalizer's.
    expect(frameworkOf(makeSpan({ scope: { name: 'my-app' }, attributes }))).toBe('otel-genai');
  });

  it('falls back on the framework keys when the scope says nothing (a collector renamed it)', () => {
    const scope = { name: 'unknown' };
    expect(
      frameworkOf(
        makeSpan({ scope, attributes: { 'pydantic_ai.all_messages': '[]', model_name: 'm' } }),
      ),
    ).toBe('pydantic-ai');
    expect(
      frameworkOf(
        makeSpan({ scope, attributes: { 'mlflow.spanType': '"TOOL"', 'mlflow.spanInputs': '{}' } }),
      ),
    ).toBe('mlflow');
    expect(
      frameworkOf(
        makeSpan({
          scope,
          attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.is_stream': false },
        }),
      ),
    ).toBe('openlit');
    expect(
      frameworkOf(
        makeSpan({
          scope,
          attributes: { 'logfire.msg': 'Chat Completion', request_data: '{"model":"gpt-4o"}' },
        }),
      ),
    ).toBe('logfire');
  });

  it('does not claim plain OTel GenAI spans for any framework', () => {
    const { normalizer, call } = normalizeSpan(
      makeSpan({
        scope: { name: '@opentelemetry/instrumentation-openai' },
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.cost': 0.1 },
      }),
      normalizers,
    );
    expect(normalizer).toBe('otel-genai');
    expect(call.cost).toEqual({ total: 0.1 });
  });
});

describe('both value shapes', () => {
  it('reads Pydantic AI messages given structured instead of as a JSON string', () => {
    const messages: AttributeValue[] = [
      { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
      { role: 'assistant', parts: [{ type: 'text', content: 'Hello!' }], finish_reason: 'stop' },
    ];
    const asString = mapPriced([
      traceSpan('s1', {
        name: 'agent run',
        scope: { name: 'pydantic-ai' },
        attributes: {
          'pydantic_ai.all_messages': JSON.stringify(messages),
          final_result: 'Hello!',
        },
      }),
    ]).byId('s1');
    const structured = mapPriced([
      traceSpan('s1', {
        name: 'agent run',
        scope: { name: 'pydantic-ai' },
        attributes: { 'pydantic_ai.all_messages': messages, final_result: 'Hello!' },
      }),
    ]).byId('s1');
    expect(structured.properties.$ai_input_state).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(structured.properties).toEqual(asString.properties);
  });

  it('reads MLflow inputs, outputs and usage given structured', () => {
    const body = {
      'mlflow.spanType': 'CHAT_MODEL',
      'mlflow.spanInputs': { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
      'mlflow.spanOutputs': {
        model: 'gpt-4o-mini-2024-07-18',
        choices: [{ message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 2 },
      },
    };
    const event = mapPriced([
      traceSpan('m1', { name: 'Completions', scope: { name: 'mlflow' }, attributes: body }),
    ]).byId('m1');
    expect(event.properties).toMatchObject({
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_input: [{ role: 'user', content: 'Hi' }],
      $ai_output_choices: [{ role: 'assistant', content: 'Hello!', finish_reason: 'stop' }],
      $ai_input_tokens: 5,
    });
  });

  it('reads Logfire request and response data given structured', () => {
    const event = mapPriced([
      traceSpan('l1', {
        name: 'Chat Completion with {request_data[model]!r}',
        scope: { name: 'logfire.openai' },
        attributes: {
          'gen_ai.request.model': 'gpt-4o-mini',
          request_data: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
          response_data: {
            message: { role: 'assistant', content: 'Hello!' },
            usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
          },
        },
      }),
    ]).byId('l1');
    expect(event.properties).toMatchObject({
      $ai_input: [{ role: 'user', content: 'Hi' }],
      $ai_output_choices: [{ role: 'assistant', content: 'Hello!' }],
      $ai_output_tokens: 2,
    });
  });

  it('converts Anthropic image and thinking blocks of a request body', () => {
    const event = mapPriced([
      traceSpan('a1', {
        name: 'Messages',
        scope: { name: 'mlflow' },
        attributes: {
          'mlflow.spanType': '"CHAT_MODEL"',
          'mlflow.spanInputs': JSON.stringify({
            model: 'claude-haiku-4-5',
            messages: [
              {
                role: 'user',
                content: [
                  {
                    type: 'image',
                    source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
                  },
                  { type: 'text', text: 'What is this?' },
                ],
              },
              {
                role: 'assistant',
                content: [{ type: 'thinking', thinking: 'A logo.', signature: 's' }],
              },
            ],
          }),
        },
      }),
    ]).byId('a1');
    const input = event.properties.$ai_input as Array<{ content: unknown }>;
    expect(input[0]!.content).toEqual([
      { type: 'image', image: expect.stringMatching(/^(data:image\/png;base64,|\[redacted)/) },
      { type: 'text', text: 'What is this?' },
    ]);
    expect(input[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'reasoning', text: 'A logo.' }],
    });
  });
});
