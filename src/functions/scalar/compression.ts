/**
 * Scalar functions: zlib and gzip compression to and from base64 text (zlib_compress_to_base64_string,
 * zlib_decompress_from_base64_string, gzip_compress_to_base64_string, gzip_decompress_from_base64_string).
 *
 * The deflate data itself comes from fflate, a dependency-free deflate written in JavaScript, because
 * this code must also run in a browser (node:zlib is for src/io and src/cli only). The zlib (RFC 1950)
 * and gzip (RFC 1952) framing around it is written here, so that it follows the docs: zlib with a
 * 32 KiB window only ("the only supported window size is 15"), gzip with the mandatory header fields
 * checked, FLG zero and no optional fields. Both trailers (Adler-32, CRC-32 and length) are checked.
 * Anything that fails to decode gives the empty string; the text is the UTF-8 of the string, and
 * decompressed bytes that are not UTF-8 also give the empty string.
 *
 * Compressed output is a valid stream but not byte-for-byte Kusto's: the docs' examples store their
 * short inputs uncompressed, kqlx compresses at zlib's default level (docs/semantics.md, "Functions").
 */
import { deflateSync, inflateSync } from 'fflate';
import { adler32, crc32 } from '../checksums.js';
import type { ScalarFunction } from '../types.js';
import { base64Decode, base64Encode } from './encoding.js';
import { define } from './string.js';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** CMF 0x78: deflate with a 32 KiB window; FLG 0x9C: default level, no dictionary, check bits. */
const ZLIB_HEADER = [0x78, 0x9c];
/** ID1 ID2, CM deflate, FLG 0, MTIME 0, XFL 0, OS 255 (unknown), as in the docs' example output. */
const GZIP_HEADER = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function uint32(n: number, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n, littleEndian);
  return bytes;
}

function readUint32(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, littleEndian);
}

export function zlibCompress(data: Uint8Array): Uint8Array {
  return concat(ZLIB_HEADER, deflateSync(data), uint32(adler32(data), false));
}

export function gzipCompress(data: Uint8Array): Uint8Array {
  return concat(GZIP_HEADER, deflateSync(data), uint32(crc32(data), true), uint32(data.length >>> 0, true));
}

/** The deflate data between a header and a trailer, or null when it does not inflate. */
function inflate(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
  try {
    return inflateSync(bytes.subarray(start, end));
  } catch {
    return null;
  }
}

export function zlibDecompress(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 6) return null;
  const [cmf, flg] = [bytes[0]!, bytes[1]!];
  const deflateWith32KiBWindow = cmf === 0x78;
  const checkBitsHold = (cmf * 256 + flg) % 31 === 0;
  const presetDictionary = (flg & 0x20) !== 0;
  if (!deflateWith32KiBWindow || !checkBitsHold || presetDictionary) return null;
  const data = inflate(bytes, 2, bytes.length - 4);
  if (!data || adler32(data) !== readUint32(bytes, bytes.length - 4, false)) return null;
  return data;
}

export function gzipDecompress(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 18) return null;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8 || bytes[3] !== 0) return null;
  const data = inflate(bytes, 10, bytes.length - 8);
  if (!data) return null;
  const crcHolds = crc32(data) === readUint32(bytes, bytes.length - 8, true);
  const sizeHolds = (data.length >>> 0) === readUint32(bytes, bytes.length - 4, true);
  return crcHolds && sizeHolds ? data : null;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return '';
  }
}

function compressor(name: string, compress: (data: Uint8Array) => Uint8Array): ScalarFunction {
  return define({
    name, min: 1, max: 1, kinds: ['string'],
    bind: () => ({ type: 'string', impl: (v) => base64Encode(compress(utf8.encode(v[0] as string))) }),
  });
}

function decompressor(name: string, decompress: (bytes: Uint8Array) => Uint8Array | null): ScalarFunction {
  return define({
    name, min: 1, max: 1, kinds: ['string'],
    bind: () => ({
      type: 'string',
      impl: (v) => {
        const bytes = base64Decode(v[0] as string);
        const data = bytes && decompress(bytes);
        return data ? decodeUtf8(data) : '';
      },
    }),
  });
}

export const compressionFunctions: ScalarFunction[] = [
  compressor('zlib_compress_to_base64_string', zlibCompress),
  decompressor('zlib_decompress_from_base64_string', zlibDecompress),
  compressor('gzip_compress_to_base64_string', gzipCompress),
  decompressor('gzip_decompress_from_base64_string', gzipDecompress),
];
