import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    reporters: ['default'],
    globalSetup: ['./scripts/vitest-global-setup.mjs'],
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'bench/test/**/*.test.ts',
          ],
        },
      },
      {
        // The server's suite again, over embedded ClickHouse (chDB): one contract for every store.
        test: {
          ...shared,
          name: 'server-chdb',
          include: ['packages/server/test/**/*.test.ts'],
          env: { LLM_ANALYTICS_TEST_STORE: 'chdb' },
          // chDB allows one data directory per process: a process per test file.
          pool: 'forks',
          isolate: true,
        },
      },
    ],
  },
});
