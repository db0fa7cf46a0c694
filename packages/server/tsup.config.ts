import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

/**
 * The published server ships the built UI in `dist/ui`: `@llm-analytics/ui` is a private
 * workspace package (a devDependency, built first by turbo), never installed by users.
 */
async function bundleUi(): Promise<void> {
  const require = createRequire(import.meta.url);
  const uiDist = join(dirname(require.resolve('@llm-analytics/ui/package.json')), 'dist');
  if (!existsSync(join(uiDist, 'index.html'))) {
    throw new Error(
      `the UI is not built (${uiDist}/index.html missing): build @llm-analytics/ui first`,
    );
  }
  cpSync(uiDist, join('dist', 'ui'), { recursive: true });
}

export default defineConfig([
  {
    // `api-types` (`@llm-analytics/server/types`): the read API's contract for the UI and
    // clients, types only. Built with the main entry: a separate config raced `clean`.
    entry: { index: 'src/index.ts', 'api-types': 'src/api-types.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // `import.meta.url` (finding the UI package) in the CommonJS build too.
    shims: true,
    onSuccess: bundleUi,
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
