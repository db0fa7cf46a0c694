/**
 * Traceloop stores entity input/output and function schemas as JSON strings; over OTLP other
 * producers (and re-exports through collectors) may send the same values already structured.
 * Both shapes map to the same event.
 */
import { describe, expect, it } from 'vitest';
import type { AttributeValue, Attributes } from '@llm-analytics/core';
import { unwrapEntityInput } from '../src';
import { mapTraceloopSpans } from './support/fixtures';
import { makeSpan } from './support/make-span';

const SDK_SCOPE = { name: '@traceloop/node-server-sdk', version: '0.27.0' };

function taskEvent(input: AttributeValue, output: AttributeValue) {
  const span = makeSpan(
    {
      'traceloop.span.kind': 'task',
      'traceloop.entity.name': 'lookup',
      'traceloop.entity.input': input,
      'traceloop.entity.output': output,
    },
    { scope: SDK_SCOPE, name: 'lookup.task', parentSpanId: '00000000000000aa' },
  );
  return mapTraceloopSpans([span]).events[0]!.properties;
}

describe('entity input and output', () => {
  it('maps the JSON string and the structured value alike', () => {
    const fromJson = taskEvent(
      '{"args":[],"kwargs":{"city":"Paris","days":2}}',
      '{"ok":true,"items":["a","b"]}',
    );
    const structured = taskEvent(
      { args: [], kwargs: { city: 'Paris', days: 2 } },
      { ok: true, items: ['a', 'b'] },
    );
    expect(fromJson.$ai_input_state).toEqual({ city: 'Paris', days: 2 });
    expect(fromJson.$ai_output_state).toEqual({ ok: true, items: ['a', 'b'] });
    expect(structured.$ai_input_state).toEqual(fromJson.$ai_input_state);
    expect(structured.$ai_output_state).toEqual(fromJson.$ai_output_state);
    expect(fromJson.$ai_span_name).toBe('lookup');
    expect(fromJson['traceloop.entity.input']).toBeUndefined();
  });

  it('keeps output that is not JSON as text, and JSON scalars as values', () => {
    expect(taskEvent('{"args":["q"],"kwargs":{}}', 'plain text answer').$ai_output_state).toBe(
      'plain text answer',
    );
    expect(taskEvent('{"args":["q"],"kwargs":{}}', '42').$ai_output_state).toBe(42);
    expect(taskEvent('{"args":["q"],"kwargs":{}}', '"quoted"').$ai_output_state).toBe('quoted');
  });

  it('unwraps {args, kwargs} to what the function was called with', () => {
    expect(unwrapEntityInput('{"args":["only"],"kwargs":{}}')).toBe('only');
    expect(unwrapEntityInput('{"args":[1,"two"],"kwargs":{}}')).toEqual([1, 'two']);
    expect(unwrapEntityInput('{"args":[],"kwargs":{"a":1}}')).toEqual({ a: 1 });
    expect(unwrapEntityInput('{"args":[1],"kwargs":{"a":1}}')).toEqual({
      args: [1],
      kwargs: { a: 1 },
    });
    expect(unwrapEntityInput('{"args":[],"kwargs":{}}')).toBeUndefined();
    // Anything else is the value itself.
    expect(unwrapEntityInput('{"args":[1],"other":true}')).toEqual({ args: [1], other: true });
    expect(unwrapEntityInput('{"args":5}')).toBeUndefined();
    expect(unwrapEntityInput('not json')).toBe('not json');
    expect(unwrapEntityInput(['a'])).toEqual(['a']);
  });
});

describe('llm.request.functions schemas', () => {
  const base: Attributes = {
    'llm.request.type': 'chat',
    'gen_ai.system': 'OpenAI',
    'gen_ai.request.model': 'gpt-4o-mini',
    'llm.request.functions.0.name': 'get_weather',
    'llm.request.functions.0.description': 'Weather',
  };
  const schema = { type: 'object', properties: { city: { type: 'string' } } };

  it('maps a JSON-string schema and a structured one alike', () => {
    const tools = (arguments_: AttributeValue) =>
      mapTraceloopSpans([makeSpan({ ...base, 'llm.request.functions.0.arguments': arguments_ })])
        .events[0]!.properties.$ai_tools;
    const expected = [
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather', parameters: schema },
      },
    ];
    expect(tools(JSON.stringify(schema))).toEqual(expected);
    expect(tools(schema)).toEqual(expected);
  });

  it('accepts the schema under `parameters` too and skips a schema that is not an object', () => {
    const withParameters = mapTraceloopSpans([
      makeSpan({ ...base, 'llm.request.functions.0.parameters': JSON.stringify(schema) }),
    ]).events[0]!.properties.$ai_tools;
    expect(withParameters).toEqual([
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather', parameters: schema },
      },
    ]);
    const broken = mapTraceloopSpans([
      makeSpan({ ...base, 'llm.request.functions.0.arguments': '{not json' }),
    ]).events[0]!.properties.$ai_tools;
    expect(broken).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather' } },
    ]);
  });
});

describe('current-form messages', () => {
  const messages = [
    { role: 'user', parts: [{ type: 'text', content: 'Weather?' }] },
    {
      role: 'assistant',
      parts: [{ type: 'tool_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } }],
    },
  ];

  it('maps the JSON string Traceloop sends and a structured array alike', () => {
    const input = (value: AttributeValue) =>
      mapTraceloopSpans([
        makeSpan(
          {
            'gen_ai.operation.name': 'chat',
            'gen_ai.provider.name': 'openai',
            'gen_ai.request.model': 'gpt-4o-mini',
            'gen_ai.input.messages': value,
          },
          { name: 'chat gpt-4o-mini', scope: { name: '@traceloop/instrumentation-openai' } },
        ),
      ]).events[0]!.properties.$ai_input;
    const expected = [
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: null,
        // Object-valued arguments become the JSON string of the OpenAI shape.
        tool_calls: [
          {
            id: 'c1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    ];
    expect(input(JSON.stringify(messages))).toEqual(expected);
    expect(input(messages as unknown as AttributeValue)).toEqual(expected);
  });
});
