/**
 * The OpenAI suite, shared by Node 20 (this package's tests: sdk-node 0.223, SDK 2.x,
 * instrumentation-openai 0.21) and Node 22 (packages/node-sdk-node22-tests: sdk-node 0.30x,
 * SDK 3.x, instrumentation-openai 0.22). Every app runs in its own child process, on the Node
 * running the tests, with the libraries installed under `runtime.libRoot`, against the mock
 * OpenAI server, sending to a capture server; the assertions are on the captured events.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  batchEvents,
  batchTokens,
  eventsByScenario,
  warningCount,
  type CapturedEvent,
} from './events';
import { runApp, type AppRun } from './run-app';

export interface SuiteRuntime {
  /** Shown in the describe titles. */
  label: string;
  /** A directory whose node_modules hold the OTel packages, openai and @llm-analytics/node-sdk. */
  libRoot: string;
  /** The ES-module app, placed where its static imports resolve to `libRoot`'s packages. */
  esmApp: string;
  /** Version of @opentelemetry/instrumentation-openai installed there. */
  instrumentationVersion: string;
  /** Version of the OpenTelemetry SDK (telemetry.sdk.version). */
  sdkVersion: string;
  /** Major version of the Node the apps must run on. */
  nodeMajor: number;
}

export const NODE_SDK_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_APP = join(NODE_SDK_ROOT, 'test/apps/scenarios.cjs');

const NO_LLM_SPANS = 'LLM_ANALYTICS_NO_LLM_SPANS';
const TOKEN = 'phc_node_sdk_suite';

// USD per million tokens, from @pydantic/genai-prices (the values core/test/golden pins).
// Costs below are worked out by hand: tokens × price / 1e6.
//   gpt-4o-mini: input 0.15, output 0.60; text-embedding-3-small: input 0.02.

interface Servers {
  mock: MockOpenAIServer;
  sink: CaptureServer;
}

async function startServers(): Promise<Servers> {
  const [mock, sink] = await Promise.all([startMockOpenAI(), startCaptureServer()]);
  return { mock, sink };
}

async function stopServers(servers: Servers | undefined): Promise<void> {
  await Promise.all([servers?.mock.close(), servers?.sink.close()]);
}

function appEnv(runtime: SuiteRuntime, servers: Servers, env: Record<string, string> = {}) {
  return {
    LIB_ROOT: runtime.libRoot,
    MOCK_URL: servers.mock.url,
    LLM_ANALYTICS_HOST: servers.sink.url,
    TOKEN,
    ...env,
  };
}

function expectCost(properties: Record<string, unknown>, input: number, output: number): void {
  expect(properties.$ai_input_cost_usd).toBeCloseTo(input, 15);
  expect(properties.$ai_output_cost_usd).toBeCloseTo(output, 15);
  expect(properties.$ai_total_cost_usd).toBeCloseTo(input + output, 15);
}

function expectCommon(runtime: SuiteRuntime, event: CapturedEvent, serviceName: string): void {
  const p = event.properties;
  expect(p.$ai_trace_id).toMatch(/^[0-9a-f]{32}$/);
  expect(p.$ai_span_id).toMatch(/^[0-9a-f]{16}$/);
  expect(p.$ai_provider).toBe('openai');
  expect(p.$ai_lib).toBe('@opentelemetry/instrumentation-openai');
  expect(p.$ai_lib_version).toBe(runtime.instrumentationVersion);
  expect(p['telemetry.sdk.version']).toBe(runtime.sdkVersion);
  expect(p['service.name']).toBe(serviceName);
  expect(p.$ai_base_url).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(p.$ai_latency).toBeGreaterThan(0);
  expect(p.$ai_latency).toBeLessThan(10);
  expect(p.$process_person_profile).toBe(false);
  expect(event.uuid).toMatch(/^[0-9a-f-]{36}$/);
  for (const key of Object.keys(p)) expect(key).not.toMatch(/^(gen_ai\.|host\.|process\.|os\.)/);
}

