// @ts-check
// Lint scopes that follow the code instead of a hand-kept file list: a module that an entry
// starts importing is checked like the entry from then on.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** @param {string} from @param {string} specifier @returns {string | undefined} */
function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier.replace(/\.[cm]?js$/, ''));
  if (/\.tsx?$/.test(base) && existsSync(base)) return base;
  return EXTENSIONS.map((extension) => base + extension).find((file) => existsSync(file));
}

/**
 * The entry file and every file it reaches through relative imports (static, dynamic, type-only
 * and re-exports), as paths relative to `root` with forward slashes, sorted.
 * @param {string} root @param {string} entry path of the entry, relative to `root`
 * @returns {string[]}
 */
export function localImportClosure(root, entry) {
  const seen = new Set([resolve(root, entry)]);
  const pending = [...seen];
  while (pending.length) {
    const file = /** @type {string} */ (pending.pop());
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      // Unresolvable imports are the type checker's to report; JSON and assets carry no code.
      const target = resolveRelative(file, fileName);
      if (target && !seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    }
  }
  return [...seen].map((file) => relative(root, file).split(sep).join('/')).sort();
}
