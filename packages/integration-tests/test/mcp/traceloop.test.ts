/**
 * Real `@modelcontextprotocol/sdk` 1.32 client and server in-process (InMemoryTransport),
 * instrumented by `@traceloop/instrumentation-mcp` 0.27, with the model calls made through
 * `openai` under `@traceloop/instrumentation-openai`.
 *
 * What the instrumentation really does: `connect()` starts an `mcp.client.session` span that
 * stays open until `close()`, and every request span (`initialize.mcp`, `tools/list.mcp`,
 * `<tool>.tool`) is a child of that session span, not of the span active at the call. So a tool
 * call is never under the generation that asked for it (no instrumentation nests anything under
 * a model call: the generation has ended before the tool runs); it is under the session.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { McpInstrumentation } from '@traceloop/instrumentation-mcp';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, named, shape } from '../support/map';
import { startLiveTracing, type LiveTracing } from '../support/tracing';
import { agentTurn, connectWeatherServer, inSpan } from './scenario';

let tracing: LiveTracing;
let mock: MockOpenAIServer;

beforeAll(async () => {
  tracing = startLiveTracing('mcp-traceloop');
  const mcp = new McpInstrumentation();
  mcp.setTracerProvider(tracing.provider);
  mcp.manuallyInstrument({ Client, Server });
  const openai = new OpenAIInstrumentation();
  openai.setTracerProvider(tracing.provider);
  openai.manuallyInstrument(OpenAI);
  mock = await startMockOpenAI();
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

describe('MCP tool calls under Traceloop', () => {
  it('connect, list, call, close inside one agent span: the tool span has arguments and result', async () => {
    const answer = await inSpan('agent', async () => {
      const mcp = await connectWeatherServer();
      try {
        return await agentTurn(mcp, mock);
      } finally {
        await mcp.close();
      }
    });
    expect(answer).toBe('The get_weather tool returned: Sunny in Paris');
    const { readable, records } = await tracing.collect();
    captureFixture('mcp', 'traceloop-agent-turn', readable);
    const events = eventsOf(records);
    expect(shape(events)).toEqual([
      ['$ai_span', 'mcp.client.session'],
      ['$ai_span', 'initialize.mcp'],
      ['$ai_span', 'tools/list.mcp'],
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'get_weather'],
      ['$ai_generation', 'chat gpt-4o-mini'],
    ]);
    const session = named(events, 'mcp.client.session');
    const tool = named(events, 'get_weather');
    expect(tool.properties).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_lib: '@traceloop/instrumentation-mcp',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: 'Sunny in Paris',
      $ai_parent_id: session.properties.$ai_span_id,
    });
    const [call, reply] = generations(events);
    // The model's tool call (same name and arguments) and the tool span are cousins: the
    // generation is under the agent span, the tool under the session span beside it.
    expect(call!.properties.$ai_output_choices).toMatchObject([
      { tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    ]);
    expect(call!.properties.$ai_parent_id).toBe(session.properties.$ai_parent_id);
    expect(reply!.properties.$ai_input).toContainEqual({
      role: 'tool',
      content: 'Sunny in Paris',
      tool_call_id: 'call_mock_1',
    });
    expect(named(events, 'tools/list.mcp').properties.$ai_output_state).toMatchObject({
      tools: [{ name: 'get_weather', description: 'Get the weather for a city' }],
    });
    expect(new Set(events.map((event) => event.properties.$ai_trace_id)).size).toBe(1);
  });

  it('a client connected once and kept open: its tool spans land in the trace of connect()', async () => {
    const mcp = await inSpan('startup', () => connectWeatherServer());
    await inSpan('request', () => agentTurn(mcp, mock));
    const beforeClose = eventsOf((await tracing.collect()).records);
    const tool = named(beforeClose, 'get_weather');
    const [call] = generations(beforeClose);
    // The request's model calls and its tool call are in different traces.
    expect(tool.properties.$ai_trace_id).not.toBe(call!.properties.$ai_trace_id);
    // ...and the tool's parent, the session span, is only exported when the client closes.
    expect(beforeClose.map((event) => event.properties.$ai_span_name)).not.toContain(
      'mcp.client.session',
    );
    await mcp.close();
    const [session] = eventsOf((await tracing.collect()).records);
    expect(session!.properties.$ai_span_name).toBe('mcp.client.session');
    expect(session!.properties.$ai_trace_id).toBe(tool.properties.$ai_trace_id);
  });
});
