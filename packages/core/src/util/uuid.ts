/**
 * Deterministic UUIDs (version 8, RFC 9562) from a string key, so re-sending a span yields
 * the same event uuid and the store can dedupe. MurmurHash3 x86 128-bit: fast, synchronous
 * and without `crypto`, which core cannot assume.
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

/** MurmurHash3 x86_128 over the UTF-16 code units of a string (keys here are ASCII ids). */
export function murmur3x86_128(key: string, seed = 0): [number, number, number, number] {
  let h1 = seed >>> 0,
    h2 = seed >>> 0,
    h3 = seed >>> 0,
    h4 = seed >>> 0;
  const c1 = 0x239b961b,
    c2 = 0xab0e9789,
    c3 = 0x38b34ae5,
    c4 = 0xa1e38b93;
  const length = key.length;
  const blocks = length - (length % 16);
  const word = (i: number): number =>
    (key.charCodeAt(i) & 0xff) |
    ((key.charCodeAt(i + 1) & 0xff) << 8) |
    ((key.charCodeAt(i + 2) & 0xff) << 16) |
    ((key.charCodeAt(i + 3) & 0xff) << 24);
  for (let i = 0; i < blocks; i += 16) {
    let k1 = word(i),
      k2 = word(i + 4),
      k3 = word(i + 8),
      k4 = word(i + 12);
    k1 = Math.imul(rotl(Math.imul(k1, c1), 15), c2);
    h1 ^= k1;
    h1 = rotl(h1, 19) + h2;
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, c2), 16), c3);
    h2 ^= k2;
    h2 = rotl(h2, 17) + h3;
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, c3), 17), c4);
    h3 ^= k3;
    h3 = rotl(h3, 15) + h4;
    h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, c4), 18), c1);
    h4 ^= k4;
    h4 = rotl(h4, 13) + h1;
    h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
  }
  let k1 = 0,
    k2 = 0,
    k3 = 0,
    k4 = 0;
  const tail = length - blocks;
  const byte = (j: number): number => key.charCodeAt(blocks + j) & 0xff;
  /* eslint-disable no-fallthrough */
  switch (tail) {
    case 15:
      k4 ^= byte(14) << 16;
    case 14:
      k4 ^= byte(13) << 8;
    case 13:
      k4 ^= byte(12);
      k4 = Math.imul(rotl(Math.imul(k4, c4), 18), c1);
      h4 ^= k4;
    case 12:
      k3 ^= byte(11) << 24;
    case 11:
      k3 ^= byte(10) << 16;
    case 10:
      k3 ^= byte(9) << 8;
    case 9:
      k3 ^= byte(8);
      k3 = Math.imul(rotl(Math.imul(k3, c3), 17), c4);
      h3 ^= k3;
    case 8:
      k2 ^= byte(7) << 24;
    case 7:
      k2 ^= byte(6) << 16;
    case 6:
      k2 ^= byte(5) << 8;
    case 5:
      k2 ^= byte(4);
      k2 = Math.imul(rotl(Math.imul(k2, c2), 16), c3);
      h2 ^= k2;
    case 4:
      k1 ^= byte(3) << 24;
    case 3:
      k1 ^= byte(2) << 16;
    case 2:
      k1 ^= byte(1) << 8;
    case 1:
      k1 ^= byte(0);
      k1 = Math.imul(rotl(Math.imul(k1, c1), 15), c2);
      h1 ^= k1;
  }
  /* eslint-enable no-fallthrough */
  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Two hex digits per byte value: `Number#toString(16)` on uint32s above 2^31 is slow in V8. */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

const hex8 = (n: number): string =>
  HEX_BYTES[n >>> 24]! +
  HEX_BYTES[(n >>> 16) & 0xff]! +
  HEX_BYTES[(n >>> 8) & 0xff]! +
  HEX_BYTES[n & 0xff]!;

/** A version-8 UUID derived from the key: same key, same uuid. */
export function deterministicUuid(key: string): string {
  const [a, b, c, d] = murmur3x86_128(key);
  const hex = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