/** Chat, streaming, tools, embeddings, Responses API and errors through NodeSDK + our processors. */
export function describeOpenAIScenarios(runtime: SuiteRuntime): void {
  describe(`OpenAI through NodeSDK and createPostHogProcessors (${runtime.label})`, () => {
    let servers: Servers | undefined;
    let run: AppRun;
    let byScenario: Map<string, CapturedEvent[]>;
    const scenario = (name: string): CapturedEvent[] => {
      const events = byScenario.get(name);
      if (!events) throw new Error(`scenario ${name} did not run: ${run.stderr}`);
      return events;
    };
    const common = (event: CapturedEvent) => expectCommon(runtime, event, 'node-sdk-suite');

    beforeAll(async () => {
      servers = await startServers();
      run = await runApp(SCENARIO_APP, {
        env: appEnv(runtime, servers, {
          MARKERS: '1',
          SCENARIOS: [
            'chat',
            'chat-stream',
            'tools-two-turns',
            'embeddings',
            'responses',
            'responses-stream',
            'error-429',
            'error-500',
          ].join(','),
        }),
      });
      byScenario = eventsByScenario(servers.sink);
    }, 60_000);
    afterAll(() => stopServers(servers));

    it('runs the app cleanly, with the apiKey of the PostHog docs snippet, and no warning', () => {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`node v${runtime.nodeMajor}.`);
      expect(warningCount(run.stderr, NO_LLM_SPANS)).toBe(0);
      expect(new Set(batchTokens(servers!.sink.requests))).toEqual(new Set([TOKEN]));
    });

    it('chat: messages from the content log records, parameters, usage and cost', () => {
      const [event, ...rest] = scenario('chat');
      expect(rest).toEqual([]);
      expect(event!.event).toBe('$ai_generation');
      common(event!);
      const p = event!.properties;
      expect(p.$ai_span_name).toBe('chat gpt-4o-mini');
      expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
      expect(p.$ai_request_model).toBe('gpt-4o-mini');
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
      expect(p.$ai_input_tokens).toBe(30);
      expect(p.$ai_output_tokens).toBe(9);
      expect(p.$ai_temperature).toBe(0.7);
      expect(p.$ai_max_tokens).toBe(256);
      expect(p.$ai_stop_reason).toBe('stop');
      expect(p.$ai_response_id).toMatch(/^chatcmpl-mock-\d+$/);
      expect(p.$ai_parent_id).toBeUndefined();
      expect(p.$ai_is_error).toBeUndefined();
      // 30 × 0.15 / 1e6 and 9 × 0.60 / 1e6
      expectCost(p, 0.0000045, 0.0000054);
    });

    it('streaming: usage from the final chunk, output rebuilt from the stream', () => {
      const [event, ...rest] = scenario('chat-stream');
      expect(rest).toEqual([]);
      common(event!);
      const p = event!.properties;
      expect(p.$ai_input).toEqual([{ role: 'user', content: 'Write a haiku about telemetry.' }]);
      expect(p.$ai_output_choices).toEqual([
        {
          role: 'assistant',
          content: 'Echo: Write a haiku about telemetry.',
          finish_reason: 'stop',
        },
      ]);
      expect(p.$ai_input_tokens).toBe(14);
      expect(p.$ai_output_tokens).toBe(9);
      // 14 × 0.15 / 1e6 and 9 × 0.60 / 1e6
      expectCost(p, 0.0000021, 0.0000054);
    });

    it('tools over two turns: the tool call, then the tool call and its result in $ai_input', () => {
      const events = scenario('tools-two-turns');
      // The app's own `weather-agent` span has no AI attributes: only the model calls map.
      expect(events.map((e) => e.event)).toEqual(['$ai_generation', '$ai_generation']);
      const [first, second] = events.map((e) => e.properties);
      for (const event of events) common(event);
      expect(first!.$ai_trace_id).toBe(second!.$ai_trace_id);
      expect(first!.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
      expect(second!.$ai_parent_id).toBe(first!.$ai_parent_id);
      const toolCall = {
        id: 'call_mock_1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      };
      expect(first!.$ai_input).toEqual([
        { role: 'user', content: 'What is the weather in Paris?' },
      ]);
      expect(first!.$ai_output_choices).toEqual([
        { role: 'assistant', content: null, tool_calls: [toolCall], finish_reason: 'tool_calls' },
      ]);
      const toolResult = '{"city":"Paris","temperature":21,"unit":"celsius"}';
      expect(second!.$ai_input).toEqual([
        { role: 'user', content: 'What is the weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [toolCall] },
        { role: 'tool', content: toolResult, tool_call_id: 'call_mock_1' },
      ]);
      expect(second!.$ai_output_choices).toEqual([
        {
          role: 'assistant',
          content: `The get_weather tool returned: ${toolResult}`,
          finish_reason: 'stop',
        },
      ]);
      expect([first!.$ai_input_tokens, first!.$ai_output_tokens]).toEqual([84, 11]);
      expect([second!.$ai_input_tokens, second!.$ai_output_tokens]).toEqual([136, 21]);
      // 84 × 0.15 / 1e6, 11 × 0.60 / 1e6; then 136 × 0.15 / 1e6, 21 × 0.60 / 1e6
      expectCost(first!, 0.0000126, 0.0000066);
      expectCost(second!, 0.0000204, 0.0000126);
      expect(events[0]!.distinct_id).toBe(events[1]!.distinct_id);
    });

    it('embeddings: an $ai_embedding with input tokens and cost', () => {
      const [event, ...rest] = scenario('embeddings');
      expect(rest).toEqual([]);
      expect(event!.event).toBe('$ai_embedding');
      common(event!);
      const p = event!.properties;
      expect(p.$ai_model).toBe('text-embedding-3-small');
      expect(p.$ai_input_tokens).toBe(11);
      expect(p.$ai_output_tokens).toBeUndefined();
      // 11 × 0.02 / 1e6
      expect(p.$ai_total_cost_usd).toBeCloseTo(0.00000022, 15);
    });

    it('Responses API, plain and streamed: instructions and input from the operation details records', () => {
      for (const name of ['responses', 'responses-stream']) {
        const [event, ...rest] = scenario(name);
        expect(rest).toEqual([]);
        expect(event!.event).toBe('$ai_generation');
        common(event!);
        const p = event!.properties;
        expect(p.$ai_response_id).toMatch(/^resp_mock_\d+$/);
        expect(p.$ai_input).toEqual([
          { role: 'system', content: 'You are a concise assistant.' },
          { role: 'user', content: 'Name three primary colors.' },
        ]);
        expect(p.$ai_output_choices).toEqual([
          { role: 'assistant', content: 'Echo: Name three primary colors.', finish_reason: 'stop' },
        ]);
        expect([p.$ai_input_tokens, p.$ai_output_tokens]).toEqual([23, 8]);
        // 23 × 0.15 / 1e6 and 8 × 0.60 / 1e6
        expectCost(p, 0.00000345, 0.0000048);
      }
    });

    it('a 429 and a 500: $ai_is_error, $ai_error, $ai_http_status, and no cost', () => {
      for (const [name, status, type] of [
        ['error-429', 429, 'RateLimitError'],
        ['error-500', 500, 'InternalServerError'],
      ] as const) {
        const [event, ...rest] = scenario(name);
        expect(rest).toEqual([]);
        expect(event!.event).toBe('$ai_generation');
        common(event!);
        const p = event!.properties;
        expect(p.$ai_is_error).toBe(true);
        expect(p.$ai_error).toMatch(new RegExp(`^${status} `));
        expect(p.$ai_error_type).toBe(type);
        expect(p.$ai_http_status).toBe(status);
        expect(p.$ai_input).toEqual([{ role: 'user', content: 'Hello?' }]);
        expect(p.$ai_total_cost_usd).toBeUndefined();
        expect(p.$ai_cost_error).toBe('no token counts');
      }
      expect(scenario('error-429')[0]!.properties.$ai_error).toContain('Rate limit reached');
    });
  });
}

/** The PostHog snippet as an ES-module app: nothing without the loader hook, events with it. */
export function describeEsmApp(runtime: SuiteRuntime): void {
  describe(`an ES-module app (${runtime.label})`, () => {
    let servers: Servers | undefined;
    beforeAll(async () => {
      servers = await startServers();
    });
    afterAll(() => stopServers(servers));
    const esmRun = (nodeArgs: string[], env: Record<string, string> = {}) => {
      servers!.sink.reset();
      // Run from the app's directory, where `--import @llm-analytics/node-sdk/register` resolves.
      return runApp(runtime.esmApp, {
        nodeArgs,
        cwd: dirname(runtime.esmApp),
        env: appEnv(runtime, servers!, env),
      });
    };

    it('without --import: no span, no event, and one clear warning', async () => {
      const run = await esmRun([]);
      expect(run.code, run.stderr).toBe(0);
      expect(batchEvents(servers!.sink.requests)).toEqual([]);
      expect(warningCount(run.stderr, NO_LLM_SPANS)).toBe(1);
      expect(run.stderr).toContain('no LLM span was recorded');
      expect(run.stderr).toContain('node --import @llm-analytics/node-sdk/register');
    });

    it('with --import @llm-analytics/node-sdk/register: the event arrives, no warning', async () => {
      const run = await esmRun(['--import', '@llm-analytics/node-sdk/register']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('LLM_ANALYTICS_');
      const [event, ...rest] = batchEvents(servers!.sink.requests);
      expect(rest).toEqual([]);
      expect(event!.event).toBe('$ai_generation');
      expectCommon(runtime, event!, 'node-sdk-esm-app');
      const p = event!.properties;
      expect([p.$ai_input_tokens, p.$ai_output_tokens]).toEqual([14, 9]);
      // 14 × 0.15 / 1e6 and 9 × 0.60 / 1e6
      expectCost(p, 0.0000021, 0.0000054);
      // The snippet leaves the instrumentation's content capture off: no messages are sent.
      expect(p.$ai_input).toBeUndefined();
      expect(p.$ai_output_choices).toBeUndefined();
    });

    it('with the flag and createPostHogProcessors: messages too', async () => {
      const run = await esmRun(['--import', '@llm-analytics/node-sdk/register'], {
        FULL_SETUP: '1',
      });
      expect(run.code, run.stderr).toBe(0);
      const [event] = batchEvents(servers!.sink.requests);
      expect(event!.properties.$ai_input).toEqual([
        { role: 'user', content: 'What is the capital of France?' },
      ]);
      expect(event!.properties.$ai_output_choices).toEqual([
        {
          role: 'assistant',
          content: 'Echo: What is the capital of France?',
          finish_reason: 'stop',
        },
      ]);
    });
  });
}

/** What happens at the end of a process, and when the warning must stay quiet. */
export function describeExitPaths(runtime: SuiteRuntime): void {
  describe(`process exit paths and the uninstrumented-call warning (${runtime.label})`, () => {
    let servers: Servers | undefined;
    beforeAll(async () => {
      servers = await startServers();
    });
    afterAll(() => stopServers(servers));
    const cjsRun = (
      env: Record<string, string>,
      onStdout?: Parameters<typeof runApp>[1]['onStdout'],
    ) => {
      servers!.sink.reset();
      return runApp(SCENARIO_APP, { env: appEnv(runtime, servers!, env), onStdout });
    };

    it('SIGTERM handled with sdk.shutdown(): the events are delivered (projectToken)', async () => {
      const run = await cjsRun(
        { SCENARIOS: 'chat,embeddings', EXIT: 'sigterm', TOKEN_OPTION: 'projectToken' },
        (child, stdout) => {
          if (stdout.includes('ready\n')) child.kill('SIGTERM');
        },
      );
      expect(run.code, run.stderr).toBe(0);
      const events = batchEvents(servers!.sink.requests);
      expect(events.map((e) => e.event).sort()).toEqual(['$ai_embedding', '$ai_generation']);
      expect(new Set(batchTokens(servers!.sink.requests))).toEqual(new Set([TOKEN]));
    });

    it('a script that ends without shutdown(): flushed when the event loop empties', async () => {
      const run = await cjsRun({ SCENARIOS: 'chat', EXIT: 'none' });
      expect(run.code, run.stderr).toBe(0);
      expect(batchEvents(servers!.sink.requests).map((e) => e.event)).toEqual(['$ai_generation']);
    });

    it('no warning for an app that loaded openai but made no call yet', async () => {
      const run = await cjsRun({ SCENARIOS: '', EXIT: 'shutdown' });
      expect(run.code, run.stderr).toBe(0);
      expect(warningCount(run.stderr, NO_LLM_SPANS)).toBe(0);
      expect(servers!.sink.requests).toEqual([]);
    });

    it('openai required before sdk.start(): no span, one warning with the CommonJS advice', async () => {
      const run = await cjsRun({ SCENARIOS: 'chat,embeddings', REQUIRE_CLIENT_FIRST: '1' });
      expect(run.code, run.stderr).toBe(0);
      expect(batchEvents(servers!.sink.requests)).toEqual([]);
      expect(warningCount(run.stderr, NO_LLM_SPANS)).toBe(1);
      expect(run.stderr).toContain('before the first require of the client library');
    });
  });
}
