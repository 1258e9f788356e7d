/**
 * Column reads after a filter or sort: compiled reads of gathered typed columns (strings, numbers,
 * ticks, with and without nulls) give exactly the values of the rows picked, and successive filters
 * that compose their row lists once per table keep every column aligned.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/common/random.js';
import { compileExpr } from '../../src/eval/compile.js';
import { runPlan } from '../../src/eval/run.js';
import { DEFAULT_LIMITS } from '../../src/eval/limits.js';
import type { RunState } from '../../src/eval/state.js';
import {
  BoolColumn, type Column, columnFromValues, GatherColumn, NumberColumn, StringColumn, TicksColumn, ValueColumn,
} from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import type { ScalarType } from '../../src/types/scalar-type.js';
import { parseDatetime } from '../../src/types/datetime.js';
import type { Value } from '../../src/types/value.js';
import { rows, table } from '../helpers/run.js';

const state: RunState = { ctx: { now: 0n, random: seededRandom(0) }, tables: () => undefined, stringNulls: 'keep', limits: DEFAULT_LIMITS, warnings: [], cache: new Map(), subqueries: new Map() };

/** Every row of `col` as the compiled read of `Column 0` over a one-column table gives it. */
function readAll(col: Column, type: ScalarType): Value[] {
  const t = new Table([{ name: 'c', type }], [col]);
  const read = compileExpr({ kind: 'Column', index: 0, type }, t, state, runPlan);
  return Array.from({ length: t.rowCount }, (_, r) => read(r));
}

const dt = (text: string) => parseDatetime(text)!;
const PICK = Uint32Array.from([4, 0, 2, 2, 5]);

describe('compiled reads of gathered columns', () => {
  const cases: { type: ScalarType; values: Value[]; store: new (...a: never[]) => Column }[] = [
    { type: 'string', values: ['a', '', 'c', 'd', 'e', 'f'], store: StringColumn },
    { type: 'long', values: [1, null, 3, 4, null, 6], store: NumberColumn },
    { type: 'real', values: [1.5, 2.5, 3.5, 4.5, 5.5, 6.5], store: NumberColumn },
    { type: 'datetime', values: [1n, 2n, null, 4n, 5n, null], store: TicksColumn },
    { type: 'timespan', values: [10n, 20n, 30n, 40n, 50n, 60n], store: TicksColumn },
    { type: 'bool', values: [true, null, false, true, false, null], store: BoolColumn },
    { type: 'dynamic', values: [{ a: 1 }, null, [2], 'x', 5, null], store: ValueColumn },
  ];
  for (const { type, values, store } of cases) {
    const nulls = values.includes(null) ? 'with nulls' : 'without nulls';
    it(`${type} ${nulls}: each picked row's value, nulls as null`, () => {
      const base = columnFromValues(type, values, 'keep');
      expect(base).toBeInstanceOf(store);
      const gathered = new GatherColumn(base, PICK);
      expect(readAll(gathered, type)).toEqual([...PICK].map((i) => values[i]));
      expect(readAll(base, type)).toEqual(values);
    });
  }

  it('a gather of a gather reads through one flattened row list', () => {
    const base = columnFromValues('long', [10, null, 30, 40, 50, 60], 'keep');
    const t = new Table([{ name: 'x', type: 'long' }], [base]).take(PICK).take(Uint32Array.from([4, 1, 0]));
    const col = t.columns[0]!;
    expect(col).toBeInstanceOf(GatherColumn);
    expect((col as GatherColumn).base).toBe(base);
    expect(readAll(col, 'long')).toEqual([60, 10, 50]);
  });
});

describe('successive filters', () => {
  const T = table('s:string, n:long, r:real, t:datetime, d:dynamic, b:bool', [
    ['a', 1, 0.5, dt('2024-05-01T00:00:00Z'), { k: 1 }, true],
    ['b', null, 1.5, null, null, null],
    ['c', 3, null, dt('2024-05-03T00:00:00Z'), [1, 2], false],
    ['', 4, 3.5, dt('2024-05-04T00:00:00Z'), 'x', true],
    ['e', 5, 4.5, null, null, false],
    ['f', null, 5.5, dt('2024-05-06T00:00:00Z'), { k: 2 }, null],
    ['g', 7, null, dt('2024-05-07T00:00:00Z'), 7, true],
  ]);

  it('a second and third where read the rows the first kept, each column aligned with the others', () => {
    const q = 'T | where s != "c" | where isnull(n) or n > 1 | where isnotnull(t) or isnull(r) | project s, n, r, t, d, b';
    expect(rows(q, { T })).toEqual([
      ['', 4, 3.5, '2024-05-04T00:00:00Z', 'x', true],
      ['f', null, 5.5, '2024-05-06T00:00:00Z', { k: 2 }, null],
      ['g', 7, null, '2024-05-07T00:00:00Z', 7, true],
    ]);
  });

  it('wheres over the columns of a sort and a filter read nulls of numbers and datetimes as null', () => {
    const q = 'T | sort by s desc | where s != "a" | extend nn = isnull(n), tn = isnull(t), rn = isnull(r) | where nn or tn or rn | project s, nn, tn, rn';
    expect(rows(q, { T })).toEqual([
      ['g', false, false, true],
      ['f', true, false, false],
      ['e', false, true, false],
      ['c', false, false, true],
      ['b', true, true, false],
    ]);
  });
});
