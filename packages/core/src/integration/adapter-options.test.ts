import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiEvent } from '../types';
import { resolveAdapterOptions } from './adapter-options';
import { defineIntegration } from './define-integration';

const own = defineIntegration({ name: 'own', normalizers: [] });
const other = defineIntegration({ name: 'other', normalizers: [] });
const pricer = (event: AiEvent) => event;

afterEach(() => diag.disable());

describe('resolveAdapterOptions', () => {
  it("puts the caller's integrations before the adapter's and keeps every other option", () => {
    const resolved = resolveAdapterOptions(
      { apiKey: 'k', integrations: [other], privacyMode: true },
      { integration: own },
    );
    expect(resolved.integrations).toEqual([other, own]);
    expect(resolved).toMatchObject({ apiKey: 'k', privacyMode: true });
  });

  it('uses the default pricer unless price is given or false', () => {
    const fallback = () => pricer;
    const custom = (event: AiEvent) => event;
    expect(resolveAdapterOptions({}, { defaultPrice: fallback }).price).toBe(pricer);
    expect(resolveAdapterOptions({ price: custom }, { defaultPrice: fallback }).price).toBe(custom);
    expect(
      resolveAdapterOptions({ price: false }, { defaultPrice: fallback }).price,
    ).toBeUndefined();
    expect(resolveAdapterOptions({}, {}).price).toBeUndefined();
  });

  it('falls back to the defaults, with one error, when the options cannot be read', () => {
    const errors: string[] = [];
    diag.setLogger(
      { error: (...args: unknown[]) => errors.push(args.join(' ')) } as never,
      DiagLogLevel.ERROR,
    );
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys');
        },
      },
    );
    const resolved = resolveAdapterOptions(hostile, { integration: own });
    expect(resolved).toEqual({ integrations: [own] });
    expect(errors).toEqual([expect.stringContaining('unreadable options; using the defaults')]);
  });

  it('sends unpriced, with one error, when the default price table fails to load', () => {
    const errors: string[] = [];
    diag.setLogger(
      { error: (...args: unknown[]) => errors.push(args.join(' ')) } as never,
      DiagLogLevel.ERROR,
    );
    const resolved = resolveAdapterOptions(
      { apiKey: 'k' },
      {
        defaultPrice: () => {
          throw new Error('table missing');
        },
      },
    );
    expect(resolved.price).toBeUndefined();
    expect(resolved.apiKey).toBe('k');
    expect(errors).toEqual([expect.stringContaining('table missing')]);
  });
});
