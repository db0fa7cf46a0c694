/**
 * The PostHog docs snippet, unchanged but for the import, against the packed package
 * installed with plain npm into a project outside the workspace: ESM and CJS.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../..');
// The capture server runs in this process: the apps must run asynchronously.
const run = async (args: string[]) =>
  (
    await promisify(execFile)(process.execPath, args, {
      cwd: project,
      encoding: 'utf8',
      timeout: 30_000,
    })
  ).stdout;
let project: string;
let sink: CaptureServer;

const snippet = (host: string, importLine: string) => `${importLine}

const sdk = new NodeSDK({
  resource: resourceFromAttributes({
    'service.name': 'my-app',
  }),
  spanProcessors: [
    new PostHogSpanProcessor({
      apiKey: 'phc_docs',
      host: '${host}',
    }),
  ],
})
sdk.start()

const tracer = trace.getTracer('docs-snippet')
tracer.startSpan('chat gpt-4o-mini', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 5, 'gen_ai.usage.output_tokens': 2 } }).end()
sdk.shutdown().then(() => console.log('done'))
`;

beforeAll(async () => {
  sink = await startCaptureServer();
  project = mkdtempSync(join(tmpdir(), 'llm-analytics-packed-'));
  execFileSync('npx', ['-y', 'pnpm@10.34.8', 'pack', '--pack-destination', project], {
    cwd: CORE,
    stdio: 'ignore',
  });
  const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'docs-snippet-app', private: true }),
  );
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--cache',
      join(project, '.npm-cache'),
      `./${tarball}`,
      '@opentelemetry/sdk-node@0.223.0',
      '@opentelemetry/resources@^2.6.0',
      '@opentelemetry/api@~1.9.0',
    ],
    { cwd: project, stdio: 'ignore' },
  );
}, 240_000);

afterAll(async () => {
  await sink?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('packed @llm-analytics/core installed with npm', () => {
  it('runs the docs snippet as ESM', async () => {
    writeFileSync(
      join(project, 'app.mjs'),
      snippet(
        sink.url,
        `import { NodeSDK } from '@opentelemetry/sdk-node'\nimport { resourceFromAttributes } from '@opentelemetry/resources'\nimport { trace } from '@opentelemetry/api'\nimport { PostHogSpanProcessor } from '@llm-analytics/core'`,
      ),
    );
    const out = await run(['app.mjs']);
    expect(out.trim()).toBe('done');
    const batch = sink.requests.at(-1)!.json as {
      api_key: string;
      batch: Array<{ event: string; properties: Record<string, unknown> }>;
    };
    expect(batch.api_key).toBe('phc_docs');
    expect(
      batch.batch.map((e) => [e.event, e.properties['service.name'], e.properties.$ai_model]),
    ).toEqual([['$ai_generation', 'my-app', 'gpt-4o-mini']]);
  });

  it('runs the docs snippet as CJS', async () => {
    const before = sink.requests.length;
    writeFileSync(
      join(project, 'app.cjs'),
      snippet(
        sink.url,
        `const { NodeSDK } = require('@opentelemetry/sdk-node')\nconst { resourceFromAttributes } = require('@opentelemetry/resources')\nconst { trace } = require('@opentelemetry/api')\nconst { PostHogSpanProcessor } = require('@llm-analytics/core')`,
      ),
    );
    const out = await run(['app.cjs']);
    expect(out.trim()).toBe('done');
    expect(sink.requests.length).toBe(before + 1);
    expect(
      (sink.requests.at(-1)!.json as { batch: Array<{ event: string }> }).batch[0]!.event,
    ).toBe('$ai_generation');
  });

  it('prices with the separate pricing entry in both module systems', async () => {
    const esm = await run([
      '--input-type=module',
      '-e',
      "import { createPricer } from '@llm-analytics/core/pricing'; console.log(typeof createPricer())",
    ]);
    const cjs = await run([
      '-e',
      "console.log(typeof require('@llm-analytics/core/pricing').createPricer())",
    ]);
    expect([esm.trim(), cjs.trim()]).toEqual(['function', 'function']);
  });
});
