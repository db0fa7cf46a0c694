// browser: gzipped bundle bytes, ours against @posthog/ai/otel bundled the same way.
import { runWorker } from '../lib/child.mjs';

const WORKER = new URL('../workers/browser-worker.mjs', import.meta.url).pathname;

export async function bundleSize({ log }) {
  log('browser: esbuild bundles');
  const sizes = await runWorker(WORKER);
  const row = (name, size, baseline, note) => ({
    name,
    median: size.gzipped,
    unit: 'B gz',
    ...(baseline ? { ratio: size.gzipped / baseline.gzipped } : {}),
    note: `${size.minified.toLocaleString('en-US')} B minified; ${note}`,
  });
  return {
    figures: {
      'browser.gzip_bytes': sizes.ours.gzipped,
      'browser.posthog_gzip_bytes': sizes.posthog.gzipped,
    },
    sections: [
      {
        title:
          'browser: gzipped bytes (esbuild, minified, ESM, gzip -9; ratio vs @posthog/ai/otel)',
        rows: [
          row('ours', sizes.ours, sizes.posthog, 'own code, core and OTel external'),
          row('posthog', sizes.posthog, undefined, 'own code, OTel external'),
          row('ours + core', sizes.oursWithCore, sizes.posthog, 'OTel external'),
          row('ours app', sizes.oursApp, sizes.posthogApp, 'WebTracerProvider + processor'),
          row('posthog app', sizes.posthogApp, undefined, 'WebTracerProvider + processor'),
        ],
      },
    ],
  };
}
