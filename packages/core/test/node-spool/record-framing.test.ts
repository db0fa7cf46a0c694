import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, decodeRecord, encodeRecord, tableCrc32 } from '../../src/node-spool/record-framing';

const request = {
  body: new TextEncoder().encode('{"api_key":"phc","batch":[{"uuid":"a"}]}'),
  headers: { 'content-type': 'application/json' },
  items: 3,
};

describe('spool record framing', () => {
  it('computes the CRC-32 zlib computes', () => {
    const bytes = Buffer.from('durable delivery');
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    // The fallback for Node before 20.15 agrees.
    expect(tableCrc32(bytes)).toBe(zlibCrc32(bytes));
    const large = Buffer.alloc(100_000, 0xa7);
    expect(tableCrc32(large)).toBe(zlibCrc32(large));
  });

  it('reads back the request it wrote', () => {
    const decoded = decodeRecord(encodeRecord(request));
    expect(decoded).toEqual({ ok: true, request });
  });

  it('recognises a record cut off by a crash, with its item count when the header survived', () => {
    const bytes = encodeRecord(request);
    const cut = decodeRecord(bytes.subarray(0, bytes.length - 5));
    expect(cut).toMatchObject({ ok: false, items: 3 });
    expect((cut as { reason: string }).reason).toMatch(/^partial record/);
    expect(decodeRecord(bytes.subarray(0, 6))).toMatchObject({ ok: false });
    expect(decodeRecord(Buffer.alloc(0))).toMatchObject({ ok: false });
  });

  it('recognises a flipped byte by its checksum', () => {
    const bytes = Buffer.from(encodeRecord(request));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 0xff, bytes.length - 2);
    expect(decodeRecord(bytes)).toMatchObject({ ok: false, reason: 'checksum mismatch' });
  });
});
