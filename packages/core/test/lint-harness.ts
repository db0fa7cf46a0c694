import { ESLint } from 'eslint';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../../..');

// Rules that need no types are checked without the type-aware pass: building each package's
// program takes tens of seconds on a loaded machine.
const withoutTypes = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { project: null, projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

/** A made-up package under no tsconfig: typed with the base compiler options alone. */
export const TYPED_PROBE = 'packages/lint-probe/src/x.ts';
const withTypes = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: {
      parserOptions: {
        project: null,
        projectService: {
          allowDefaultProject: [TYPED_PROBE],
          defaultProject: 'tsconfig.base.json',
        },
      },
    },
  },
});

async function lint(eslint: ESLint, code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** Lint `code` as if it were `file` (relative to the repository root): `rule: message` lines. */
export const lintMessages = (code: string, file: string) => lint(withoutTypes, code, file);

/** Lint `code` as {@link TYPED_PROBE}, type-aware rules included. */
export const lintTypedMessages = (code: string) => lint(withTypes, code, TYPED_PROBE);

/** The rules that are on for `file` (relative to the repository root), as the config says. */
export async function rulesFor(file: string): Promise<Record<string, unknown>> {
  const config = (await withTypes.calculateConfigForFile(join(ROOT, file))) as {
    rules?: Record<string, unknown>;
  };
  return config.rules ?? {};
}
