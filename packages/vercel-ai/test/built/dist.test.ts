/** The built package, loaded the two ways users load it, maps like the source. */
import { mapSpans, type Normalizer } from '@llm-analytics/core';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vercelAiNormalizer } from '../../src';
import { loadSpans } from '../load-fixture';

const DIST = join(import.meta.dirname, '../../dist');

interface BuiltModule {
  vercelAiNormalizer: Normalizer;
  VERCEL_AI_NORMALIZERS: readonly Normalizer[];
}

describe('built dist/', () => {
  const spans = [...loadSpans('v6', 'tool-loop', 'pb'), ...loadSpans('v7', 'identity', 'pb')];
  const expected = mapSpans(spans, { normalizers: [vercelAiNormalizer] }).events;

  it('ESM: import maps the fixtures like the source', async () => {
    const built = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as BuiltModule;
    expect(built.VERCEL_AI_NORMALIZERS).toEqual([built.vercelAiNormalizer]);
    expect(mapSpans(spans, { normalizers: built.VERCEL_AI_NORMALIZERS }).events).toEqual(expected);
  });

  it('CommonJS: require maps the fixtures like the source', () => {
    const built = createRequire(import.meta.url)(join(DIST, 'index.cjs')) as BuiltModule;
    expect(mapSpans(spans, { normalizers: [built.vercelAiNormalizer] }).events).toEqual(expected);
  });
});
