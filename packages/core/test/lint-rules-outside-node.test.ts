import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localImportClosure } from '../../../scripts/lint/local-import-closure.js';
import { ROOT, lintMessages, rulesFor } from './lint-harness';

const NODE_BAN = /runs in browsers and edge runtimes: no Node (built-ins|globals)/;
const EDGE_ENTRY = 'packages/vercel-ai/src/edge.ts';

/** Snippets a browser or edge module must not contain, each with the rule that rejects it. */
const NODE_ONLY: [code: string, rule: string][] = [
  ["import { readFile } from 'node:fs';\nexport { readFile };\n", 'no-restricted-imports'],
  ["import fs from 'fs';\nexport { fs };\n", 'no-restricted-imports'],
  ["export { readFile } from 'fs/promises';\n", 'no-restricted-imports'],
  [
    "import type { IncomingMessage } from 'http';\nexport type { IncomingMessage };\n",
    'no-restricted-imports',
  ],
  ["export const load = () => import('node:crypto');\n", 'no-restricted-syntax'],
  ["export const load = () => import('zlib');\n", 'no-restricted-syntax'],
  ["export const bytes = Buffer.from('x');\n", 'no-restricted-globals'],
  ['export const env = process.env;\n', 'no-restricted-globals'],
  ['export const here = __dirname;\n', 'no-restricted-globals'],
];

async function expectNodeBan(file: string): Promise<void> {
  for (const [code, rule] of NODE_ONLY) {
    const found = await lintMessages(code, file);
    expect({ code, found }).toEqual({
      code,
      found: [expect.stringMatching(new RegExp(`^${rule}: .*${NODE_BAN.source}`))],
    });
  }
}

describe('Node built-ins in browser and edge code', () => {
  it('are rejected anywhere in the browser package', async () => {
    await expectNodeBan('packages/browser/src/x.ts');
    await expectNodeBan('packages/browser/src/setup.ts');
  });

  it('are rejected in the edge entry and in modules it reaches only through other modules', async () => {
    const closure = localImportClosure(ROOT, EDGE_ENTRY);
    const direct = [...readFileSync(join(ROOT, EDGE_ENTRY), 'utf8').matchAll(/from '(\.[^']+)'/g)];
    const indirect = closure.filter(
      (file) =>
        file !== EDGE_ENTRY &&
        !direct.some(([, path]) => file.startsWith(join('packages/vercel-ai/src', path!))),
    );
    expect(indirect.length).toBeGreaterThan(0);
    await expectNodeBan(EDGE_ENTRY);
    await expectNodeBan(indirect[0]!);
    for (const file of closure) {
      expect([file, (await rulesFor(file))['no-restricted-globals']]).toEqual([
        file,
        expect.arrayContaining([expect.objectContaining({ name: 'process' })]),
      ]);
    }
  });

  it('stay allowed in the Node entry of the same package, and in the server', async () => {
    expect(
      await lintMessages(
        "import { readFile } from 'node:fs';\nexport const env = process.env;\nexport { readFile };\n",
        'packages/vercel-ai/src/index.ts',
      ),
    ).toEqual([]);
    expect(
      await lintMessages(
        "import { readFile } from 'node:fs';\nexport { readFile };\n",
        'packages/server/src/x.ts',
      ),
    ).toEqual([]);
  });

  it('leave the price table out of browser and edge code', async () => {
    for (const file of ['packages/browser/src/x.ts', EDGE_ENTRY])
      expect(
        await lintMessages(
          "import { createPricer } from '@llm-analytics/core/pricing';\nexport { createPricer };\n",
          file,
        ),
      ).toEqual([expect.stringMatching(/^no-restricted-imports: .*price table/)]);
  });

  it('keep the rules these files had before: no other adapter, no attribute-key literals', async () => {
    for (const file of ['packages/browser/src/x.ts', EDGE_ENTRY]) {
      expect(
        await lintMessages("import { x } from '@llm-analytics/traceloop';\nexport { x };\n", file),
      ).toEqual([expect.stringMatching(/^no-restricted-imports: .*Adapters depend on core only/)]);
      expect(await lintMessages("export const key = 'gen_ai.request.model';\n", file)).toEqual([
        expect.stringMatching(/^no-restricted-syntax: Attribute keys live in/),
      ]);
      expect(
        await lintMessages(
          "import { isAISpan } from '@llm-analytics/core';\nexport const load = () => import('./y');\nexport const fetcher = globalThis.fetch;\nexport { isAISpan };\n",
          file,
        ),
      ).toEqual([]);
    }
  });
});

describe('the edge entry scope follows imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-closure-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  it('through static, re-exported, dynamic and type-only imports, with or without .js', () => {
    write(
      'src/entry.ts',
      "import { b } from './b.js';\nimport data from './data.json';\nexport { b, data };\n",
    );
    write('src/b.ts', "export * from './c';\nexport const b = 1;\n");
    write('src/c/index.ts', "export const load = () => import('../d');\n");
    write('src/d.ts', "import type { E } from './e';\nexport type D = E;\n");
    write('src/e.ts', 'export type E = string;\n');
    write('src/unused.ts', "import 'node:fs';\n");
    write('src/data.json', '{}');
    expect(localImportClosure(dir, 'src/entry.ts')).toEqual([
      'src/b.ts',
      'src/c/index.ts',
      'src/d.ts',
      'src/e.ts',
      'src/entry.ts',
    ]);
  });
});
