/**
 * Real `@langchain/core` 1.4 / `@langchain/openai` 1.5 / `langchain` 1.5 under
 * `@traceloop/instrumentation-langchain` 0.27, against the mock OpenAI server. Traceloop starts
 * every LangChain run's span in the caller's context, never in its parent run's: without an
 * application span around the work, each run is a trace of its own.
 */
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { LangChainInstrumentation } from '@traceloop/instrumentation-langchain';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, named } from '../support/map';
import { expectCost, GPT_4O_MINI, usd } from '../support/prices';
import { startLiveTracing, withAppSpan, type LiveTracing } from '../support/tracing';
import { runAgent, runChain, runStream, USAGE } from './scenarios';

let tracing: LiveTracing;
let mock: MockOpenAIServer;

beforeAll(async () => {
  tracing = startLiveTracing('langchain-traceloop');
  const instrumentation = new LangChainInstrumentation();
  instrumentation.setTracerProvider(tracing.provider);
  instrumentation.manuallyInstrument({ callbackManagerModule: CallbackManagerModule });
  mock = await startMockOpenAI();
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

async function collect(fixture?: string) {
  const { readable, records } = await tracing.collect();
  if (fixture) captureFixture('langchain-traceloop', fixture, readable);
  return eventsOf(records);
}

const gpt4oMiniCost = (input: number, output: number) => ({
  input: usd(input, GPT_4O_MINI.input),
  output: usd(output, GPT_4O_MINI.output),
});

const traceCount = (events: Array<{ properties: Record<string, unknown> }>) =>
  new Set(events.map((event) => event.properties.$ai_trace_id)).size;

describe('LangChain.js under Traceloop', () => {
  it('a chain: workflow spans with state and a generation, each run its own trace', async () => {
    await runChain(mock);
    const events = await collect('chain');
    expect(traceCount(events)).toBe(events.length);
    const sequence = named(events, 'RunnableSequence');
    expect(sequence.event).toBe('$ai_trace');
    expect(sequence.properties).toMatchObject({
      $ai_span_kind: 'chain',
      'traceloop.span.kind': 'workflow',
      $ai_input_state: { topic: 'otters' },
      $ai_output_state: { output: 'Echo: Tell me about otters' },
    });
    expect(named(events, 'prompt').properties.$ai_span_kind).toBe('chain');
    expect(named(events, 'parser').properties.$ai_output_state).toEqual({
      output: 'Echo: Tell me about otters',
    });
    const [llm] = generations(events);
    expect(generations(events)).toHaveLength(1);
    expect(llm!.properties).toMatchObject({
      $ai_span_name: 'chat gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_model: 'gpt-4o-mini',
      $ai_input: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Tell me about otters' },
      ],
      $ai_output_choices: [
        { role: 'assistant', content: 'Echo: Tell me about otters', finish_reason: 'stop' },
      ],
      $ai_input_tokens: USAGE.chain.input,
      $ai_output_tokens: USAGE.chain.output,
    });
    expectCost(llm!.properties, gpt4oMiniCost(USAGE.chain.input, USAGE.chain.output));
  });

  it('a tool-calling agent: the tool span named after the tool, tool calls lost', async () => {
    await runAgent(mock);
    const events = await collect('agent');
    const toolSpan = named(events, 'get_weather');
    expect(toolSpan.properties).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: 'Sunny in Paris',
    });
    const [call, answer] = generations(events);
    expect(generations(events)).toHaveLength(2);
    // Traceloop records only the text of LangChain messages: the tool call is an empty answer.
    expect(call!.properties).toMatchObject({
      $ai_stop_reason: 'tool_call',
      $ai_output_choices: [{ role: 'assistant', content: '', finish_reason: 'tool_call' }],
    });
    expect(call!.properties.$ai_tools).toBeUndefined();
    expect(answer!.properties.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: '' },
      { role: 'tool', content: 'Sunny in Paris' },
    ]);
    expectCost(
      call!.properties,
      gpt4oMiniCost(USAGE.agentToolCall.input, USAGE.agentToolCall.output),
    );
    expectCost(
      answer!.properties,
      gpt4oMiniCost(USAGE.agentAnswer.input, USAGE.agentAnswer.output),
    );
    expect(named(events, 'CompiledStateGraph').properties.$ai_span_kind).toBe('chain');
  });

  it('streaming: one generation with the usage LangChain received', async () => {
    await runStream(mock);
    const [llm, ...rest] = await collect('stream');
    expect(rest).toEqual([]);
    expect(llm!.properties).toMatchObject({
      $ai_input_tokens: USAGE.stream.input,
      $ai_output_tokens: USAGE.stream.output,
      $ai_output_choices: [{ role: 'assistant', content: 'Echo: Stream please' }],
    });
    expectCost(llm!.properties, gpt4oMiniCost(USAGE.stream.input, USAGE.stream.output));
  });

  it('inside an application span every run lands in that one trace, flat', async () => {
    await withAppSpan('request', () => runAgent(mock));
    const events = await collect();
    expect(traceCount(events)).toBe(1);
    const parents = new Set(events.map((event) => event.properties.$ai_parent_id));
    // All under the (non-AI, dropped) application span: LangChain's nesting is lost.
    expect(parents.size).toBe(1);
    expect(events.every((event) => event.event !== '$ai_trace')).toBe(true);
    expect(generations(events)).toHaveLength(2);
  });
});
