import { defineConfig } from 'tsup';

export default defineConfig({
  // `register` is its own entry: `node --import @llm-analytics/node-sdk/register app.mjs`.
  entry: { index: 'src/index.ts', register: 'src/register.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
