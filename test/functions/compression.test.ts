/** zlib and gzip to and from base64, checked against the examples of their pages in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { gzipDecompress, zlibDecompress } from '../../src/functions/scalar/compression.js';
import { base64Decode, base64Encode } from '../../src/functions/scalar/encoding.js';
import { bindErrorOf, call, l, s, typeOf } from '../helpers/functions.js';

const texts = ['1234567890qwertyuiop', '', 'Test string 123', 'héllo wörld 😀 '.repeat(200), 'a\nb\r\n"c",d'];

describe('zlib', () => {
  it('decompresses the docs examples', () => {
    expect(call('zlib_decompress_from_base64_string', s('eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4='))).toBe('Test string 123');
    expect(call('zlib_decompress_from_base64_string', s('x0x0x0'))).toBe('');
  });

  it('decompresses what Kusto compressed in the docs example (a stored block)', () => {
    expect(call('zlib_decompress_from_base64_string', s('eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw=='))).toBe('1234567890qwertyuiop');
  });

  it('round-trips, with a 32 KiB window header and an Adler-32 trailer', () => {
    for (const text of texts) {
      const packed = call('zlib_compress_to_base64_string', s(text)) as string;
      expect(call('zlib_decompress_from_base64_string', s(packed))).toBe(text);
      const bytes = base64Decode(packed)!;
      expect([bytes[0], bytes[1]]).toEqual([0x78, 0x9c]);
    }
    const long = 'abc'.repeat(1000);
    expect((call('zlib_compress_to_base64_string', s(long)) as string).length).toBeLessThan(100);
  });

  it('gives the empty string for a damaged stream, another window size, or a preset dictionary', () => {
    const good = base64Decode('eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=')!;
    const damaged = (change: (b: Uint8Array) => void) => {
      const b = good.slice();
      change(b);
      return base64Encode(b);
    };
    expect(call('zlib_decompress_from_base64_string', s(damaged((b) => (b[b.length - 1]! ^= 1))))).toBe('');
    expect(call('zlib_decompress_from_base64_string', s(damaged((b) => (b[5]! ^= 0x40))))).toBe('');
    expect(zlibDecompress(Uint8Array.of(0x68, 0x81, ...good.subarray(2)))).toBeNull();
    expect(zlibDecompress(Uint8Array.of(0x78, 0xbb, ...good.subarray(2)))).toBeNull();
    expect(call('zlib_decompress_from_base64_string', s(base64Encode(good.subarray(0, 10))))).toBe('');
    expect(call('zlib_decompress_from_base64_string', s(''))).toBe('');
  });
});

describe('gzip', () => {
  it('decompresses the docs examples', () => {
    expect(call('gzip_decompress_from_base64_string', s('H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA=='))).toBe('1234567890qwertyuiop');
    expect(call('gzip_decompress_from_base64_string', s('x0x0x0'))).toBe('');
  });

  it('round-trips, with the header fields of the docs example and a CRC-32 and size trailer', () => {
    for (const text of texts) {
      const packed = call('gzip_compress_to_base64_string', s(text)) as string;
      expect(call('gzip_decompress_from_base64_string', s(packed))).toBe(text);
      expect(Array.from(base64Decode(packed)!.subarray(0, 10))).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    }
    expect(call('gzip_compress_to_base64_string', s('1234567890qwertyuiop'))).toMatch(/^H4sIAAAAAAAA\//);
  });

  it('checks ID1, ID2, CM and a zero FLG, and the trailer', () => {
    const good = base64Decode('H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==')!;
    const with_ = (at: number, byte: number) => {
      const b = good.slice();
      b[at] = byte;
      return b;
    };
    expect(gzipDecompress(good)).not.toBeNull();
    expect(gzipDecompress(with_(0, 0x1e))).toBeNull();
    expect(gzipDecompress(with_(1, 0x8c))).toBeNull();
    expect(gzipDecompress(with_(2, 7))).toBeNull();
    expect(gzipDecompress(with_(3, 8))).toBeNull();
    expect(gzipDecompress(with_(good.length - 8, good[good.length - 8]! ^ 1))).toBeNull();
    expect(gzipDecompress(with_(good.length - 4, 21))).toBeNull();
  });

  it('gives the empty string for bytes that are not UTF-8 text', () => {
    const notText = 'H4sIAAAAAAAA/wEBAP7//wAAAP8BAAAA';
    expect(Array.from(gzipDecompress(base64Decode(notText)!)!)).toEqual([0xff]);
    expect(call('gzip_decompress_from_base64_string', s(notText))).toBe('');
  });
});

describe('types', () => {
  it('take strings and give strings', () => {
    for (const fn of ['zlib_compress_to_base64_string', 'zlib_decompress_from_base64_string', 'gzip_compress_to_base64_string', 'gzip_decompress_from_base64_string']) {
      expect(typeOf(fn, s('x')), fn).toBe('string');
      expect(bindErrorOf(fn, l(1)), fn).toBe(`${fn}(): argument 1 must be string, not long`);
    }
  });
});
