/**
 * LangChain and OpenAI instrumented together, both by OpenInference (`…-langchain` 4.1 and
 * `…-openai` 4.2.7): every LangChain model call is also an OpenAI SDK call, so each arrives
 * twice. The OpenAI span is not a child of LangChain's: OpenInference's LangChain tracer never
 * makes its spans active, so the OpenAI span is a child of whatever span the application has
 * open (and a trace of its own when there is none). Here the events go through this repo's
 * `PostHogSpanProcessor` (the SDK path) to a capture server, as well as straight through
 * `mapSpans` (the server path).
 */
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { PostHogSpanProcessor } from '@llm-analytics/openinference';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent, runChain, runStream, USAGE } from '../langchain/scenarios';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, named, sumOverGenerations } from '../support/map';
import { expectCost, GPT_4O_MINI, usd } from '../support/prices';
import { startSink } from '../support/sink';
import { startLiveTracing, withAppSpan, type LiveTracing } from '../support/tracing';

let tracing: LiveTracing;
let mock: MockOpenAIServer;
let sink: Awaited<ReturnType<typeof startSink>>;
let processor: PostHogSpanProcessor;

beforeAll(async () => {
  sink = await startSink();
  processor = new PostHogSpanProcessor({ apiKey: 'phc_test', host: sink.url, flushIntervalMs: 50 });
  tracing = startLiveTracing('langchain-openai-openinference', [processor]);
  new LangChainInstrumentation({ tracerProvider: tracing.provider }).manuallyInstrument(
    CallbackManagerModule,
  );
  new OpenAIInstrumentation({ tracerProvider: tracing.provider }).manuallyInstrument(OpenAI);
  mock = await startMockOpenAI();
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
  await sink?.close();
});

async function collect(fixture?: string) {
  const { readable, records } = await tracing.collect();
  if (fixture) captureFixture('double-instrumentation', fixture, readable);
  return eventsOf(records);
}

const gpt4oMiniCost = (input: number, output: number) => ({
  input: usd(input, GPT_4O_MINI.input),
  output: usd(output, GPT_4O_MINI.output),
});

