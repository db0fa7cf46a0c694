import { defineConfig } from 'tsup';

export default defineConfig({
  // `edge` is its own entry without the pricing stage: its price table is large, and edge
  // bundles (Vercel Edge, Cloudflare Workers) and browsers leave it out.
  entry: { index: 'src/index.ts', edge: 'src/edge.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
