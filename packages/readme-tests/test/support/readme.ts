/** A README's tested parts: the install line and the setup code that follow their markers. */
import { readFileSync } from 'node:fs';

export interface ReadmeSnippet {
  /** The packages of the `npm install` line, as written (versions and all). */
  packages: string[];
  /** The packages of the `pnpm add` line, when the install block has one. */
  pnpmPackages?: string[];
  /** The setup code block, as written. */
  setup: string;
}

/** The first fenced block after `<!-- readme-test:<name> -->`. */
function blockAfter(readme: string, name: string, path: string): string {
  const marker = `<!-- readme-test:${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`${path} has no ${marker} marker`);
  const fence = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at + marker.length));
  if (!fence) throw new Error(`${path}: no code block after ${marker}`);
  return fence[1]!;
}

/** Read the install line and the setup code a README promises to work as written. */
export function readSnippet(path: string): ReadmeSnippet {
  const readme = readFileSync(path, 'utf8');
  const lines = blockAfter(readme, 'install', path).split('\n');
  const argumentsOf = (command: string) =>
    lines
      .find((line) => line.startsWith(command))
      ?.slice(command.length)
      .trim()
      .split(/\s+/);
  const packages = argumentsOf('npm install ');
  if (!packages) throw new Error(`${path}: the install block has no \`npm install\` line`);
  return {
    packages,
    pnpmPackages: argumentsOf('pnpm add '),
    setup: blockAfter(readme, 'setup', path),
  };
}

/** Names of the packages a snippet imports (bare specifiers, subpaths reduced to the package). */
export function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/\bfrom\s+'([^'.][^']*)'|\bimport\('([^'.][^']*)'\)/g)) {
    const specifier = (match[1] ?? match[2])!;
    if (specifier.startsWith('node:')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  return [...names];
}

/** `openai@6` → `openai`, `@scope/name@1` → `@scope/name`. */
export function packageName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
}
