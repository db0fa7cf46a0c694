/**
 * What every captured scenario must map to, shared by the golden tests (fixture files) and the
 * live tests (the installed SDK run against the mock now). The scenarios are in
 * scripts/traceloop-scenarios.mjs; the mock's answers and token counts are deterministic
 * (`Echo: <question>`, `ceil(chars / 4)` per text + 3 per message + 3 per request).
 */
import { expect } from 'vitest';
import type { AiEvent } from '@llm-analytics/core';
import type { ScenarioResult } from './fixtures';

export interface Flavor {
  /** `current`: the gen_ai.* form; `legacy`: 0.16's indexed form. */
  form: 'current' | 'legacy';
  /** Name of the OpenAI chat span. */
  chatSpanName: string;
  /** Version of `@traceloop/instrumentation-openai`. */
  openaiLibVersion: string;
  /** Version of the SDK's own scope (0.16 sets none). */
  sdkLibVersion: string | undefined;
  /** `appName` given to `initialize`. */
  serviceName: string;
}

// USD per million tokens from @pydantic/genai-prices (the core's pricing tests pin them).
const GPT_4O_MINI = { input: 0.15, output: 0.6 };
const usd = (tokens: number, perMillion: number) => (tokens * perMillion) / 1e6;

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
  },
};
const WEATHER_RESULT = '{"city":"Paris","temperature":21,"unit":"celsius"}';
const WEATHER_ARGUMENTS = '{"city":"Paris","unit":"celsius"}';

type Properties = Record<string, unknown>;

/** Hand-computed gpt-4o-mini cost, asserted on the three cost properties. */
export function expectGpt4oMiniCost(p: Properties, input: number, output: number): void {
  const inputCost = usd(input, GPT_4O_MINI.input);
  const outputCost = usd(output, GPT_4O_MINI.output);
  expect(p.$ai_input_tokens).toBe(input);
  expect(p.$ai_output_tokens).toBe(output);
  expect(p.$ai_total_tokens).toBe(input + output);
  expect(p.$ai_input_cost_usd).toBeCloseTo(inputCost, 12);
  expect(p.$ai_output_cost_usd).toBeCloseTo(outputCost, 12);
  expect(p.$ai_total_cost_usd).toBeCloseTo(inputCost + outputCost, 12);
}

/** No raw Traceloop / GenAI key travels next to the `$ai_*` property it was mapped to. */
function expectNoMappedKeys(p: Properties): void {
  for (const key of Object.keys(p)) {
    expect(key).not.toMatch(/^(gen_ai\.|llm\.|host\.|process\.|traceloop\.association\.)/);
    if (key.startsWith('traceloop.')) {
      expect(['traceloop.span.kind', 'traceloop.entity.path']).toContain(key);
    }
  }
}

