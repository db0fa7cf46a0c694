/**
 * The built entries the way users and bundlers load them: the Node entry prices events, the
 * edge entry (also chosen by the `edge-light`, `workerd`, `worker` and `browser` conditions)
 * leaves the price table out of the bundle.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE = join(import.meta.dirname, '../..');
const DIST = join(PACKAGE, 'dist');
const PUBLIC_API = [
  'PostHogSpanProcessor',
  'PostHogTraceExporter',
  'posthogTelemetry',
  'vercelAiIntegration',
  'vercelAiNormalizer',
];

/** Export names of the package as Node resolves it by name with these conditions. */
function exportNames(conditions: string[], kind: 'import' | 'require'): string[] {
  const load =
    kind === 'import'
      ? "const m = await import('@llm-analytics/vercel-ai');"
      : "const m = (await import('node:module')).createRequire(process.cwd() + '/x.js')('@llm-analytics/vercel-ai');";
  const out = execFileSync(
    process.execPath,
    [
      ...conditions.map((c) => `--conditions=${c}`),
      '--input-type=module',
      '-e',
      `${load} console.log(JSON.stringify(Object.keys(m).sort()))`,
    ],
    { cwd: PACKAGE, encoding: 'utf8' },
  );
  return JSON.parse(out) as string[];
}

/** Bundle `import * from '@llm-analytics/vercel-ai'` for a platform; the inputs and size. */
async function bundle(conditions: string[]): Promise<{ inputs: string[]; bytes: number }> {
  const result = await build({
    stdin: {
      contents: "export * from '@llm-analytics/vercel-ai';",
      resolveDir: PACKAGE,
      loader: 'js',
    },
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    // The Node entry's file spool uses Node built-ins; a Node bundler leaves them external.
    external: [
      '@opentelemetry/api',
      ...builtinModules,
      ...builtinModules.map((name) => `node:${name}`),
    ],
    logLevel: 'silent',
  });
  return {
    inputs: Object.keys(result.metafile.inputs),
    bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0),
  };
}

describe('built entries', () => {
  it('ESM and CommonJS, Node entry: the public API plus createPricer', async () => {
    const esm = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as object;
    const cjs = createRequire(import.meta.url)(join(DIST, 'index.cjs')) as object;
    for (const loaded of [esm, cjs])
      expect(Object.keys(loaded).sort()).toEqual([...PUBLIC_API, 'createPricer'].sort());
  });

  it('ESM and CommonJS, edge entry: the same API without the pricer', async () => {
    const esm = (await import(pathToFileURL(join(DIST, 'edge.js')).href)) as object;
    const cjs = createRequire(import.meta.url)(join(DIST, 'edge.cjs')) as object;
    for (const loaded of [esm, cjs]) expect(Object.keys(loaded).sort()).toEqual(PUBLIC_API);
  });

  it('resolution by name: Node gets the priced entry, edge runtimes and browsers the edge entry', () => {
    for (const kind of ['import', 'require'] as const) {
      expect(exportNames([], kind)).toContain('createPricer');
      for (const condition of ['edge-light', 'workerd', 'worker', 'browser'])
        expect(exportNames([condition], kind)).toEqual(PUBLIC_API);
    }
  });

  it('an edge bundle leaves the price table out; a Node bundle carries it', async () => {
    const edge = await bundle(['edge-light', 'import']);
    const node = await bundle(['node', 'import']);
    expect(edge.inputs.some((path) => path.includes('genai-prices'))).toBe(false);
    expect(edge.inputs.some((path) => path.includes('pricing'))).toBe(false);
    expect(edge.inputs.some((path) => path.includes('node-spool'))).toBe(false);
    expect(node.inputs.some((path) => path.includes('node-spool'))).toBe(true);
    expect(node.inputs.some((path) => path.includes('genai-prices'))).toBe(true);
    // The price table: about 480 KB of the minified Node bundle (edge ~170 KB, Node ~650 KB).
    expect(node.bytes - edge.bytes).toBeGreaterThan(300_000);
  });
});
