/**
 * The checksums that close zlib and gzip streams: Adler-32 (RFC 1950) and the CRC-32 of ISO 3309 /
 * ITU-T V.42 (RFC 1952, reflected polynomial 0xEDB88320). Both as unsigned 32-bit numbers.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const ADLER_BASE = 65521;
/** The most bytes whose sums cannot overflow 2^53 before reducing modulo 65521 (zlib uses 5552 for 32 bits). */
const ADLER_BLOCK = 1 << 20;

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let start = 0; start < bytes.length; start += ADLER_BLOCK) {
    const end = Math.min(start + ADLER_BLOCK, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}
