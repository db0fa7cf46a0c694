/** The root entry is a promise to users: at most 150 names, every one listed in the README. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PACKAGE = join(import.meta.dirname, '..');

/** Every name the root entry exports, types included, as the compiler sees it. */
function rootExports(): string[] {
  const entry = join(PACKAGE, 'src', 'index.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker.getExportsOfModule(module).map((symbol) => symbol.name);
}

describe('@llm-analytics/core root entry', () => {
  const names = rootExports();
  const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
  const start = readme.indexOf('## Entries and the public API');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

  it('exports at most 150 names, among them the mapper and the integration API', () => {
    expect(names.length).toBeLessThanOrEqual(150);
    expect(names).toEqual(expect.arrayContaining(['createMapper', 'defineIntegration']));
  });

  it('lists every exported name in the README, and no name it does not export', () => {
    const listed = [...section.matchAll(/^\| [^|]+ \| (.+) \|$/gm)].flatMap((row) =>
      [...row[1]!.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((match) => match[1]!),
    );
    expect(names.filter((name) => !listed.includes(name))).toEqual([]);
    expect(listed.filter((name) => !names.includes(name) && name !== '__proto__')).toEqual([]);
  });

  it('leaves attribute keys to the semconv entry', () => {
    expect(names.filter((name) => /^(GEN_AI|VERCEL|TRACELOOP|OI)_/.test(name))).toEqual([]);
  });
});
