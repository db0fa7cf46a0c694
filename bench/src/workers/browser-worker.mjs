// Bundle size, the way an app ships it: esbuild, minified, ESM for browsers, gzip -9.
//   - own code: the package's published entry with its dependencies left external
//     (ours: @llm-analytics/core and OpenTelemetry; @posthog/ai/otel: OpenTelemetry);
//   - app: the same two-line app for both (a WebTracerProvider with the processor,
//     registered), everything bundled.
//
//   node browser-worker.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { reportFromWorker } from '../lib/child.mjs';

const RESOLVE_DIR = new URL('../..', import.meta.url).pathname;

async function gzippedBytes(contents, external = []) {
  const result = await build({
    stdin: { contents, resolveDir: RESOLVE_DIR, loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const app = (importLine, processor) => `${importLine}
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
new WebTracerProvider({ spanProcessors: [${processor}] }).register();`;

await reportFromWorker(async () => ({
  ours: await gzippedBytes(`export * from '@llm-analytics/browser';`, [
    '@llm-analytics/core',
    '@opentelemetry/*',
  ]),
  oursWithCore: await gzippedBytes(`export * from '@llm-analytics/browser';`, ['@opentelemetry/*']),
  posthog: await gzippedBytes(`export * from '@posthog/ai/otel';`, ['@opentelemetry/*']),
  oursApp: await gzippedBytes(
    app(
      `import { PostHogSpanProcessor } from '@llm-analytics/browser';`,
      `new PostHogSpanProcessor({ apiKey: 'phc_app', host: 'https://ingest.example' })`,
    ),
  ),
  posthogApp: await gzippedBytes(
    app(
      `import { PostHogSpanProcessor } from '@posthog/ai/otel';`,
      `new PostHogSpanProcessor({ projectToken: 'phc_app', host: 'https://ingest.example' })`,
    ),
  ),
}));
