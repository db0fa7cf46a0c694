/**
 * LangChain and OpenAI instrumented together, both by Traceloop (`@traceloop/instrumentation-
 * langchain` and `-openai` 0.27). Traceloop starts LangChain's spans in the caller's context,
 * so inside an application span the LangChain chat span and the OpenAI span are siblings.
 */
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { LangChainInstrumentation } from '@traceloop/instrumentation-langchain';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent, runChain, runStream, USAGE } from '../langchain/scenarios';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, sumOverGenerations } from '../support/map';
import { expectCost, GPT_4O_MINI, usd } from '../support/prices';
import { startLiveTracing, withAppSpan, type LiveTracing } from '../support/tracing';

let tracing: LiveTracing;
let mock: MockOpenAIServer;

beforeAll(async () => {
  tracing = startLiveTracing('langchain-openai-traceloop');
  const langchain = new LangChainInstrumentation();
  langchain.setTracerProvider(tracing.provider);
  langchain.manuallyInstrument({ callbackManagerModule: CallbackManagerModule });
  // The instrumentation's default: no token estimate for streamed calls.
  const openai = new OpenAIInstrumentation();
  openai.setTracerProvider(tracing.provider);
  openai.manuallyInstrument(OpenAI);
  mock = await startMockOpenAI();
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

async function collect(fixture?: string) {
  const { readable, records } = await tracing.collect();
  if (fixture) captureFixture('double-instrumentation', fixture, readable);
  return eventsOf(records);
}

const byLib = (events: ReturnType<typeof eventsOf>, lib: string) =>
  events.filter(
    (event) => event.properties.$ai_lib === lib && event.properties.$ai_operation === 'chat',
  );

describe('LangChain + OpenAI, both Traceloop, inside an application span', () => {
  it("a chain: the OpenAI span (with the response id) is kept, under LangChain's chat span", async () => {
    await withAppSpan('POST /ask', () => runChain(mock));
    const events = await collect('langchain-openai-traceloop-chain');
    const [openaiSpan] = byLib(events, '@traceloop/instrumentation-openai');
    const [langchainSpan] = byLib(events, '@traceloop/instrumentation-langchain');
    expect(generations(events)).toEqual([openaiSpan]);
    expect(openaiSpan!.properties).toMatchObject({
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_response_id: 'chatcmpl-mock-1',
      $ai_input_tokens: USAGE.chain.input,
      $ai_output_tokens: USAGE.chain.output,
      $ai_parent_id: langchainSpan!.properties.$ai_span_id,
    });
    expectCost(openaiSpan!.properties, {
      input: usd(USAGE.chain.input, GPT_4O_MINI.input),
      output: usd(USAGE.chain.output, GPT_4O_MINI.output),
    });
    expect(langchainSpan!.event).toBe('$ai_span');
    expect(langchainSpan!.properties.$ai_duplicate_of).toBe(openaiSpan!.properties.$ai_span_id);
  });

  it('a tool-calling agent: one generation per turn, with the tool calls LangChain lost', async () => {
    await withAppSpan('POST /agent', () => runAgent(mock));
    const events = await collect();
    const kept = generations(events);
    expect(kept).toHaveLength(2);
    expect(
      kept.every((event) => event.properties.$ai_lib === '@traceloop/instrumentation-openai'),
    ).toBe(true);
    // Traceloop's OpenAI span has the tool call its LangChain span drops.
    expect(kept[0]!.properties.$ai_output_choices).toMatchObject([
      { tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    ]);
    expect(sumOverGenerations(events, '$ai_input_tokens')).toBe(
      USAGE.agentToolCall.input + USAGE.agentAnswer.input,
    );
  });

  it("streaming: the OpenAI span has no counts (no estimate), LangChain's is kept", async () => {
    await withAppSpan('POST /stream', () => runStream(mock));
    const events = await collect();
    const [kept] = generations(events);
    expect(generations(events)).toHaveLength(1);
    expect(kept!.properties).toMatchObject({
      $ai_lib: '@traceloop/instrumentation-langchain',
      $ai_input_tokens: USAGE.stream.input,
      $ai_output_tokens: USAGE.stream.output,
    });
  });
});
