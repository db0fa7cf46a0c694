/**
 * Byte encodings used by span records: hex ids and base64 bytes values.
 * Hand-written because `core` is isomorphic (no Buffer, and `btoa` needs a binary string
 * that costs an extra copy); a few dozen lines, exact and allocation-light.
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const HEX_BY_BYTE: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

/** Standard and URL-safe base64 alphabet → 6-bit value, -1 for anything else. */
const SEXTET_BY_CHAR_CODE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let index = 0; index < BASE64_ALPHABET.length; index++)
    table[BASE64_ALPHABET.charCodeAt(index)] = index;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/** Lower-case hex of the bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let index = 0; index < bytes.length; index++) hex += HEX_BY_BYTE[bytes[index]!];
  return hex;
}

/** Standard, padded base64 of the bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    chunk +=
      BASE64_ALPHABET[triple >>> 18]! +
      BASE64_ALPHABET[(triple >>> 12) & 63]! +
      BASE64_ALPHABET[(triple >>> 6) & 63]! +
      BASE64_ALPHABET[triple & 63]!;
    // Flush now and then so very large values don't build one huge rope string.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const remaining = bytes.length - index;
  if (remaining === 1) {
    const byte = bytes[index]!;
    chunk += BASE64_ALPHABET[byte >>> 2]! + BASE64_ALPHABET[(byte & 3) << 4]! + '==';
  } else if (remaining === 2) {
    const pair = (bytes[index]! << 8) | bytes[index + 1]!;
    chunk +=
      BASE64_ALPHABET[pair >>> 10]! +
      BASE64_ALPHABET[(pair >>> 4) & 63]! +
      BASE64_ALPHABET[(pair & 15) << 2]! +
      '=';
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Decode standard or URL-safe base64, padded or not. `undefined` when the text is not
 * base64 (wrong character, misplaced padding or impossible length).
 */
export function base64ToBytes(text: string): Uint8Array | undefined {
  let end = text.length;
  if (end % 4 === 0 && end > 0 && text.charCodeAt(end - 1) === 61 /* = */) {
    end--;
    if (text.charCodeAt(end - 1) === 61) end--;
  }
  if (end % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let byteIndex = 0;
  let buffer = 0;
  let bits = 0;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    const sextet = code < 128 ? SEXTET_BY_CHAR_CODE[code]! : -1;
    if (sextet < 0) return undefined;
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[byteIndex++] = (buffer >>> bits) & 0xff;
    }
  }
  return bytes;
}

/** Whether the hex string is made of zeros only (an invalid OpenTelemetry id). */
export function isAllZeroHex(hex: string): boolean {
  for (let index = 0; index < hex.length; index++)
    if (hex.charCodeAt(index) !== 48 /* 0 */) return false;
  return true;
}

/** Whether the bytes are zeros only. */
export function isAllZeroBytes(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length; index++) if (bytes[index] !== 0) return false;
  return true;
}
