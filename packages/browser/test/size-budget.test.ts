/**
 * Size budget: the package's own code, minified and gzipped, with `@llm-analytics/core` and
 * OpenTelemetry left external (the app bundles those once). The README states the number.
 */
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** Bytes, gzipped, that the package's own code may take. */
export const OWN_CODE_BUDGET_BYTES = 2 * 1024;

const ROOT = join(import.meta.dirname, '..');
const ENTRY = join(ROOT, 'src/index.ts');
const EXTERNAL = ['@llm-analytics/core', '@opentelemetry/*'];

async function bundle(contents: string, options: BuildOptions = {}) {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    ...options,
  });
  const code = result.outputFiles![0]!.contents;
  return { text: new TextDecoder().decode(code), gzipped: gzipSync(code, { level: 9 }).length };
}

describe('bundle size and shape', () => {
  it(`the package's own code stays under ${OWN_CODE_BUDGET_BYTES} bytes gzipped`, async () => {
    const { gzipped } = await bundle(`export * from ${JSON.stringify(ENTRY)};`, {
      external: EXTERNAL,
    });
    console.info(`@llm-analytics/browser own code: ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(OWN_CODE_BUDGET_BYTES);
  });

  it('tree-shakes: an app that only takes the processor does not import the web SDK', async () => {
    const { text } = await bundle(
      `import { PostHogSpanProcessor } from ${JSON.stringify(ENTRY)};
       new PostHogSpanProcessor({ apiKey: 'phc' });`,
      { external: EXTERNAL },
    );
    expect(text).toContain('@llm-analytics/core');
    expect(text).not.toContain('@opentelemetry/sdk-trace-web');
  });

  it('bundles for the browser with no Node built-in (core and OTel included)', async () => {
    const { text, gzipped } = await bundle(
      `import { setupLLMAnalytics } from ${JSON.stringify(ENTRY)};
       setupLLMAnalytics({ apiKey: 'phc', host: 'https://ingest.example' });`,
    );
    expect(text).not.toMatch(/require\(["']node:|from ?["']node:/);
    // The minimal app (this package, core, the OTel web SDK); reported in the README.
    console.info(`minimal app bundle (package + core + OTel web SDK): ${gzipped} bytes gzipped`);
  });
});
