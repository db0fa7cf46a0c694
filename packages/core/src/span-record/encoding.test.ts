/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToHex, isAllZeroHex } from './encoding';

describe('encoding', () => {
  it('base64-encodes exactly like Buffer for every length and byte', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length * 11) & 0xff);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
      expect(base64ToBytes(Buffer.from(bytes).toString('base64url'))).toEqual(bytes);
    }
    const large = Uint8Array.from({ length: 100_003 }, (_, index) => index & 0xff);
    expect(bytesToBase64(large)).toBe(Buffer.from(large).toString('base64'));
  });

  it('rejects text that is not base64', () => {
    for (const text of ['a', 'abcde', 'ab!d', 'é===', 'ab=c', '===='])
      expect(base64ToBytes(text)).toBeUndefined();
  });

  it('hex-encodes lower case', () => {
    expect(bytesToHex(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
    expect(isAllZeroHex('0000')).toBe(true);
    expect(isAllZeroHex('0010')).toBe(false);
  });
});
