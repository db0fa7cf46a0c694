import { describe, expect, it } from 'vitest';
import type { AiEvent, Normalizer } from '@llm-analytics/core';
import { TRACELOOP_NORMALIZERS } from '../src';
import { withTraceloopDefaults } from '../src/export-options';

const custom: Normalizer = { name: 'custom', matches: () => false, normalize: () => undefined };

describe('processor and exporter options', () => {
  it('run the Traceloop normalizer before the caller’s', () => {
    expect(withTraceloopDefaults({}).normalizers).toEqual([...TRACELOOP_NORMALIZERS]);
    expect(withTraceloopDefaults({ normalizers: [custom] }).normalizers).toEqual([
      ...TRACELOOP_NORMALIZERS,
      custom,
    ]);
  });

  it('price offline by default; `price: false` turns it off; a given stage is kept', () => {
    expect(typeof withTraceloopDefaults().price).toBe('function');
    expect(withTraceloopDefaults({ price: false }).price).toBeUndefined();
    const stage = (event: AiEvent) => event;
    expect(withTraceloopDefaults({ price: stage }).price).toBe(stage);
  });

  it('pass every other option through', () => {
    const beforeSend = () => null;
    expect(
      withTraceloopDefaults({ apiKey: 'phc', host: 'http://x', privacyMode: true, beforeSend }),
    ).toMatchObject({ apiKey: 'phc', host: 'http://x', privacyMode: true, beforeSend });
  });
});
