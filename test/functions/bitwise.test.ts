/** Bitwise functions on 64-bit longs, checked against the examples of each function's page in the Kusto docs. */
import { describe, expect, it } from 'vitest';
import { bindErrorOf, call, int, l, r, s, typeOf } from '../helpers/functions.js';

describe('binary_and, binary_or, binary_xor, binary_not', () => {
  it('match the docs examples', () => {
    expect(call('binary_xor', l(1), l(1))).toBe(0);
    expect(call('binary_xor', l(1), l(2))).toBe(3);
    expect(call('binary_not', l(100))).toBe(-101);
  });

  it('work on 64-bit two\'s complement values', () => {
    expect(call('binary_and', l(0b1100), l(0b1010))).toBe(0b1000);
    expect(call('binary_or', l(0b1100), l(0b1010))).toBe(0b1110);
    expect(call('binary_and', l(-1), l(255))).toBe(255);
    expect(call('binary_or', l(-256), l(255))).toBe(-1);
    expect(call('binary_xor', l(-1), l(0))).toBe(-1);
    expect(call('binary_not', l(-1))).toBe(0);
    // Bits above 32 survive (JavaScript's own bitwise operators are 32-bit).
    expect(call('binary_and', l(2 ** 40 + 5), l(2 ** 40 + 4))).toBe(2 ** 40 + 4);
    expect(call('binary_not', l(2 ** 40))).toBe(-(2 ** 40) - 1);
  });
});

describe('binary_shift_left, binary_shift_right', () => {
  it('match the docs examples', () => {
    expect(call('binary_shift_left', l(1), l(2))).toBe(4);
    expect(call('binary_shift_right', l(1), l(2))).toBe(0);
  });

  it('shift by the count modulo 64, and give null for a negative count, as the docs say', () => {
    expect(call('binary_shift_left', l(1), l(40))).toBe(2 ** 40);
    expect(call('binary_shift_left', l(1), l(63))).toBe(-(2 ** 63));
    expect(call('binary_shift_left', l(1), l(64))).toBe(1);
    expect(call('binary_shift_left', l(3), l(66))).toBe(12);
    expect(call('binary_shift_left', l(1), l(-1))).toBeNull();
    expect(call('binary_shift_right', l(1), l(-1))).toBeNull();
  });

  it('shift right arithmetically, keeping the sign', () => {
    expect(call('binary_shift_right', l(-16), l(2))).toBe(-4);
    expect(call('binary_shift_right', l(-1), l(63))).toBe(-1);
    expect(call('binary_shift_right', l(2 ** 40), l(38))).toBe(4);
  });
});

describe('bitset_count_ones', () => {
  it('matches the docs example', () => {
    expect(call('bitset_count_ones', l(42))).toBe(3);
  });

  it('counts the bits of the 64-bit two\'s complement value', () => {
    expect(call('bitset_count_ones', l(0))).toBe(0);
    expect(call('bitset_count_ones', l(-1))).toBe(64);
    expect(call('bitset_count_ones', int(-2))).toBe(63);
    expect(call('bitset_count_ones', l(2 ** 40 + 1))).toBe(2);
  });
});

describe('types and nulls', () => {
  it('take ints and longs, give longs, and pass null through', () => {
    expect(typeOf('binary_and', int(1), int(3))).toBe('long');
    expect(typeOf('binary_not', int(1))).toBe('long');
    expect(typeOf('bitset_count_ones', int(1))).toBe('long');
    expect(call('binary_and', l(null), l(1))).toBeNull();
    expect(call('binary_shift_left', l(1), l(null))).toBeNull();
    expect(call('binary_not', l(null))).toBeNull();
    expect(call('bitset_count_ones', l(null))).toBeNull();
  });

  it('reject reals and text, as the official binder does', () => {
    expect(bindErrorOf('binary_and', r(1.5), l(1))).toBe('binary_and(): argument 1 must be int or long, not real');
    expect(bindErrorOf('binary_shift_left', l(1), s('2'))).toBe('binary_shift_left(): argument 2 must be int or long, not string');
    expect(bindErrorOf('bitset_count_ones', r(1))).toBe('bitset_count_ones(): argument 1 must be int or long, not real');
  });
});
