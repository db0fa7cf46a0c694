import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '../../dist/index.js');

describe('core works with fetch alone', () => {
  it('bundles for a neutral platform: no Node built-in anywhere in its dependency graph', async () => {
    const result = await build({
      entryPoints: [DIST],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'iife',
      globalName: 'core',
      mainFields: ['module', 'main'],
      conditions: ['import', 'default'],
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']node:/);
  });

  it('maps spans and exports in a context without process, Buffer or require', async () => {
    const result = await build({
      entryPoints: [DIST],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'iife',
      globalName: 'core',
      mainFields: ['module', 'main'],
      conditions: ['import', 'default'],
      logLevel: 'silent',
    });
    const requests: Array<{ url: string; body: string }> = [];
    const sandbox: Record<string, unknown> = {
      URL,
      TextEncoder,
      TextDecoder,
      AbortController,
      Response,
      Blob,
      CompressionStream,
      DOMException,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      console,
      fetch: async (url: string, init: { body: Uint8Array }) => {
        requests.push({ url, body: new TextDecoder().decode(init.body) });
        return new Response('{"status":1}', { status: 200 });
      },
    };
    sandbox.globalThis = sandbox;
    runInNewContext(`${result.outputFiles[0]!.text}\nglobalThis.core = core;`, sandbox);
    expect(sandbox.process).toBeUndefined();
    const core = sandbox.core as typeof import('../../src/index');
    const events = core.spansToEvents([
      {
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        name: 'chat',
        kind: 'client',
        startTimeUnixNano: '1700000000000000000',
        endTimeUnixNano: '1700000001000000000',
        status: { code: 'unset' },
        scope: { name: 'x' },
        resource: {},
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 3,
        },
        events: [],
        logs: [],
      },
    ]);
    expect(events[0]!.event).toBe('$ai_generation');
    const processor = new core.PostHogSpanProcessor({
      apiKey: 'phc',
      host: 'https://example.test',
      compression: false,
    });
    processor.onEnd({
      spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'c'.repeat(16) }),
      name: 'chat',
      kind: 2,
      startTime: [1700000000, 0],
      endTime: [1700000001, 0],
      status: { code: 0 },
      attributes: { 'gen_ai.operation.name': 'chat' },
      events: [],
      resource: { attributes: {} },
      instrumentationScope: { name: 'x' },
    } as never);
    await processor.forceFlush();
    expect(requests.map((r) => r.url)).toEqual(['https://example.test/batch/']);
    expect(JSON.parse(requests[0]!.body).batch[0].event).toBe('$ai_generation');
  });
});
