/* eslint-disable no-restricted-syntax -- hostile attribute values spell raw keys on purpose */
/**
 * Host-app safety: faults injected at every SDK stage (hooks, normalizers, pricing, fetch,
 * attribute values, span lifecycle, shutdown mid-export, the diag logger, options). Figure:
 * exceptions that reached the application: thrown from our calls, rejected or hung awaited
 * calls, uncaught exceptions and unhandled rejections.
 */
import { spawn } from 'node:child_process';
import { diag, DiagLogLevel, SpanKind, type Attributes } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import {
  PostHogLogRecordProcessor,
  PostHogSpanProcessor,
  PostHogTraceExporter,
  type PostHogExportOptions,
} from '@llm-analytics/core';
import { AppGuard } from '../lib/app-guard';
import type { Log, ScenarioResult } from '../lib/figures';
import { startSlowServer } from '../lib/slow-server';
import { chatAttributes } from '../lib/spans';
import { sleep } from '../lib/time';

interface CaseContext {
  guard: AppGuard;
  host: string;
}

/** A provider with our processor; every app-side call goes through the guard. */
async function withApp(
  { guard, host }: CaseContext,
  options: PostHogExportOptions,
  run: (app: {
    processor: PostHogSpanProcessor;
    end: (attributes?: Attributes, name?: string) => void;
    tracer: ReturnType<BasicTracerProvider['getTracer']>;
  }) => Promise<void> | void,
): Promise<void> {
  const processor = guard.call(
    'new PostHogSpanProcessor',
    () =>
      new PostHogSpanProcessor({
        apiKey: 'phc_host_app',
        host,
        flushIntervalMs: 20,
        traceWaitMs: 0,
        retryBaseDelayMs: 10,
        requestTimeoutMs: 300,
        maxAttempts: 2,
        ...options,
      }),
  );
  if (!processor) return;
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const tracer = provider.getTracer('host-app');
  const end = (
    attributes: Attributes = chatAttributes(`host ${Math.random()}`),
    name = 'chat gpt-4o-mini',
  ) =>
    guard.call('span.end', () =>
      tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }).end(),
    );
  await run({ processor, end, tracer });
  await guard.await('forceFlush', processor.forceFlush(), 20_000);
  await guard.await('provider.shutdown', provider.shutdown(), 20_000);
}

const throwing = (what: string) => () => {
  throw new Error(`${what} fault`);
};

type Case = [name: string, run: (context: CaseContext) => Promise<void>];

function circular(): Record<string, unknown> {
  const value: Record<string, unknown> = {
    event: '$ai_generation',
    distinct_id: 'x',
    uuid: 'u',
    timestamp: 't',
  };
  value['properties'] = value;
  return value;
}

