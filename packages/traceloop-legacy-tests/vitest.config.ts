import { defineConfig } from 'vitest/config';

// Run by `pnpm test:suite` (../../scripts/run-suite.mjs) on the workspace's Node: Traceloop
// 0.16 needs no other Node, only its own install in suite/.
export default defineConfig({
  test: {
    include: ['suite/test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
