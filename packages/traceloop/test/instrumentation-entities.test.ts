/**
 * Entity spans of Traceloop's LangChain and MCP instrumentations, with the attributes 0.27.0
 * records (seen against `@langchain/core` 1.4 and `@modelcontextprotocol/sdk` 1.32; the real
 * runs are in packages/integration-tests).
 */
import { describe, expect, it } from 'vitest';
import type { Attributes } from '@llm-analytics/core';
import { mapTraceloopSpans } from './support/fixtures';
import { makeSpan } from './support/make-span';

const LANGCHAIN = { name: '@traceloop/instrumentation-langchain', version: '0.27.0' };
const MCP = { name: '@traceloop/instrumentation-mcp', version: '0.27.0' };

function eventOf(attributes: Attributes, scope: { name: string; version: string }, name: string) {
  const span = makeSpan(attributes, { scope, name, parentSpanId: '00000000000000aa' });
  const { events, failed } = mapTraceloopSpans([span]);
  expect(failed).toEqual([]);
  return events[0]!;
}

describe('LangChain instrumentation', () => {
  it('a tool is a tool span named after the tool, with its arguments and result', () => {
    const toolMessage = {
      lc: 1,
      type: 'constructor',
      id: ['langchain_core', 'messages', 'ToolMessage'],
      kwargs: {
        status: 'success',
        content: 'Sunny in Paris',
        tool_call_id: 'call_mock_1',
        name: 'get_weather',
      },
    };
    const event = eventOf(
      {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.provider.name': 'langchain',
        'traceloop.span.kind': 'task',
        'traceloop.entity.name': 'DynamicStructuredTool',
        'traceloop.entity.input': JSON.stringify({ args: ['{"city":"Paris"}'] }),
        'traceloop.entity.output': JSON.stringify(toolMessage),
      },
      LANGCHAIN,
      'execute_tool DynamicStructuredTool',
    );
    expect(event.event).toBe('$ai_span');
    expect(event.properties).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_span_name: 'get_weather',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: 'Sunny in Paris',
    });
  });

  it('a chain is named by its workflow name (it has no entity name)', () => {
    const event = eventOf(
      {
        'gen_ai.operation.name': 'workflow',
        'gen_ai.provider.name': 'langchain',
        'traceloop.span.kind': 'workflow',
        'traceloop.workflow.name': 'RunnableSequence',
        'traceloop.entity.input': '{"topic":"otters"}',
        'traceloop.entity.output': '{"output":"Echo: Tell me about otters"}',
      },
      LANGCHAIN,
      'workflow RunnableSequence',
    );
    expect(event.properties).toMatchObject({
      $ai_span_kind: 'chain',
      $ai_span_name: 'RunnableSequence',
      $ai_input_state: { topic: 'otters' },
      $ai_output_state: { output: 'Echo: Tell me about otters' },
    });
  });

  it('a task of the SDK that is no tool stays a chain', () => {
    const event = eventOf(
      {
        'traceloop.span.kind': 'task',
        'traceloop.entity.name': 'lookup',
        'traceloop.entity.input': '{"args":["{\\"q\\":1}"],"kwargs":{}}',
      },
      { name: '@traceloop/node-server-sdk', version: '0.27.0' },
      'lookup.task',
    );
    expect(event.properties).toMatchObject({
      $ai_span_kind: 'chain',
      $ai_span_name: 'lookup',
      // Only the instrumentations' tool arguments are decoded; an SDK task's string stays one.
      $ai_input_state: '{"q":1}',
    });
  });
});

describe('MCP instrumentation', () => {
  it('a tool call is a tool span with the arguments and the result', () => {
    const event = eventOf(
      {
        'traceloop.span.kind': 'tool',
        'traceloop.entity.name': 'get_weather',
        'traceloop.entity.input': '{"tool_name":"get_weather","arguments":{"city":"Paris"}}',
        'traceloop.entity.output': '{"result":"Sunny in Paris"}',
      },
      MCP,
      'get_weather.tool',
    );
    expect(event.properties).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_span_name: 'get_weather',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: 'Sunny in Paris',
    });
    expect(event.properties).not.toHaveProperty(['traceloop.entity.input']);
  });

  it('protocol requests keep their input and output as state', () => {
    const event = eventOf(
      { 'traceloop.entity.output': '{"tools":[{"name":"get_weather"}]}' },
      MCP,
      'tools/list.mcp',
    );
    expect(event.properties).toMatchObject({
      $ai_span_kind: 'span',
      $ai_span_name: 'tools/list.mcp',
      $ai_output_state: { tools: [{ name: 'get_weather' }] },
    });
    expect(event.properties).not.toHaveProperty(['traceloop.entity.output']);
  });
});
