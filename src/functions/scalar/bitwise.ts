/**
 * Scalar functions: bitwise operations on longs (binary_and, binary_or, binary_xor, binary_not,
 * binary_shift_left, binary_shift_right, bitset_count_ones).
 *
 * Operands are 64-bit two's complement integers, as .NET's long is: the work is done on bigints
 * wrapped to 64 bits, then held as a JavaScript number like every long (exact up to 2^53).
 * Ints are widened to long first, so every result is a long, as Kusto.Language types them.
 */
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../types.js';
import { define } from './string.js';

/** A long as 64-bit two's complement; null for null (or a long that overflowed to infinity). */
function toInt64(v: Value): bigint | null {
  return typeof v === 'number' && Number.isFinite(v) ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : null;
}

const fromInt64 = (n: bigint): number => Number(BigInt.asIntN(64, n));

/** A function of two longs; null when either is null. */
function binary(name: string, op: (a: bigint, b: bigint) => bigint | null): ScalarFunction {
  return define({
    name, min: 2, max: 2, kinds: ['integer', 'integer'],
    bind: () => ({
      type: 'long',
      impl: (v) => {
        const a = toInt64(v[0]!);
        const b = toInt64(v[1]!);
        if (a === null || b === null) return null;
        const r = op(a, b);
        return r === null ? null : fromInt64(r);
      },
    }),
  });
}

/** A function of one long; null for null. */
function unary(name: string, op: (a: bigint) => bigint): ScalarFunction {
  return define({
    name, min: 1, max: 1, kinds: ['integer'],
    bind: () => ({
      type: 'long',
      impl: (v) => {
        const a = toInt64(v[0]!);
        return a === null ? null : fromInt64(op(a));
      },
    }),
  });
}

/** The docs: the value is shifted by shift % 64, and a negative shift gives null. */
function shift(by: (a: bigint, n: bigint) => bigint) {
  return (a: bigint, n: bigint): bigint | null => (n < 0n ? null : by(a, n % 64n));
}

function countOnes(a: bigint): bigint {
  let bits = BigInt.asUintN(64, a);
  let count = 0n;
  while (bits !== 0n) {
    bits &= bits - 1n;
    count++;
  }
  return count;
}

export const bitwiseFunctions: ScalarFunction[] = [
  binary('binary_and', (a, b) => a & b),
  binary('binary_or', (a, b) => a | b),
  binary('binary_xor', (a, b) => a ^ b),
  unary('binary_not', (a) => ~a),
  binary('binary_shift_left', shift((a, n) => a << n)),
  // `>>` on a signed bigint is arithmetic, as C#'s >> on a long is.
  binary('binary_shift_right', shift((a, n) => a >> n)),
  unary('bitset_count_ones', countOnes),
];
