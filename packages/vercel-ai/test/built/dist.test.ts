/** The built package, loaded the two ways users load it, maps like the source. */
import { mapSpans, type Integration, type Normalizer } from '@llm-analytics/core';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vercelAiIntegration } from '../../src';
import { loadSpans } from '../load-fixture';

const DIST = join(import.meta.dirname, '../../dist');

interface BuiltModule {
  vercelAiNormalizer: Normalizer;
  vercelAiIntegration: Integration;
}

describe('built dist/', () => {
  const spans = [...loadSpans('v6', 'tool-loop', 'pb'), ...loadSpans('v7', 'identity', 'pb')];
  const expected = mapSpans(spans, { integrations: [vercelAiIntegration] }).events;

  it('ESM: import maps the fixtures like the source', async () => {
    const built = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as BuiltModule;
    expect(built.vercelAiIntegration.normalizers).toEqual([built.vercelAiNormalizer]);
    expect(mapSpans(spans, { integrations: [built.vercelAiIntegration] }).events).toEqual(expected);
  });

  it('CommonJS: require maps the fixtures like the source', () => {
    const built = createRequire(import.meta.url)(join(DIST, 'index.cjs')) as BuiltModule;
    expect(mapSpans(spans, { integrations: [built.vercelAiIntegration] }).events).toEqual(expected);
  });
});
