/**
 * LLM content reaches the page only as text. This pins the rule at the source: no code in the
 * UI hands strings to the HTML parser or to a URL an element would load or navigate to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.(ts|tsx)$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

const HTML_SINKS = [
  /dangerouslySetInnerHTML/,
  /\.innerHTML\b/,
  /\.outerHTML\b/,
  /insertAdjacentHTML/,
  /document\.write/,
  /\beval\(/,
  /new Function\(/,
  /DOMParser/,
  /createContextualFragment/,
  /<img\b/,
  /<iframe\b/,
];

describe('the UI source', () => {
  it('has no HTML sinks: content is always rendered as text', () => {
    const files = sourceFiles(SOURCE);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const sink of HTML_SINKS) expect(text, `${file} uses ${sink}`).not.toMatch(sink);
    }
  });

  it('builds links only from our own routes, never from event content', () => {
    for (const file of sourceFiles(SOURCE)) {
      const text = readFileSync(file, 'utf8');
      // Every href is a template or call that starts at one of our paths.
      for (const match of text.matchAll(/href=\{([^}]*)\}/g))
        expect(match[1], file).toMatch(/withRange\(|^back$/);
    }
  });
});
