import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/run.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Run against the built packages as users get them (and DuckDB's native binding can't be bundled).
  skipNodeModulesBundle: true,
});
