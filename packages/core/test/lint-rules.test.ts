import { describe, expect, it } from 'vitest';
import { lintMessages as messages } from './lint-harness';

describe('architecture lint rules', () => {
  it('rejects attribute-key literals outside the semconv module', async () => {
    expect(
      await messages(
        "export const key = 'gen_ai.request.model';\n",
        'packages/core/src/normalize/x.ts',
      ),
    ).toEqual([
      expect.stringMatching(
        /^no-restricted-syntax: Attribute keys live in packages\/core\/src\/semconv/,
      ),
    ]);
    expect(
      await messages(
        "export const key = 'ai.usage.promptTokens';\n",
        'packages/vercel-ai/src/x.ts',
      ),
    ).toHaveLength(1);
    expect(
      await messages(
        'export const key = `llm.token_count.${1}`;\n',
        'packages/openinference/src/x.ts',
      ),
    ).toHaveLength(1);
    expect(
      await messages(
        "export const key = 'gen_ai.request.model';\n",
        'packages/core/src/semconv/x.ts',
      ),
    ).toEqual([]);
    // `$ai_*` keys too: spelled in the semconv module only (the UI re-exports them).
    expect(
      await messages("export const key = '$ai_generation';\n", 'packages/core/src/event/x.ts'),
    ).toHaveLength(1);
    expect(
      await messages("export const key = '$ai_generation';\n", 'packages/core/src/semconv/x.ts'),
    ).toEqual([]);
  });

  it('keeps adapters from importing each other', async () => {
    const found = await messages(
      "import { x } from '@llm-analytics/traceloop';\nexport { x };\n",
      'packages/vercel-ai/src/x.ts',
    );
    expect(found).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Adapters depend on core only/),
    ]);
    expect(
      await messages(
        "import { x } from '@llm-analytics/core';\nexport { x };\n",
        'packages/vercel-ai/src/x.ts',
      ),
    ).toEqual([]);
  });

  it('keeps core free of other packages, Node built-ins and Node globals', async () => {
    expect(
      await messages(
        "import { x } from '@llm-analytics/server';\nexport { x };\n",
        'packages/core/src/x.ts',
      ),
    ).toHaveLength(1);
    expect(
      await messages(
        "import { readFile } from 'node:fs';\nexport { readFile };\n",
        'packages/core/src/x.ts',
      ),
    ).toHaveLength(1);
    expect(
      await messages("import zlib from 'zlib';\nexport { zlib };\n", 'packages/core/src/x.ts'),
    ).toHaveLength(1);
    expect(
      await messages('export const b = Buffer.from("x");\n', 'packages/core/src/x.ts'),
    ).toHaveLength(1);
    expect(
      await messages('export const e = process.env;\n', 'packages/core/src/x.ts'),
    ).toHaveLength(1);
  });
});
