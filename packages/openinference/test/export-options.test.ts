import { describe, expect, it } from 'vitest';
import type { AiEvent, Normalizer } from '@llm-analytics/core';
import { OPENINFERENCE_NORMALIZERS } from '../src';
import { withOpenInferenceDefaults } from '../src/export-options';

const custom: Normalizer = { name: 'custom', matches: () => false, normalize: () => undefined };

describe('processor and exporter options', () => {
  it('run the OpenInference normalizer before the caller’s', () => {
    expect(withOpenInferenceDefaults({}).normalizers).toEqual([...OPENINFERENCE_NORMALIZERS]);
    expect(withOpenInferenceDefaults({ normalizers: [custom] }).normalizers).toEqual([
      ...OPENINFERENCE_NORMALIZERS,
      custom,
    ]);
  });

  it('price offline by default; `price: false` turns it off; a given stage is kept', () => {
    expect(typeof withOpenInferenceDefaults().price).toBe('function');
    expect(withOpenInferenceDefaults({ price: false }).price).toBeUndefined();
    const stage = (event: AiEvent) => event;
    expect(withOpenInferenceDefaults({ price: stage }).price).toBe(stage);
  });

  it('pass every other option through', () => {
    const beforeSend = () => null;
    expect(
      withOpenInferenceDefaults({ apiKey: 'phc', host: 'http://x', privacyMode: true, beforeSend }),
    ).toMatchObject({ apiKey: 'phc', host: 'http://x', privacyMode: true, beforeSend });
  });
});