function expectEveryEvent(events: AiEvent[], flavor: Flavor): void {
  for (const { properties: p, uuid } of events) {
    expect(p.$ai_trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(p.$ai_span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.$ai_latency).toBeGreaterThan(0);
    expect(p.$ai_latency).toBeLessThan(10);
    expect(p['service.name']).toBe(flavor.serviceName);
    expectNoMappedKeys(p);
  }
}

/** What every OpenAI chat generation of Traceloop carries. */
function expectGeneration(event: AiEvent | undefined, flavor: Flavor): Properties {
  expect(event?.event).toBe('$ai_generation');
  const p = event!.properties;
  expect(p.$ai_span_name).toBe(flavor.chatSpanName);
  expect(p.$ai_provider).toBe('openai');
  expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
  expect(p.$ai_request_model).toBe('gpt-4o-mini');
  expect(p.$ai_operation).toBe('chat');
  expect(p.$ai_lib).toBe('@traceloop/instrumentation-openai');
  expect(p.$ai_lib_version).toBe(flavor.openaiLibVersion);
  expect(p.$ai_framework).toBe('traceloop');
  expect(p.$ai_is_error).toBeUndefined();
  if (flavor.form === 'current')
    expect(p.$ai_response_id).toMatch(/^(chatcmpl-mock-|resp_mock_)\d+$/);
  // 0.16 records no response id.
  else expect(p.$ai_response_id).toBeUndefined();
  return p;
}

/** What every workflow / task / agent / tool span of the SDK carries. */
function expectEntity(event: AiEvent | undefined, flavor: Flavor, kind: string): Properties {
  const p = event!.properties;
  expect(p.$ai_lib).toBe('@traceloop/node-server-sdk');
  expect(p.$ai_lib_version).toBe(flavor.sdkLibVersion);
  expect(p.$ai_framework).toBe('traceloop');
  expect(p['traceloop.span.kind']).toBe(kind);
  expect(p.$ai_model).toBeUndefined();
  expect(p.$ai_input).toBeUndefined();
  // Spans are never costed.
  expect(p.$ai_total_cost_usd).toBeUndefined();
  return p;
}

function bySpanName(events: AiEvent[], name: string): AiEvent[] {
  return events.filter((event) => event.properties.$ai_span_name === name);
}

/** One anonymous person per trace: every event on the same derived id, no person profile. */
function expectAnonymousTrace(events: AiEvent[]): void {
  const traceIds = new Set(events.map((event) => event.properties.$ai_trace_id));
  expect(traceIds.size).toBe(1);
  expect(new Set(events.map((event) => event.distinct_id)).size).toBe(1);
  for (const event of events) expect(event.properties.$process_person_profile).toBe(false);
}

function expectNothingExported({ spans, result }: ScenarioResult): void {
  expect(spans).toEqual([]);
  expect(result.events).toEqual([]);
}

export type ScenarioExpectation = (scenario: ScenarioResult) => void;

/** Scenario name → assertions, for one form. */
export function scenarioExpectations(flavor: Flavor): Record<string, ScenarioExpectation> {
  const current = flavor.form === 'current';
  return {
    chat({ result }) {
      expect(result.events).toHaveLength(1);
      expectEveryEvent(result.events, flavor);
      const event = result.events[0]!;
      const p = expectGeneration(event, flavor);
      expect(p.$ai_parent_id).toBeUndefined();
      expect(p.$ai_trace_name).toBe(flavor.chatSpanName);
      expect(p.$ai_input).toEqual([
        { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
        { role: 'user', content: 'What is the capital of France?' },
      ]);
      expect(p.$ai_output_choices).toEqual([
        {
          role: 'assistant',
          content: 'Echo: What is the capital of France?',
          finish_reason: 'stop',
        },
      ]);
      expect(p.$ai_stop_reason).toBe('stop');
      expect(p.$ai_temperature).toBe(0.7);
      expect(p.$ai_max_tokens).toBe(256);
      expect(p.$ai_model_parameters).toEqual({ temperature: 0.7, max_tokens: 256 });
      expect(p.$ai_tools).toBeUndefined();
      expect(p.$ai_usage_estimated).toBeUndefined();
      if (current) expect(p.$ai_response_id).toBe('chatcmpl-mock-1');
      expectGpt4oMiniCost(p, 30, 9);
      expect(p.$process_person_profile).toBe(false);
    },

    'chat-stream'({ result }) {
      expect(result.events).toHaveLength(1);
      expectEveryEvent(result.events, flavor);
      const p = expectGeneration(result.events[0], flavor);
      expect(p.$ai_input).toEqual([{ role: 'user', content: 'Write a haiku about telemetry.' }]);
      expect(p.$ai_output_choices).toEqual([
        {
          role: 'assistant',
          content: 'Echo: Write a haiku about telemetry.',
          finish_reason: 'stop',
        },
      ]);
      // The API reported 14 input tokens in the stream's usage chunk; Traceloop ignores it and
      // counts the message text with tiktoken (7). The span carries no stream flag, so nothing
      // tells this estimate from a real count (see the README).
      expectGpt4oMiniCost(p, 7, 9);
      expect(p.$ai_stream).toBeUndefined();
      expect(p.$ai_usage_estimated).toBeUndefined();
    },

    'tools-two-turns'({ result }) {
      // No enclosing workflow: each call is its own trace.
      expect(result.events).toHaveLength(2);
      expectEveryEvent(result.events, flavor);
      const [first, second] = result.events.map((event) => expectGeneration(event, flavor));
      expect(first!.$ai_trace_id).not.toBe(second!.$ai_trace_id);
      expect(first!.$ai_tools).toEqual([WEATHER_TOOL]);
      expect(second!.$ai_tools).toEqual([WEATHER_TOOL]);
      expect(first!.$ai_input).toEqual([
        { role: 'user', content: 'What is the weather in Paris?' },
      ]);
      const call = current
        ? {
            id: 'call_mock_1',
            type: 'function',
            function: { name: 'get_weather', arguments: WEATHER_ARGUMENTS },
          }
        : // 0.16 records no tool call id.
          { type: 'function', function: { name: 'get_weather', arguments: WEATHER_ARGUMENTS } };
      // Current releases use the OTel singular finish reason, 0.16 OpenAI's own.
      const finish = current ? 'tool_call' : 'tool_calls';
      expect(first!.$ai_output_choices).toEqual([
        { role: 'assistant', content: null, tool_calls: [call], finish_reason: finish },
      ]);
      expect(first!.$ai_stop_reason).toBe(finish);
      expect(second!.$ai_input).toEqual(
        current
          ? [
              { role: 'user', content: 'What is the weather in Paris?' },
              { role: 'assistant', content: null, tool_calls: [call] },
              { role: 'tool', content: WEATHER_RESULT, tool_call_id: 'call_mock_1' },
            ]
          : [
              { role: 'user', content: 'What is the weather in Paris?' },
              // 0.16 drops the tool calls of input messages and the tool message's call id.
              { role: 'assistant', content: null },
              { role: 'tool', content: WEATHER_RESULT },
            ],
      );
      expect(second!.$ai_output_choices).toEqual([
        {
          role: 'assistant',
          content: `The get_weather tool returned: ${WEATHER_RESULT}`,
          finish_reason: 'stop',
        },
      ]);
      expectGpt4oMiniCost(first!, 84, 11);
      expectGpt4oMiniCost(second!, 136, 21);
    },

    responses(scenario) {
      if (!current) return expectNothingExported(scenario); // 0.16 does not instrument it.
      const { events } = scenario.result;
      expect(events).toHaveLength(1);
      expectEveryEvent(events, flavor);
      const p = expectGeneration(events[0], flavor);
      expect(p.$ai_response_id).toMatch(/^resp_mock_\d+$/);
      // Traceloop records the `input` only: the `instructions` never reach the span.
      expect(p.$ai_input).toEqual([{ role: 'user', content: 'Name three primary colors.' }]);
      expect(p.$ai_output_choices).toEqual([
        { role: 'assistant', content: 'Echo: Name three primary colors.', finish_reason: 'stop' },
      ]);
      expect(p.$ai_temperature).toBe(0.5);
      expect(p.$ai_max_tokens).toBe(128);
      expectGpt4oMiniCost(p, 23, 8);
    },

    'responses-stream'(scenario) {
      if (!current) return expectNothingExported(scenario);
      const { events } = scenario.result;
      expect(events).toHaveLength(1);
      const p = events[0]!.properties;
      // The span ends when the stream opens: request attributes only.
      expect(events[0]!.event).toBe('$ai_generation');
      expect(p.$ai_model).toBe('gpt-4o-mini');
      expect(p.$ai_input).toEqual([{ role: 'user', content: 'Count to three.' }]);
      expect(p.$ai_output_choices).toBeUndefined();
      expect(p.$ai_input_tokens).toBeUndefined();
      expect(p.$ai_total_cost_usd).toBeUndefined();
      expect(p.$ai_cost_error).toBe('no token counts');
    },

    'responses-stream-429'(scenario) {
      if (!current) return expectNothingExported(scenario);
      const { events } = scenario.result;
      expect(events).toHaveLength(1);
      const p = events[0]!.properties;
      expect(events[0]!.event).toBe('$ai_generation');
      expect(p.$ai_is_error).toBe(true);
      expect(p.$ai_http_status).toBe(429);
      // `exception.type` is the OpenAI error code (the SDK's recordException prefers `code`).
      expect(p.$ai_error_type).toBe('rate_limit_exceeded');
      expect(p.$ai_error).toMatch(/^rate_limit_exceeded: 429 Rate limit reached for gpt-4o-mini/);
      expect(p.$ai_input).toEqual([{ role: 'user', content: 'Rate limited.' }]);
      expect(p.$ai_output_choices).toBeUndefined();
    },

    workflow({ result }) {
      const { events } = result;
      expect(events).toHaveLength(5);
      expectEveryEvent(events, flavor);
      expectAnonymousTrace(events);
      const [root] = events.filter((event) => event.event === '$ai_trace');
      const rootProperties = expectEntity(root, flavor, 'workflow');
      expect(rootProperties.$ai_parent_id).toBeUndefined();
      expect(rootProperties.$ai_span_name).toBe('plan_trip');
      expect(rootProperties.$ai_span_kind).toBe('chain');
      expect(rootProperties.$ai_input_state).toEqual({ city: 'Paris', days: 2 });
      expect(rootProperties.$ai_output_state).toEqual({
        city: 'Paris',
        days: 2,
        summary: 'Echo: Summarize: Echo: List sights in Paris.',
      });
      const [research] = bySpanName(events, 'research');
      const [summarize] = bySpanName(events, 'summarize');
      for (const [task, input, output] of [
        [research, 'Paris', 'Echo: List sights in Paris.'],
        [summarize, 'Echo: List sights in Paris.', 'Echo: Summarize: Echo: List sights in Paris.'],
      ] as const) {
        expect(task?.event).toBe('$ai_span');
        const p = expectEntity(task, flavor, 'task');
        expect(p.$ai_parent_id).toBe(rootProperties.$ai_span_id);
        expect(p.$ai_span_kind).toBe('chain');
        expect(p.$ai_input_state).toBe(input);
        expect(p.$ai_output_state).toBe(output);
        // A top-level task has an empty path, which is dropped.
        expect(p['traceloop.entity.path']).toBeUndefined();
      }
      const generations = events.filter((event) => event.event === '$ai_generation');
      expect(generations).toHaveLength(2);
      const [first, second] = generations.map((event) => expectGeneration(event, flavor));
      expect(first!.$ai_parent_id).toBe(research!.properties.$ai_span_id);
      expect(second!.$ai_parent_id).toBe(summarize!.properties.$ai_span_id);
      expect(first!['traceloop.entity.path']).toBe('research');
      expect(second!['traceloop.entity.path']).toBe('summarize');
      expect(first!.$ai_input).toEqual([{ role: 'user', content: 'List sights in Paris.' }]);
      expectGpt4oMiniCost(first!, 12, 7);
      expectGpt4oMiniCost(second!, 16, 11);
      for (const event of events) expect(event.properties.$ai_trace_name).toBe('plan_trip');
    },

    agent({ result }) {
      const { events } = result;
      expect(events).toHaveLength(4);
      expectEveryEvent(events, flavor);
      expectAnonymousTrace(events);
      const [root] = events.filter((event) => event.event === '$ai_trace');
      const agent = expectEntity(root, flavor, 'agent');
      expect(agent.$ai_span_name).toBe('weather_agent');
      expect(agent.$ai_span_kind).toBe('agent');
      expect(agent.$ai_agent_name).toBe('weather_agent');
      expect(agent.$ai_input_state).toBe('What is the weather in Paris?');
      expect(agent.$ai_output_state).toBe(`The get_weather tool returned: ${WEATHER_RESULT}`);
      const [toolEvent] = bySpanName(events, 'get_weather');
      expect(toolEvent?.event).toBe('$ai_span');
      const tool = expectEntity(toolEvent, flavor, 'tool');
      expect(tool.$ai_parent_id).toBe(agent.$ai_span_id);
      expect(tool.$ai_span_kind).toBe('tool');
      // withTool got one object argument: the kwargs are the input.
      expect(tool.$ai_input_state).toEqual({ city: 'Paris', unit: 'celsius' });
      expect(tool.$ai_output_state).toEqual({ city: 'Paris', temperature: 21, unit: 'celsius' });
      const generations = events.filter((event) => event.event === '$ai_generation');
      expect(generations).toHaveLength(2);
      const [first, second] = generations.map((event) => expectGeneration(event, flavor));
      for (const p of [first!, second!]) {
        expect(p.$ai_parent_id).toBe(agent.$ai_span_id);
        expect(p.$ai_trace_name).toBe('weather_agent');
        expect(p.$ai_tools).toEqual([WEATHER_TOOL]);
      }
      // Current releases put gen_ai.agent.name on every span under the agent; 0.16 on none.
      const agentName = current ? 'weather_agent' : undefined;
      expect(first!.$ai_agent_name).toBe(agentName);
      expect(tool.$ai_agent_name).toBe(agentName);
      const toolCall = (first!.$ai_output_choices as Array<{ tool_calls: unknown[] }>)[0]!
        .tool_calls[0];
      expect(toolCall).toMatchObject({
        type: 'function',
        function: { name: 'get_weather', arguments: WEATHER_ARGUMENTS },
      });
      expectGpt4oMiniCost(first!, 84, 11);
      expectGpt4oMiniCost(second!, 136, 21);
    },

    association({ result }) {
      const { events } = result;
      expect(events).toHaveLength(3);
      expectEveryEvent(events, flavor);
      expect(events.map((event) => event.event).sort()).toEqual([
        '$ai_generation',
        '$ai_span',
        '$ai_trace',
      ]);
      for (const { distinct_id, properties: p } of events) {
        expect(distinct_id).toBe('user-42');
        expect(p.$ai_session_id).toBe('session-7');
        expect(p.$process_person_profile).toBeUndefined();
        // Association properties travel without their prefix.
        expect(p.tenant).toBe('acme');
        expect(p.user_id).toBe('user-42');
        expect(p.session_id).toBe('session-7');
        expect(p.$ai_trace_name).toBe('support_chat');
      }
      const [generation] = events.filter((event) => event.event === '$ai_generation');
      const p = expectGeneration(generation, flavor);
      expect(p.$ai_input).toEqual([{ role: 'user', content: 'How do I reset my password?' }]);
      expectGpt4oMiniCost(p, 13, 9);
      const [task] = bySpanName(events, 'answer');
      expect(expectEntity(task, flavor, 'task').$ai_input_state).toBe(
        'How do I reset my password?',
      );
    },

    // A failed chat call's span is never ended: nothing is exported, streamed or not.
    'error-429': expectNothingExported,
    'error-500': expectNothingExported,
    'chat-stream-429': expectNothingExported,

    'workflow-error'({ result }) {
      // The workflow span never ends; its task and the task's call are exported and point at it.
      const { events } = result;
      expect(events).toHaveLength(2);
      expect(events.filter((event) => event.event === '$ai_trace')).toEqual([]);
      const [task] = bySpanName(events, 'lookup');
      const taskProperties = expectEntity(task, flavor, 'task');
      expect(task!.event).toBe('$ai_span');
      expect(taskProperties.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
      expect(events.map((event) => event.properties.$ai_span_id)).not.toContain(
        taskProperties.$ai_parent_id,
      );
      for (const event of events) {
        expect(event.properties.$ai_is_error).toBeUndefined();
        expect(event.properties.$ai_trace_name).toBe('failing_flow');
      }
      const [generation] = events.filter((event) => event.event === '$ai_generation');
      expect(expectGeneration(generation, flavor).$ai_parent_id).toBe(taskProperties.$ai_span_id);
    },

    // Traceloop does not instrument embeddings.create.
    embeddings: expectNothingExported,

    'foreign-scope'({ spans, result }) {
      // initialize() keeps spans of other instrumentation scopes (allowedInstrumentationLibraries: all).
      expect(spans.map((span) => span.scope.name)).toContain('traceloop-fixtures-app');
      const { events } = result;
      expect(events).toHaveLength(3);
      const [foreign] = bySpanName(events, 'db.lookup');
      // It counts as an AI span: Traceloop stamps traceloop.workflow.name on it.
      expect(foreign?.event).toBe('$ai_span');
      expect(foreign!.properties.$ai_trace_name).toBe('with_foreign_span');
      expect(foreign!.properties['db.system']).toBe('postgresql');
      const [root] = events.filter((event) => event.event === '$ai_trace');
      const p = expectEntity(root, flavor, 'workflow');
      // Called without arguments and returning nothing: no state.
      expect(p.$ai_input_state).toBeUndefined();
      expect(p.$ai_output_state).toBeUndefined();
      expect(foreign!.properties.$ai_parent_id).toBe(p.$ai_span_id);
    },
  };
}

export const CURRENT_FLAVOR: Flavor = {
  form: 'current',
  chatSpanName: 'chat gpt-4o-mini',
  openaiLibVersion: '0.27.0',
  sdkLibVersion: '0.27.0',
  serviceName: 'traceloop-fixtures',
};

export const LEGACY_FLAVOR: Flavor = {
  form: 'legacy',
  chatSpanName: 'openai.chat',
  openaiLibVersion: '0.16.0',
  sdkLibVersion: undefined,
  serviceName: 'traceloop-legacy-fixtures',
};
