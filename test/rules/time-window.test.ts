/** The run window: a scan for one run, an index for schedules; both give the same rows in file order. */
import { describe, expect, it } from 'vitest';
import { restrictToWindow, TimeIndex } from '../../src/rules/time-window.js';
import { table } from './helpers.js';

describe('restricting a table to a window', () => {
  // Times out of order, repeated, null, and on both bounds.
  const times = [50n, 10n, null, 20n, 20n, 40n, 30n, 60n, 10n, null, 30n];
  const T = table('TimeGenerated:datetime, Row:long', times.map((v, i) => [v, i]));
  const rowsOf = (t: ReturnType<typeof restrictToWindow>) => t.rows().map((r) => r[1]);

  it.each([
    [20n, 40n],
    [10n, 60n],
    [0n, 5n],
    [30n, 30n],
    [55n, 100n],
  ])('[%s, %s]: the scan and the index agree', (start, end) => {
    const scanned = rowsOf(restrictToWindow(T, { column: 'TimeGenerated', start, end }));
    const expected = times.flatMap((v, i) => (v !== null && v >= start && v <= end ? [i] : []));
    expect(scanned).toEqual(expected);
    expect(rowsOf(restrictToWindow(T, { column: 'TimeGenerated', start, end }, new TimeIndex('TimeGenerated')))).toEqual(expected);
  });

  it('leaves a table without a datetime TimeGenerated alone', () => {
    const U = table('TimeGenerated:string, Row:long', [['x', 1]]);
    expect(restrictToWindow(U, { column: 'TimeGenerated', start: 0n, end: 1n })).toBe(U);
    expect(restrictToWindow(U, { column: 'TimeGenerated', start: 0n, end: 1n }, new TimeIndex('TimeGenerated'))).toBe(U);
  });

  it('narrows on the window\'s named time column (an XQL _time), not on TimeGenerated', () => {
    const X = table('_time:datetime, Row:long, TimeGenerated:datetime', [[10n, 0, 99n], [99n, 1, 10n], [20n, 2, null]]);
    const window = { column: '_time', start: 0n, end: 50n };
    expect(rowsOf(restrictToWindow(X, window))).toEqual([0, 2]);
    expect(rowsOf(restrictToWindow(X, window, new TimeIndex('_time')))).toEqual([0, 2]);
  });
});
