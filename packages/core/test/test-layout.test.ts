/**
 * The repository's test layout (README, Development): every test file is where the convention
 * puts it and is run by something, and the other-version suites are all set up one way.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import rootConfig from '../../../vitest.config';

const ROOT = join(import.meta.dirname, '../../..');
const SKIP = new Set(['node_modules', 'dist', '.turbo', 'fixtures', '.git']);
const TEST_FILE = /\.(test|spec)\.(ts|tsx|mts|js|mjs)$/;

function testFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) testFiles(path, found);
    else if (TEST_FILE.test(entry.name)) found.push(relative(ROOT, path).split(sep).join('/'));
  }
  return found;
}

/** A vitest include glob (`*`, `**`) as a regular expression over repository paths. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('**/')
    .map((part) =>
      part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('(?:.*/)?');
  return new RegExp(`^${source}$`);
}

const readJson = (file: string) =>
  JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as {
    name?: string;
    scripts?: Record<string, string>;
    devDependencies?: Record<string, string>;
    dependencies?: Record<string, string>;
  };

const suitePackages = readdirSync(join(ROOT, 'packages')).filter((name) =>
  existsSync(join(ROOT, 'packages', name, 'suite')),
);

async function suiteIncludes(name: string): Promise<RegExp[]> {
  const config = (await import(join(ROOT, 'packages', name, 'vitest.config.ts'))) as {
    default: { test: { include: string[] } };
  };
  return config.default.test.include.map((glob) => globToRegExp(`packages/${name}/${glob}`));
}

describe('test layout', () => {
  it('puts every test file next to its code, under a package test/, or in a suite', () => {
    const files = ['packages', 'bench', 'examples'].flatMap((dir) => testFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(150);
    const misplaced = files.filter(
      (file) =>
        !/^packages\/[^/]+\/(src|test)\//.test(file) &&
        !/^bench\/test\//.test(file) &&
        !/^packages\/[^/]+-tests\/suite\/test\//.test(file),
    );
    expect(misplaced).toEqual([]);
  });

  it('runs every test file: the root vitest config or the suite it belongs to', async () => {
    // The root config runs its files as projects (the server's suite once more over chDB).
    const projects = (rootConfig.test?.projects ?? []) as { test?: { include?: string[] } }[];
    const root = projects.flatMap((project) => project.test?.include ?? []).map(globToRegExp);
    expect(root.length).toBeGreaterThan(0);
    const suites = new Map<string, RegExp[]>();
    for (const name of suitePackages) suites.set(name, await suiteIncludes(name));
    const files = ['packages', 'bench', 'examples'].flatMap((dir) => testFiles(join(ROOT, dir)));
    const orphans = files.filter((file) => {
      const suite = /^packages\/([^/]+-tests)\/suite\//.exec(file)?.[1];
      const globs = suite ? (suites.get(suite) ?? []) : root;
      return !globs.some((glob) => glob.test(file));
    });
    expect(orphans).toEqual([]);
  });

  it('sets up every other-version suite the same way', async () => {
    expect(suitePackages.sort()).toEqual([
      'node-sdk-node22-tests',
      'traceloop-legacy-tests',
      'vercel-ai-v7-tests',
    ]);
    for (const name of suitePackages) {
      const dir = `packages/${name}`;
      const manifest = readJson(`${dir}/package.json`);
      expect([name, manifest.scripts?.['test:suite']]).toEqual([
        name,
        'node ../../scripts/run-suite.mjs',
      ]);
      // Only the packages under test come from the workspace; the stack is in suite/.
      expect([name, Object.values(manifest.devDependencies ?? {})]).toEqual([
        name,
        expect.arrayContaining(['workspace:^']),
      ]);
      expect(
        Object.values({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
          (range) => !range.startsWith('workspace:'),
        ),
      ).toEqual([]);
      for (const file of ['suite/package.json', 'suite/pnpm-lock.yaml', 'suite/tsconfig.json'])
        expect([name, existsSync(join(ROOT, dir, file))]).toEqual([name, true]);
      expect(
        (await suiteIncludes(name)).map((glob) => glob.test(`${dir}/suite/test/x.test.ts`)),
      ).toEqual([true]);
    }
  });

  it('runs the suites from the root test command, one way, and nowhere else', () => {
    const scripts = readJson('package.json').scripts!;
    expect(scripts.test).toMatch(/&& pnpm run test:suites$/);
    expect(scripts['test:suites']).toBe('turbo run test:suite --concurrency=1');
    const mentions = Object.entries(scripts).filter(([, command]) =>
      suitePackages.some((name) => command.includes(name)),
    );
    expect(mentions).toEqual([]);
  });
});
