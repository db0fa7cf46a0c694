/**
 * The indexed form beyond what the 0.16 capture shows: the oldest `llm.*` spelling (0.5),
 * legacy cache and parameter keys, text completions and reranks.
 */
import { describe, expect, it } from 'vitest';
import { mapTraceloopSpans } from './support/fixtures';
import { makeSpan } from './support/make-span';
import { expectGpt4oMiniCost } from './support/expectations';

describe('indexed form', () => {
  it('maps the 0.5 spelling: llm.vendor, llm.request.model, llm.prompts, llm.usage.*', () => {
    const [event] = mapTraceloopSpans([
      makeSpan(
        {
          'llm.vendor': 'OpenAI',
          'llm.request.type': 'chat',
          'llm.request.model': 'gpt-4o-mini',
          'llm.response.model': 'gpt-4o-mini-2024-07-18',
          'llm.request.max_tokens': 100,
          'llm.temperature': 0.2,
          'llm.top_p': 0.9,
          'llm.prompts.0.role': 'user',
          'llm.prompts.0.content': 'Hi',
          'llm.completions.0.role': 'assistant',
          'llm.completions.0.content': 'Hello!',
          'llm.completions.0.finish_reason': 'stop',
          'llm.usage.prompt_tokens': 8,
          'llm.usage.completion_tokens': 3,
          'llm.usage.total_tokens': 11,
        },
        { scope: { name: '@traceloop/instrumentation-openai', version: '0.5.29' } },
      ),
    ]).events;
    const p = event!.properties;
    expect(event!.event).toBe('$ai_generation');
    expect(p.$ai_provider).toBe('openai');
    expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expect(p.$ai_request_model).toBe('gpt-4o-mini');
    expect(p.$ai_input).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Hello!', finish_reason: 'stop' },
    ]);
    expect(p.$ai_stop_reason).toBe('stop');
    expect(p.$ai_model_parameters).toEqual({ temperature: 0.2, max_tokens: 100, top_p: 0.9 });
    expectGpt4oMiniCost(p, 8, 3);
    for (const key of Object.keys(p)) expect(key).not.toMatch(/^llm\./);
  });

  it('reads legacy cache keys, llm.usage.total_tokens and Traceloop-only parameters', () => {
    const [event] = mapTraceloopSpans([
      makeSpan({
        'gen_ai.system': 'OpenAI',
        'llm.request.type': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.request.temperature': 0.5,
        'llm.top_k': 40,
        'llm.frequency_penalty': 0.1,
        'llm.presence_penalty': 0.2,
        'llm.chat.stop_sequences': '["END"]',
        'gen_ai.usage.prompt_tokens': 2000,
        'gen_ai.usage.completion_tokens': 10,
        'gen_ai.usage.cache_read_input_tokens': 1024,
        'llm.usage.total_tokens': 2010,
      }),
    ]).events;
    const p = event!.properties;
    expect(p.$ai_model_parameters).toEqual({
      temperature: 0.5,
      top_k: 40,
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
      stop: ['END'],
    });
    expect(p.$ai_input_tokens).toBe(2000);
    expect(p.$ai_cache_read_input_tokens).toBe(1024);
    expect(p.$ai_total_tokens).toBe(2010);
    // OpenAI's prompt count includes the cached tokens: 976 fresh at $0.15/M, 1024 at $0.075/M.
    expect(p.$ai_input_cost_usd).toBeCloseTo((976 * 0.15 + 1024 * 0.075) / 1e6, 12);
  });

  it('maps a text completion as a generation with the OTel operation name', () => {
    const [event] = mapTraceloopSpans([
      makeSpan(
        {
          'gen_ai.system': 'OpenAI',
          'llm.request.type': 'completion',
          'gen_ai.request.model': 'gpt-3.5-turbo-instruct',
          'gen_ai.prompt.0.role': 'user',
          'gen_ai.prompt.0.content': 'Say hi',
          'gen_ai.completion.0.role': 'assistant',
          'gen_ai.completion.0.content': 'hi',
          'gen_ai.completion.0.finish_reason': 'stop',
        },
        { name: 'openai.completion' },
      ),
    ]).events;
    expect(event!.event).toBe('$ai_generation');
    expect(event!.properties.$ai_operation).toBe('text_completion');
    expect(event!.properties.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'hi', finish_reason: 'stop' },
    ]);
  });

  it('does not cost a rerank as a generation', () => {
    const [event] = mapTraceloopSpans([
      makeSpan(
        {
          'gen_ai.system': 'Cohere',
          'llm.request.type': 'rerank',
          'gen_ai.request.model': 'rerank-english-v3.0',
        },
        { name: 'cohere.rerank', scope: { name: '@traceloop/instrumentation-cohere' } },
      ),
    ]).events;
    expect(event!.event).toBe('$ai_trace');
    expect(event!.properties.$ai_operation).toBe('rerank');
    expect(event!.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('turns the "null" and "" placeholders of tool-calling assistant turns into null content', () => {
    const [event] = mapTraceloopSpans([
      makeSpan({
        'llm.request.type': 'chat',
        'gen_ai.system': 'OpenAI',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.prompt.0.role': 'user',
        'gen_ai.prompt.0.content': 'null',
        'gen_ai.prompt.1.role': 'assistant',
        'gen_ai.prompt.1.content': 'null',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': '',
        'gen_ai.completion.0.tool_calls.0.name': 'f',
        'gen_ai.completion.0.tool_calls.0.arguments': '{}',
      }),
    ]).events;
    expect(event!.properties.$ai_input).toEqual([
      // A user who typed "null" keeps it.
      { role: 'user', content: 'null' },
      { role: 'assistant', content: null },
    ]);
    expect(event!.properties.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
    ]);
  });

  it('lets the current form win when a span carries both', () => {
    const [event] = mapTraceloopSpans([
      makeSpan({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"new"}]}]',
        'gen_ai.prompt.0.role': 'user',
        'gen_ai.prompt.0.content': 'old',
        'gen_ai.tool.definitions': '[{"type":"function","function":{"name":"current"}}]',
        'llm.request.functions.0.name': 'legacy',
      }),
    ]).events;
    expect(event!.properties.$ai_input).toEqual([{ role: 'user', content: 'new' }]);
    expect(event!.properties.$ai_tools).toEqual([
      { type: 'function', function: { name: 'current' } },
    ]);
  });
});
