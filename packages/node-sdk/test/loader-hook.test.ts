import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_SDK_ROOT } from './support/openai-suite';
import { runApp } from './support/run-app';

const scratch = mkdtempSync(join(tmpdir(), 'llm-analytics-hook-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `resolveLoaderHook([base])` of the built package, in a fresh process without NODE_PATH. */
async function resolveFrom(base: string): Promise<string | null> {
  const script = join(scratch, `resolve-${Math.random().toString(36).slice(2)}.mjs`);
  const dist = join(NODE_SDK_ROOT, 'dist/index.js');
  writeFileSync(
    script,
    `import { resolveLoaderHook } from ${JSON.stringify(dist)};\n` +
      `console.log(JSON.stringify(resolveLoaderHook([${JSON.stringify(base)}]) ?? null));\n`,
  );
  const run = await runApp(script, { env: {} });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as string | null;
}

function writePackage(dir: string, name: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js' }),
  );
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
}

describe('finding OpenTelemetry ESM loader hook', () => {
  it('finds it in a real pnpm install, where only @opentelemetry/sdk-node carries it', async () => {
    const hook = await resolveFrom(NODE_SDK_ROOT);
    expect(hook).toMatch(/@opentelemetry[\\/]instrumentation[\\/]hook\.mjs$/);
    expect(existsSync(hook!)).toBe(true);
  });

  it("prefers the app's own @opentelemetry/instrumentation", async () => {
    const app = join(scratch, 'direct');
    const instrumentation = join(app, 'node_modules/@opentelemetry/instrumentation');
    writePackage(instrumentation, '@opentelemetry/instrumentation', {
      'index.js': '',
      'hook.mjs': 'export {};',
    });
    expect(await resolveFrom(app)).toBe(join(instrumentation, 'hook.mjs'));
  });

  it('finds it through @opentelemetry/sdk-node when the app does not depend on it (strict pnpm)', async () => {
    const app = join(scratch, 'app');
    const sdkNode = join(app, 'node_modules/@opentelemetry/sdk-node');
    writePackage(sdkNode, '@opentelemetry/sdk-node', { 'index.js': 'module.exports = {};' });
    const instrumentation = join(sdkNode, 'node_modules/@opentelemetry/instrumentation');
    writePackage(instrumentation, '@opentelemetry/instrumentation', {
      'index.js': '',
      'hook.mjs': 'export {};',
    });
    expect(await resolveFrom(app)).toBe(join(instrumentation, 'hook.mjs'));
  });

  it('gives up where neither is installed', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(await resolveFrom(empty)).toBeNull();
  });
});
