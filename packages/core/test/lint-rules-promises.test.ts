import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, lintTypedMessages, rulesFor } from './lint-harness';

const TYPED_RULES = [
  '@typescript-eslint/no-floating-promises',
  '@typescript-eslint/no-misused-promises',
];

describe('type-aware promise lint', () => {
  it('is on for the source of every package', async () => {
    const packages = readdirSync(join(ROOT, 'packages')).filter((name) =>
      readdirSync(join(ROOT, 'packages', name)).includes('src'),
    );
    expect(packages.length).toBeGreaterThan(8);
    for (const name of packages) {
      const sources = readdirSync(join(ROOT, 'packages', name, 'src'), { recursive: true })
        .map(String)
        .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
      if (!sources.length) continue;
      const rules = await rulesFor(`packages/${name}/src/${sources[0]}`);
      for (const rule of TYPED_RULES) expect([name, rules[rule]]).toEqual([name, [2]]);
    }
  });

  it('rejects a promise nobody awaits or catches', async () => {
    expect(
      await lintTypedMessages('async function send(): Promise<void> {}\nsend();\nexport {};\n'),
    ).toEqual([expect.stringMatching(/^@typescript-eslint\/no-floating-promises: /)]);
    expect(
      await lintTypedMessages(
        'async function send(): Promise<void> {}\nsend().then(() => undefined);\nexport {};\n',
      ),
    ).toEqual([expect.stringMatching(/^@typescript-eslint\/no-floating-promises: /)]);
  });

  it('rejects an async function where a callback returning nothing is expected', async () => {
    expect(
      await lintTypedMessages(
        'declare function onEvent(listener: () => void): void;\n' +
          'onEvent(async () => {});\nexport {};\n',
      ),
    ).toEqual([expect.stringMatching(/^@typescript-eslint\/no-misused-promises: /)]);
    expect(
      await lintTypedMessages(
        'declare const ready: Promise<boolean>;\nexport const x = ready ? 1 : 2;\n',
      ),
    ).toEqual([expect.stringMatching(/^@typescript-eslint\/no-misused-promises: /)]);
  });

  it('accepts awaited, caught and deliberately voided promises', async () => {
    expect(
      await lintTypedMessages(
        [
          'async function send(): Promise<void> {}',
          'declare function report(error: unknown): void;',
          'declare function onEvent(listener: () => void): void;',
          'export async function flush(): Promise<void> {',
          '  await send();',
          '}',
          'send().catch(report);',
          'void send().catch(report);',
          'onEvent(() => void send().catch(report));',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
