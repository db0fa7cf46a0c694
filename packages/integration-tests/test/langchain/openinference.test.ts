/**
 * Real `@langchain/core` 1.4 / `@langchain/openai` 1.5 / `langchain` 1.5 (`createAgent`) under
 * `@arizeai/openinference-instrumentation-langchain` 4.1, against the mock OpenAI server.
 * OpenInference nests LangChain's runs as they ran (chain → prompt, LLM, parser; LangGraph →
 * node → LLM / tool) in one trace.
 */
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, named } from '../support/map';
import { expectCost, GPT_4O_MINI, tablePrices, usd } from '../support/prices';
import { startLiveTracing, type LiveTracing } from '../support/tracing';
import { runAgent, runChain, runStream, USAGE } from './scenarios';

let tracing: LiveTracing;
let mock: MockOpenAIServer;

beforeAll(async () => {
  tracing = startLiveTracing('langchain-openinference');
  new LangChainInstrumentation({ tracerProvider: tracing.provider }).manuallyInstrument(
    CallbackManagerModule,
  );
  mock = await startMockOpenAI();
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

async function collect(fixture: string) {
  const { readable, records } = await tracing.collect();
  captureFixture('langchain-openinference', fixture, readable);
  return eventsOf(records);
}

/** gpt-4o-mini at 0.15 / 0.60 USD per million tokens (no cached tokens in these calls). */
const gpt4oMiniCost = (input: number, output: number) => ({
  input: usd(input, GPT_4O_MINI.input),
  output: usd(output, GPT_4O_MINI.output),
});

describe('LangChain.js under OpenInference', () => {
  it('uses the price table values the hand calculations state', () => {
    expect(tablePrices('openai', 'gpt-4o-mini')).toMatchObject(GPT_4O_MINI);
  });

  it('a chain: the sequence is the trace; prompt, parser spans with state; the LLM a generation', async () => {
    expect(await runChain(mock)).toBe('Echo: Tell me about otters');
    const events = await collect('chain');
    const sequence = named(events, 'RunnableSequence');
    expect(sequence.event).toBe('$ai_trace');
    expect(sequence.properties).toMatchObject({
      $ai_span_kind: 'chain',
      $ai_input_state: 'otters',
      $ai_output_state: 'Echo: Tell me about otters',
    });
    const prompt = named(events, 'ChatPromptTemplate');
    expect(prompt.properties).toMatchObject({
      $ai_span_kind: 'span',
      'openinference.span.kind': 'PROMPT',
      $ai_parent_id: sequence.properties.$ai_span_id,
    });
    const parser = named(events, 'StrOutputParser');
    expect(parser.properties).toMatchObject({
      $ai_span_kind: 'chain',
      $ai_output_state: 'Echo: Tell me about otters',
    });
    const llm = named(events, 'ChatOpenAI');
    expect(llm.event).toBe('$ai_generation');
    expect(llm.properties).toMatchObject({
      $ai_parent_id: sequence.properties.$ai_span_id,
      $ai_trace_name: 'RunnableSequence',
      // No llm.provider on LangChain's LLM spans: taken from LangChain's `ls_provider`.
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
      $ai_input_tokens_include_cache: true,
    });
    expectCost(llm.properties, gpt4oMiniCost(USAGE.chain.input, USAGE.chain.output));
    expect(generations(events)).toHaveLength(1);
  });

  it('a tool-calling agent: LangGraph nodes are chains, the tool a tool span, two generations', async () => {
    expect(await runAgent(mock)).toBe('The get_weather tool returned: Sunny in Paris');
    const events = await collect('agent');
    expect(new Set(events.map((event) => event.properties.$ai_trace_id)).size).toBe(1);
    const root = named(events, 'LangGraph');
    expect(root.event).toBe('$ai_trace');
    // createAgent's graph is a CHAIN to OpenInference: there is no AGENT span kind here.
    expect(root.properties.$ai_span_kind).toBe('chain');
    const [call, answer] = generations(events);
    expect(call!.properties).toMatchObject({
      $ai_provider: 'openai',
      $ai_stop_reason: 'tool_calls',
      $ai_tools: [{ type: 'function', function: { name: 'get_weather' } }],
      $ai_output_choices: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          ],
        },
      ],
    });
    expect(answer!.properties.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
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
    const toolSpan = named(events, 'get_weather');
    expect(toolSpan.event).toBe('$ai_span');
    expect(toolSpan.properties).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_parent_id: named(events, 'tools').properties.$ai_span_id,
      // OpenInference records the tool input as its first argument's value, and the output as
      // the serialized ToolMessage.
      $ai_input_state: 'Paris',
      $ai_output_state: {
        output: { kwargs: { content: 'Sunny in Paris', name: 'get_weather' } },
      },
    });
    expect(
      events.filter((event) => event.properties.$ai_span_name === 'model_request'),
    ).toHaveLength(2);
  });

  it('streaming: usage from the usage chunk LangChain asks for, priced', async () => {
    expect(await runStream(mock)).toBe('Echo: Stream please');
    const [llm, ...rest] = await collect('stream');
    expect(rest).toEqual([]);
    expect(llm!.event).toBe('$ai_generation');
    expect(llm!.properties).toMatchObject({
      $ai_output_choices: [{ role: 'assistant', content: 'Echo: Stream please' }],
      $ai_input_tokens: USAGE.stream.input,
      $ai_output_tokens: USAGE.stream.output,
      // LangChain's invocation parameters say `stream: false` even for `.stream()`.
      $ai_stream: false,
    });
    expectCost(llm!.properties, gpt4oMiniCost(USAGE.stream.input, USAGE.stream.output));
  });
});
