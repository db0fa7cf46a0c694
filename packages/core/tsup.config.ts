import { defineConfig } from 'tsup';

export default defineConfig({
  // Pricing (a large price table) and OTLP decoding (protobufjs) are entries of their own:
  // browsers leave both out. Attribute keys are an entry of their own to keep the root small.
  // The file spool is Node-only: no browser or edge entry imports it.
  entry: {
    index: 'src/index.ts',
    semconv: 'src/semconv/index.ts',
    types: 'src/adapter-types.ts',
    pricing: 'src/pricing/index.ts',
    otlp: 'src/otlp/index.ts',
    'node-spool': 'src/node-spool/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
