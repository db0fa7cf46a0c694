import { defineConfig } from 'vite';

/**
 * Preact without `@preact/preset-vite`: the automatic JSX runtime is all the build needs, and
 * the preset would bring Babel in for dev-only hot reloading.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    // Every browser that runs this UI has modulepreload; the polyfill would be dead code.
    modulePreload: { polyfill: false },
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: {
    host: '127.0.0.1',
    // `pnpm --filter @llm-analytics/ui dev` against a running `llm-analytics serve`.
    proxy: { '/api': process.env['LLM_ANALYTICS_URL'] ?? 'http://127.0.0.1:8010' },
  },
});