describe('LangChain + OpenAI, both OpenInference, inside an application span', () => {
  it("a chain: the OpenAI span is the generation, moved under LangChain's LLM span", async () => {
    await withAppSpan('POST /ask', () => runChain(mock));
    const events = await collect('langchain-openai-openinference-chain');
    const llm = named(events, 'ChatOpenAI');
    const call = named(events, 'OpenAI Chat Completions');
    expect(generations(events)).toEqual([call]);
    expect(call.properties).toMatchObject({
      $ai_framework: 'openinference',
      $ai_lib: '@arizeai/openinference-instrumentation-openai',
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_input_tokens: USAGE.chain.input,
      $ai_output_tokens: USAGE.chain.output,
      $ai_cache_read_input_tokens: 0,
      $ai_parent_id: llm.properties.$ai_span_id,
      $ai_input: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Tell me about otters' },
      ],
    });
    // Its OTel parent is the application span, which is no AI span.
    expect(call.properties.$ai_original_parent_id).toMatch(/^[0-9a-f]{16}$/);
    expect(call.properties.$ai_original_parent_id).toBe(
      named(events, 'RunnableSequence').properties.$ai_parent_id,
    );
    expectCost(call.properties, gpt4oMiniCost(USAGE.chain.input, USAGE.chain.output));
    expect(llm.event).toBe('$ai_span');
    expect(llm.properties).toMatchObject({
      $ai_duplicate_of: call.properties.$ai_span_id,
      $ai_model: 'gpt-4o-mini',
    });
    expect(llm.properties).not.toHaveProperty(['$ai_input_tokens']);
    expect(llm.properties).not.toHaveProperty(['$ai_total_cost_usd']);
    expect(sumOverGenerations(events, '$ai_input_tokens')).toBe(USAGE.chain.input);
  });

  it('the processor sends the same: one generation per model call', async () => {
    await processor.forceFlush();
    const delivered = sink.events();
    const sent = delivered.filter(
      (event) => event.properties.$ai_span_name === 'OpenAI Chat Completions',
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.event).toBe('$ai_generation');
    const llm = delivered.filter((event) => event.properties.$ai_span_name === 'ChatOpenAI');
    expect(llm.map((event) => event.event)).toEqual(['$ai_span']);
    expect(delivered.filter((event) => event.event === '$ai_generation')).toHaveLength(1);
    expect(sent[0]!.properties.$ai_total_cost_usd).toBeCloseTo(
      usd(USAGE.chain.input, GPT_4O_MINI.input) + usd(USAGE.chain.output, GPT_4O_MINI.output),
      12,
    );
  });

  it('a tool-calling agent: two model calls, two generations, never merged across turns', async () => {
    await withAppSpan('POST /agent', () => runAgent(mock));
    const events = await collect('langchain-openai-openinference-agent');
    const kept = generations(events);
    expect(kept.map((event) => event.properties.$ai_span_name)).toEqual([
      'OpenAI Chat Completions',
      'OpenAI Chat Completions',
    ]);
    expect(kept.map((event) => event.properties.$ai_input_tokens)).toEqual([
      USAGE.agentToolCall.input,
      USAGE.agentAnswer.input,
    ]);
    const llmSpans = events.filter((event) => event.properties.$ai_span_name === 'ChatOpenAI');
    expect(llmSpans.map((event) => event.event)).toEqual(['$ai_span', '$ai_span']);
    // Each demoted LangChain LLM span points at a different generation (never one for both turns).
    expect(llmSpans.map((event) => event.properties.$ai_duplicate_of).sort()).toEqual(
      kept.map((event) => event.properties.$ai_span_id).sort(),
    );
    // A generation moves under its LangChain LLM span when that span enclosed it in time. Which
    // of the two ends first is not stable under load, so a generation may also keep its own
    // parent (then it carries no $ai_original_parent_id); it never lands under the other turn.
    for (const generation of kept) {
      const own = llmSpans.find(
        (span) => span.properties.$ai_duplicate_of === generation.properties.$ai_span_id,
      )!;
      if (generation.properties.$ai_parent_id === own.properties.$ai_span_id) {
        expect(generation.properties.$ai_original_parent_id).toBeDefined();
      } else {
        expect(generation.properties.$ai_original_parent_id).toBeUndefined();
        expect(llmSpans.map((span) => span.properties.$ai_span_id)).not.toContain(
          generation.properties.$ai_parent_id,
        );
      }
    }
    expect(sumOverGenerations(events, '$ai_total_cost_usd')).toBeCloseTo(
      usd(USAGE.agentToolCall.input + USAGE.agentAnswer.input, GPT_4O_MINI.input) +
        usd(USAGE.agentToolCall.output + USAGE.agentAnswer.output, GPT_4O_MINI.output),
      12,
    );
  });

  it("streaming: the OpenAI span has no usage, so LangChain's span is the generation", async () => {
    await withAppSpan('POST /stream', () => runStream(mock));
    const events = await collect();
    const [kept] = generations(events);
    expect(generations(events)).toHaveLength(1);
    expect(kept!.properties).toMatchObject({
      $ai_span_name: 'ChatOpenAI',
      $ai_input_tokens: USAGE.stream.input,
      $ai_output_tokens: USAGE.stream.output,
    });
    const sdk = named(events, 'OpenAI Chat Completions');
    expect(sdk.event).toBe('$ai_span');
    expect(sdk.properties.$ai_duplicate_of).toBe(kept!.properties.$ai_span_id);
  });
});

describe('without a span around the work (a script, a queue worker)', () => {
  it('the OpenAI span roots a trace of its own: two generations (a limit of per-trace matching)', async () => {
    await runChain(mock);
    const events = await collect();
    expect(generations(events)).toHaveLength(2);
    const [a, b] = generations(events);
    expect(a!.properties.$ai_trace_id).not.toBe(b!.properties.$ai_trace_id);
  });
});