const CASES: Case[] = [
  [
    'shouldExportSpan throws',
    (c) => withApp(c, { shouldExportSpan: throwing('filter hook') }, ({ end }) => end()),
  ],
  [
    'beforeSend throws',
    (c) => withApp(c, { beforeSend: throwing('beforeSend') }, ({ end }) => end()),
  ],
  ...(
    [
      ['a string', () => 'event'],
      ['a number', () => 5],
      ['a circular object', circular],
      [
        'a BigInt property',
        (event: Record<string, unknown>) => ({ ...event, properties: { n: 10n } }),
      ],
      ['null properties', (event: Record<string, unknown>) => ({ ...event, properties: null })],
      [
        'a getter that throws',
        (event: Record<string, unknown>) =>
          Object.defineProperty({ ...event }, 'properties', {
            get: throwing('getter'),
            enumerable: true,
          }),
      ],
    ] as Array<[string, (event: Record<string, unknown>) => unknown]>
  ).map(([what, hook]): Case => [
    `beforeSend returns ${what}`,
    (c) => withApp(c, { beforeSend: hook as never }, ({ end }) => end()),
  ]),
  [
    'a normalizer throws in matches and normalize',
    (c) =>
      withApp(
        c,
        {
          normalizers: [
            { name: 'faulty', matches: throwing('matches'), normalize: throwing('normalize') },
            { name: 'faulty2', matches: () => true, normalize: throwing('normalize') },
          ],
        },
        ({ end }) => end(),
      ),
  ],
  ['the price stage throws', (c) => withApp(c, { price: throwing('price') }, ({ end }) => end())],
  [
    'fetch throws synchronously',
    (c) => withApp(c, { fetch: throwing('fetch') as never }, ({ end }) => end()),
  ],
  [
    'fetch rejects',
    (c) =>
      withApp(c, { fetch: () => Promise.reject(new TypeError('fetch failed')) }, ({ end }) =>
        end(),
      ),
  ],
  [
    'fetch hangs and ignores the abort signal',
    (c) => withApp(c, { fetch: () => new Promise<Response>(() => undefined) }, ({ end }) => end()),
  ],
  [
    'fetch resolves to undefined',
    (c) => withApp(c, { fetch: (async () => undefined) as never }, ({ end }) => end()),
  ],
  [
    'fetch resolves to a plain object',
    (c) => withApp(c, { fetch: (async () => ({ ok: true })) as never }, ({ end }) => end()),
  ],
  [
    'the response body errors',
    (c) =>
      withApp(
        c,
        {
          fetch: async () =>
            new Response(
              new ReadableStream({
                pull: (controller) => controller.error(new Error('body fault')),
              }),
              { status: 200 },
            ),
        },
        ({ end }) => end(),
      ),
  ],
  [
    'the response body never ends',
    (c) =>
      withApp(
        c,
        {
          fetch: async () =>
            new Response(new ReadableStream({ pull: () => new Promise(() => undefined) }), {
              status: 503,
            }),
        },
        ({ end }) => end(),
      ),
  ],
  ...['-1', 'abc', '99999999', 'Wed, 21 Oct 2015 07:28:00 GMT', ''].map((retryAfter): Case => [
    `429 with Retry-After "${retryAfter}"`,
    (c) =>
      withApp(
        c,
        {
          maxAttempts: 2,
          fetch: async () =>
            new Response('', { status: 429, headers: { 'retry-after': retryAfter } }),
        },
        ({ end }) => end(),
      ),
  ]),
  ...[400, 401, 413, 500, 502].map((status): Case => [
    `HTTP ${status}`,
    (c) => withApp(c, { fetch: async () => new Response('', { status }) }, ({ end }) => end()),
  ]),
  [
    'invalid attribute values',
    (c) =>
      withApp(c, {}, ({ end }) => {
        end({
          ...chatAttributes('nan'),
          'gen_ai.usage.input_tokens': Number.NaN,
          'gen_ai.usage.output_tokens': Infinity,
        });
        end({
          ...chatAttributes('mixed'),
          weird: [1, 'a', true] as never,
          nested: [[1]] as never,
          object: { a: 1 } as never,
        });
        end({
          ...chatAttributes('symbol'),
          symbol: Symbol('s') as never,
          fn: (() => 1) as never,
          big: 10n as never,
        });
        end({
          ...chatAttributes('json'),
          'gen_ai.input.messages': '[{bad json',
          'gen_ai.output.messages': '['.repeat(100_000) + ']'.repeat(100_000),
        });
        end({
          ...chatAttributes('huge'),
          'gen_ai.input.messages': JSON.stringify([
            { role: 'user', content: 'x'.repeat(5_000_000) },
          ]),
        });
        end({
          ...chatAttributes('array'),
          big_array: Array.from({ length: 200_000 }, (_, index) => index),
        });
        end(
          JSON.parse(
            '{"__proto__":{"polluted":1},"gen_ai.operation.name":"chat","gen_ai.request.model":"m","constructor":"x"}',
          ) as Attributes,
        );
        end({
          'gen_ai.prompt.99999999.content': 'sparse',
          'gen_ai.system': 'openai',
          'gen_ai.prompt.4294967295.role': 'user',
        });
      }),
  ],
  [
    'a span ended twice, and handed to onEnd twice',
    (c) =>
      withApp(c, {}, ({ processor, tracer }) => {
        const span = tracer.startSpan('chat', { attributes: chatAttributes('twice') });
        c.guard.call('end', () => span.end());
        c.guard.call('end again', () => span.end());
        c.guard.call('onEnd again', () => processor.onEnd(span as never));
      }),
  ],
  [
    'span-like objects that throw',
    (c) =>
      withApp(c, {}, ({ processor }) => {
        const hostile = new Proxy({}, { get: throwing('proxy get') });
        for (const span of [
          null,
          undefined,
          {},
          hostile,
          { spanContext: throwing('spanContext') },
          {
            spanContext: () => ({ traceId: 'a', spanId: 'b' }),
            get attributes() {
              throw new Error('attributes fault');
            },
          },
        ])
          for (const call of ['onStart', 'onEnd'] as const)
            c.guard.call(call, () => processor[call](span as never, undefined as never));
      }),
  ],
  [
    'shutdown during an export',
    (c) =>
      withApp(
        c,
        { fetch: async () => (await sleep(200), new Response('{}', { status: 200 })) },
        async ({ processor, end }) => {
          for (let index = 0; index < 50; index++) end();
          const flushing = c.guard.await('forceFlush', processor.forceFlush());
          await sleep(50);
          await Promise.all([
            c.guard.await('shutdown', processor.shutdown()),
            c.guard.await('shutdown again', processor.shutdown()),
            flushing,
          ]);
          end();
          await c.guard.await('forceFlush after shutdown', processor.forceFlush());
          c.guard.call('flushSync after shutdown', () => processor.flushSync(() => true));
        },
      ),
  ],
  [
    'the diag logger throws',
    async (c) => {
      // Only for our namespaces: what OpenTelemetry's own SDK does with a throwing logger is not ours to test.
      const fault = (...args: unknown[]) => {
        if (String(args[0]).startsWith('@llm-analytics')) throw new Error('diag logger fault');
      };
      diag.setLogger(
        { error: fault, warn: fault, info: fault, debug: fault, verbose: fault },
        { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true },
      );
      try {
        await withApp(
          c,
          {
            beforeSend: throwing('beforeSend'),
            maxQueueSize: 2,
            fetch: () => Promise.reject(new TypeError('down')),
          },
          ({ end, processor }) => {
            for (let index = 0; index < 10; index++) end();
            c.guard.call('onEnd garbage', () => processor.onEnd({} as never));
          },
        );
        c.guard.call('blank token', () => new PostHogSpanProcessor({ apiKey: '' }));
        c.guard.call(
          'bad host',
          () => new PostHogSpanProcessor({ apiKey: 'phc', host: 'not a url' }),
        );
      } finally {
        diag.disable();
      }
    },
  ],
  [
    'flushSync senders that throw or answer oddly',
    (c) =>
      withApp(c, { flushIntervalMs: 60_000 }, ({ processor, end }) => {
        for (const sender of [throwing('sender'), () => 'yes', () => undefined, () => 1]) {
          end();
          c.guard.call('flushSync', () => processor.flushSync(sender as never));
        }
        end();
        c.guard.call('flushSync tiny', () =>
          processor.flushSync(() => true, { maxRequestBytes: 1 }),
        );
      }),
  ],
  [
    'odd options',
    async (c) => {
      for (const options of [
        null,
        undefined,
        5,
        'x',
        { apiKey: 5 },
        { apiKey: 'phc', host: 'javascript:alert(1)' },
        {
          apiKey: 'phc',
          maxQueueSize: -1,
          maxBatchSize: Number.NaN,
          flushIntervalMs: Infinity,
          requestTimeoutMs: 0,
        },
        { apiKey: 'phc', fetch: 'not a function' },
        { apiKey: 'phc', transport: 'carrier pigeon' },
      ])
        await withApp(c, options as never, ({ end }) => end());
    },
  ],
  [
    'the trace exporter: a throwing callback and hostile spans',
    async (c) => {
      const exporter = c.guard.call(
        'new PostHogTraceExporter',
        () => new PostHogTraceExporter({ apiKey: 'phc', host: c.host }),
      )!;
      await new Promise<void>((resolve) => {
        c.guard.call('export', () =>
          exporter.export([null, {}, new Proxy({}, { get: throwing('proxy') })] as never, () => {
            resolve();
            throw new Error('callback fault');
          }),
        );
        setTimeout(resolve, 2000);
      });
      await c.guard.await('exporter.forceFlush', exporter.forceFlush());
      await Promise.all([
        c.guard.await('exporter.shutdown', exporter.shutdown()),
        c.guard.await('exporter.shutdown again', exporter.shutdown()),
      ]);
      c.guard.call('export after shutdown', () => exporter.export([], throwing('late callback')));
    },
  ],
  [
    'the log record processor gets hostile records',
    (c) =>
      withApp(c, {}, ({ processor }) => {
        const logs = new PostHogLogRecordProcessor(processor);
        for (const record of [
          null,
          undefined,
          {},
          { eventName: 'gen_ai.user.message' },
          { eventName: 'gen_ai.user.message', spanContext: { spanId: 5 } },
          new Proxy({}, { get: throwing('log proxy') }),
          {
            eventName: 'gen_ai.choice',
            spanContext: { spanId: 'ABCDEF0123456789', traceId: 'x' },
            body: { circular: null },
          },
        ])
          c.guard.call('onEmit', () => logs.onEmit(record as never));
      }),
  ],
];

