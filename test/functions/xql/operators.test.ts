/** The functions XQL's operators lower to: case folding, the null test and contains. */
import { describe, expect, it } from 'vitest';
import { b, d, l, s, xqlCall as call } from '../../helpers/functions.js';

describe('XQL operator functions', () => {
  it('$fold lowers text and leaves other values alone', () => {
    expect(call('$fold', s('SCAN: TCP'))).toBe('scan: tcp');
    expect(call('$fold', l(5))).toBe(5);
  });
  it('$isnull is true only for null', () => {
    expect(call('$isnull', { type: 'string', value: null })).toBe(true);
    expect(call('$isnull', s(''))).toBe(false);
  });
  it('contains: a substring of text, case per the query (the Supported operators page)', () => {
    expect(call('$contains', s('reset-both'), s('RESET'), b(false))).toBe(true);
    expect(call('$contains', s('reset-both'), s('RESET'), b(true))).toBe(false);
    expect(call('$contains', { type: 'string', value: null }, s('x'), b(false))).toBeNull();
  });
  it('contains on an array: an element equal to the value, not a substring of one', () => {
    expect(call('$contains', d(['10.50.9.7', '10.50.9.8']), s('10.50.9.7'), b(true))).toBe(true);
    expect(call('$contains', d(['10.50.9.71']), s('10.50.9.7'), b(true))).toBe(false);
    expect(call('$contains', d([]), s('10.50.9.7'), b(true))).toBe(false);
  });
});
