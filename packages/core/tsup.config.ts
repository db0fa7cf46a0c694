import { defineConfig } from 'tsup';

export default defineConfig({
  // The pricing stage is its own entry: its price table is large and browsers leave it out.
  entry: { index: 'src/index.ts', pricing: 'src/pricing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