/** A script that never calls shutdown must still exit promptly when the server is down. */
function exitCase(): Case {
  return [
    'a script that never shuts down exits with the server down',
    async ({ guard }) => {
      const code = `
      import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
      import { PostHogSpanProcessor } from '@llm-analytics/core';
      const provider = new BasicTracerProvider({ spanProcessors: [new PostHogSpanProcessor({ apiKey: 'phc', host: 'http://127.0.0.1:9' })] });
      provider.getTracer('t').startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm' } }).end();
    `;
      const started = Date.now();
      const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
        cwd: new URL('..', import.meta.url).pathname.replace(/\/(src|dist)\/?$/, ''),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      clearTimeout(timer);
      if (exitCode !== 0 || /Error/.test(stderr))
        guard.record('script exit', new Error(`exit ${exitCode}: ${stderr.slice(0, 300)}`));
      if (Date.now() - started > 15_000)
        guard.record('script exit', new Error(`took ${Date.now() - started} ms to exit`));
    },
  ];
}

export async function runHostApp(options: { log?: Log } = {}): Promise<ScenarioResult> {
  const sink = await startSlowServer(0);
  const guard = new AppGuard();
  const perCase: Record<string, number> = {};
  try {
    for (const [name, run] of [...CASES, exitCase()]) {
      const before = guard.errors.length;
      try {
        await run({ guard, host: sink.url });
      } catch (error) {
        guard.record(`case ${name}`, error);
      }
      // Let stray timers and rejections surface before the next case.
      await sleep(50);
      perCase[name] = guard.errors.length - before;
      if (perCase[name]) options.log?.(`  ✗ ${name}: ${guard.errors.slice(before).join('; ')}`);
    }
    return {
      figures: { 'host_app.exceptions': guard.errors.length },
      details: { cases: Object.keys(perCase).length, perCase, errors: guard.errors.slice(0, 20) },
      problems: [],
    };
  } finally {
    guard.dispose();
    await sink.close();
  }
}
