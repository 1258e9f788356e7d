/** hash() and hash_xxhash64(), checked bit for bit against the examples of their pages in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { hashedBytes } from '../../src/functions/scalar/hash.js';
import { xxhash64 } from '../../src/functions/xxhash64.js';
import { parseDatetime } from '../../src/types/datetime.js';
import { b, bindErrorOf, call, d, dt, int, l, r, s, ts, typeOf } from '../helpers/functions.js';

const signed = (h: bigint) => BigInt.asIntN(64, h);
const hashOf = (v: Parameters<typeof hashedBytes>[0], type: Parameters<typeof hashedBytes>[1]) => signed(xxhash64(hashedBytes(v, type)!));

describe('xxhash64', () => {
  it('gives the docs values exactly', () => {
    expect(hashOf('World', 'string')).toBe(1846988464401551951n);
    expect(hashOf('Hello', 'string')).toBe(753694413698530628n);
    expect(hashOf(parseDatetime('2015-01-01')!, 'datetime')).toBe(1380966698541616202n);
  });

  // With the docs values ('Hello' and 'World' take the 4-byte and 1-byte steps, a datetime the 8-byte
  // step), these reference values of XXH64 cover each of its paths: empty input, single bytes, and
  // the 32-byte stripes.
  it('matches published XXH64 values', () => {
    expect(xxhash64(new Uint8Array(0))).toBe(0xef46db3751d8e999n);
    expect(xxhash64(new TextEncoder().encode('a'))).toBe(0xd24ec4f1a98c6e5bn);
    expect(xxhash64(new TextEncoder().encode('abc'))).toBe(0x44bc2cf5ad770999n);
    expect(xxhash64(new TextEncoder().encode('Nobody inspects the spammish repetition'))).toBe(0xfbcea83c8a378bf1n);
  });
});

describe('hash', () => {
  it('matches the docs examples (as longs, held to double precision)', () => {
    expect(call('hash', s('World'))).toBe(Number(1846988464401551951n));
    expect(call('hash', dt('2015-01-01'))).toBe(Number(1380966698541616202n));
    expect(call('hash_xxhash64', s('World'))).toBe(Number(1846988464401551951n));
  });

  it('takes the modulo of the exact hash, as the docs example does', () => {
    expect(call('hash', s('World'), l(100))).toBe(51);
    expect(call('hash_xxhash64', s('World'), l(100))).toBe(51);
    expect(call('hash', dt('2015-01-01'), int(10))).toBe(2);
    // The modulo of the unsigned hash: never negative, below mod.
    const negative = hashOf('', 'string');
    expect(negative < 0n).toBe(true);
    expect(call('hash', s(''), l(1000))).toBe(Number(BigInt.asUintN(64, negative) % 1000n));
  });

  it('hashes other types by their binary form', () => {
    expect(call('hash', l(1))).toBe(Number(signed(xxhash64(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0)))));
    expect(call('hash', int(1))).toBe(call('hash', l(1)));
    expect(call('hash', l(-1))).toBe(Number(signed(xxhash64(new Uint8Array(8).fill(255)))));
    expect(call('hash', r(1))).toBe(Number(signed(xxhash64(Uint8Array.of(0, 0, 0, 0, 0, 0, 0xf0, 0x3f)))));
    expect(call('hash', b(true))).toBe(Number(signed(xxhash64(Uint8Array.of(1)))));
    expect(call('hash', ts('00:00:01'))).toBe(call('hash', l(10_000_000)));
    const guid = { type: 'guid' as const, value: '00112233-4455-6677-8899-aabbccddeeff' };
    const dotNetOrder = Uint8Array.of(0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);
    expect(call('hash', guid)).toBe(Number(signed(xxhash64(dotNetOrder))));
  });

  it('gives null for a null value or a null or non-positive mod', () => {
    expect(call('hash', l(null))).toBeNull();
    expect(call('hash', dt(null))).toBeNull();
    expect(call('hash', s('World'), l(0))).toBeNull();
    expect(call('hash', s('World'), l(-5))).toBeNull();
    expect(call('hash', s('World'), l(null))).toBeNull();
  });

  it('is a long, takes no dynamic value and an integer mod', () => {
    expect(typeOf('hash', s('x'))).toBe('long');
    expect(typeOf('hash', s('x'), int(3))).toBe('long');
    expect(bindErrorOf('hash', d('x'))).toBe('hash(): argument 1 must be a scalar other than dynamic, not dynamic');
    expect(bindErrorOf('hash', s('x'), r(2))).toBe('hash(): argument 2 must be int or long, not real');
  });
});
