/**
 * Scalar functions: hash() and hash_xxhash64(), the xxhash64 of a value's bytes.
 *
 * The bytes hashed are a string's UTF-8 and a datetime's ticks counted from 0001-01-01 as a
 * little-endian 64-bit integer: these reproduce the documented hash("World") and
 * hash(datetime(2015-01-01)). The docs show no other types; for them kqlx hashes the value's .NET
 * binary form the same way (docs/semantics.md, "Functions").
 *
 * The hash is a signed 64-bit long, held like every long as a JavaScript number (exact up to 2^53).
 * The modulo is taken on the exact unsigned 64-bit hash, so hash(x, n) is exact.
 */
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';
import { xxhash64 } from '../xxhash64.js';
import { EPOCH_TICKS } from '../../types/datetime.js';
import { define } from './string.js';

const utf8 = new TextEncoder();

function int64Bytes(n: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, n), true);
  return bytes;
}

function doubleBytes(x: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, x, true);
  return bytes;
}

/** A guid's 16 bytes in .NET's order: the first three groups little-endian, the last two as written. */
function guidBytes(guid: string): Uint8Array {
  const hex = guid.replace(/-/g, '');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  bytes.subarray(0, 4).reverse();
  bytes.subarray(4, 6).reverse();
  bytes.subarray(6, 8).reverse();
  return bytes;
}

/** The bytes hash() hashes for a value of `type`; null for null (and for a long that overflowed to infinity). */
export function hashedBytes(v: Value, type: ScalarType): Uint8Array | null {
  if (v === null) return null;
  switch (type) {
    case 'string':
      return utf8.encode(v as string);
    case 'datetime':
      return int64Bytes((v as bigint) + EPOCH_TICKS);
    case 'timespan':
      return int64Bytes(v as bigint);
    case 'int':
    case 'long':
      return Number.isFinite(v) ? int64Bytes(BigInt(Math.trunc(v as number))) : null;
    case 'real':
    case 'decimal':
      return doubleBytes(v as number);
    case 'bool':
      return Uint8Array.of(v ? 1 : 0);
    case 'guid':
      return guidBytes(v as string);
    case 'dynamic':
      // Not reached: hash() takes no dynamic argument, as the official binder rejects it.
      return null;
  }
}

/**
 * hash(source [, mod]): the signed xxhash64 of source, or its unsigned value modulo mod (0 to mod - 1).
 * A null source, or a null or non-positive mod, gives null.
 */
function hashFunction(name: string): ScalarFunction {
  return define({
    name, min: 1, max: 2, kinds: ['notDynamic', 'integer'],
    bind: (args) => {
      const type = args[0]!.type;
      const withMod = args.length === 2;
      return {
        type: 'long',
        impl: (v) => {
          const bytes = hashedBytes(v[0]!, type);
          if (bytes === null) return null;
          const h = xxhash64(bytes);
          if (!withMod) return Number(BigInt.asIntN(64, h));
          const mod = v[1] as number | null;
          if (mod === null || !(mod >= 1)) return null;
          return Number(h % BigInt(Math.trunc(mod)));
        },
      };
    },
  });
}

export const hashFunctions: ScalarFunction[] = [hashFunction('hash'), hashFunction('hash_xxhash64')];
