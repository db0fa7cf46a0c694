/**
 * One spooled request per file, framed so a partial or damaged file is recognised:
 * `LAS1` magic, payload length (u32 BE), CRC-32 of the payload (u32 BE), payload. The payload
 * is a meta length (u32 BE), the meta JSON (headers, items), then the request body.
 */
import * as zlib from 'node:zlib';
import type { SpooledRequest } from '../export/spool';

const MAGIC = Buffer.from('LAS1', 'latin1');
const HEADER_BYTES = 12;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** zlib's native CRC-32 (Node 20.15+, 22.2+): ~10× the JS table's speed on large bodies. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 (IEEE), natively where Node has `zlib.crc32`, else from a table. */
export function crc32(bytes: Uint8Array): number {
  return typeof nativeCrc32 === 'function' ? nativeCrc32(bytes) : tableCrc32(bytes);
}

/** CRC-32 (IEEE) from a table, for Node before 20.15. */
export function tableCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The bytes of one spool file holding `request`. */
export function encodeRecord(request: SpooledRequest): Buffer {
  const meta = Buffer.from(JSON.stringify({ headers: request.headers, items: request.items }));
  const payload = Buffer.allocUnsafe(4 + meta.length + request.body.length);
  payload.writeUInt32BE(meta.length, 0);
  meta.copy(payload, 4);
  payload.set(request.body, 4 + meta.length);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(payload.length, 4);
  header.writeUInt32BE(crc32(payload), 8);
  return Buffer.concat([header, payload]);
}

export type DecodedRecord =
  { ok: true; request: SpooledRequest } | { ok: false; reason: string; items?: number };

function readMeta(payload: Buffer): { headers: Record<string, string>; items: number } {
  const metaLength = payload.readUInt32BE(0);
  const meta = JSON.parse(payload.subarray(4, 4 + metaLength).toString('utf8')) as {
    headers?: unknown;
    items?: unknown;
  };
  if (typeof meta.items !== 'number' || typeof meta.headers !== 'object' || !meta.headers)
    throw new Error('meta without headers or items');
  return { headers: meta.headers as Record<string, string>, items: meta.items };
}

/** The request in a spool file, or why it cannot be trusted (with its item count if legible). */
export function decodeRecord(file: Buffer): DecodedRecord {
  if (file.length < HEADER_BYTES || !file.subarray(0, 4).equals(MAGIC))
    return { ok: false, reason: 'no record header (empty or foreign file)' };
  const length = file.readUInt32BE(4);
  const payload = file.subarray(HEADER_BYTES);
  if (payload.length !== length || crc32(payload) !== file.readUInt32BE(8)) {
    let items: number | undefined;
    try {
      items = readMeta(payload).items;
    } catch {
      // The meta is cut off too: the item count is unknown.
    }
    return {
      ok: false,
      reason:
        payload.length < length
          ? `partial record (${payload.length} of ${length} bytes)`
          : 'checksum mismatch',
      items,
    };
  }
  try {
    const { headers, items } = readMeta(payload);
    const body = new Uint8Array(payload.subarray(4 + payload.readUInt32BE(0)));
    return { ok: true, request: { headers, items, body } };
  } catch (error) {
    return { ok: false, reason: `unreadable meta: ${String(error)}` };
  }
}
