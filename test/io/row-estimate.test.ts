import { describe, expect, it } from 'vitest';
import { RowEstimator } from '../../src/io/row-estimate.js';

function estimate(totalBytes: number, minRowBytes: number, rowBytes: (i: number) => number): number | undefined {
  let result: number | undefined;
  const e = new RowEstimator(totalBytes, minRowBytes, (rows) => (result = rows));
  for (let i = 0; i < 100_000; i++) e.add(rowBytes(i));
  return result;
}

describe('row estimate', () => {
  it('extrapolates the first megabyte of rows, with a little headroom', () => {
    expect(estimate(500 << 20, 10, () => 500)).toBe(Math.ceil((500 << 20) / 500 * 1.1));
  });

  it('says nothing for a file the sample mostly covers', () => {
    expect(estimate(1.5 * 2 ** 20, 10, () => 500)).toBeUndefined();
  });

  it('never exceeds the rows the file could physically hold', () => {
    expect(estimate(500 << 20, 100, () => 20)).toBe((500 << 20) / 100);
  });
});
