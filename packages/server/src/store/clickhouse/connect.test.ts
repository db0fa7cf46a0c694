import { describe, expect, it } from 'vitest';
import { StoreOpenError } from '../store-open-error';
import { loadOptionalPackage } from './connect';

describe('optional ClickHouse packages', () => {
  it('a missing package is a one-line error naming it', async () => {
    const missing = '@llm-analytics/not-installed-anywhere';
    const error = await loadOptionalPackage(missing, 'a chdb: store', () => import(missing)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toBe(
      `a chdb: store needs the "${missing}" package: npm install ${missing}`,
    );
  });

  it('other import failures are not disguised as a missing package', async () => {
    const failure = new Error('native library failed to load');
    await expect(
      loadOptionalPackage('chdb', 'a chdb: store', () => Promise.reject(failure)),
    ).rejects.toBe(failure);
  });
});
