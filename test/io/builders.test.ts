import { describe, expect, it } from 'vitest';
import { BoolColumn, NumberColumn, StringColumn, TicksColumn } from '../../src/table/column.js';
import { BoolBuilder, builderFor, NumberBuilder, StringBuilder, TicksBuilder } from '../../src/table/builders.js';

describe('column builders', () => {
  it('write exact ticks from milliseconds without BigInt arithmetic', () => {
    const cases: [number, number][] = [
      [0, 0], [-1, 9999], [-1, 0], [65535, 9999], [65536, 0], [1714538880110, 1234],
      [253402300799999, 9999], [-62135596800000, 0], [4294967295, 5000], [-4294967296, 1],
    ];
    for (let i = 0; i < 2000; i++) cases.push([Math.floor(Math.sin(i) * 2.5e14), (i * 7919) % 10_000]);
    const b = new TicksBuilder('datetime');
    for (const [ms, sub] of cases) b.pushMs(ms, sub);
    const col = b.finish() as TicksColumn;
    cases.forEach(([ms, sub], i) => expect(col.data[i]).toBe(BigInt(ms) * 10_000n + BigInt(sub)));
    expect(col.nulls).toBeNull();
  });

  it('grow past their reservation and keep nulls apart from values', () => {
    const b = new NumberBuilder('int');
    b.reserve(3);
    for (let i = 0; i < 5000; i++) {
      if (i % 3 === 0) b.pushNull();
      else b.push(i);
    }
    const col = b.finish() as NumberColumn;
    expect(col.length).toBe(5000);
    expect(col.get(0)).toBeNull();
    expect(col.get(1)).toBe(1);
    expect(col.get(4999)).toBe(4999);
    expect(col.get(4998)).toBeNull();
  });

  it('build bool, string and value columns', () => {
    const bools = new BoolBuilder();
    bools.push(true);
    bools.pushNull();
    bools.push(false);
    expect((bools.finish() as BoolColumn).get(1)).toBeNull();

    const strings = new StringBuilder();
    strings.reserve(10);
    strings.push('a');
    strings.pushNull();
    const sc = strings.finish() as StringColumn;
    expect(sc.data).toEqual(['a', '']);
    expect(sc.length).toBe(2);

    expect([sc.get(0), sc.get(1)]).toEqual(['a', null]);
    expect(sc.nulls).toHaveLength(2);

    const dyn = builderFor('dynamic');
    dyn.pushValue({ a: 1 });
    dyn.pushNull();
    expect([dyn.finish().get(0), dyn.finish().get(1)]).toEqual([{ a: 1 }, null]);
  });

  it('grows a string null mask with the values, reserved or not, and ends it at the column length', () => {
    const strings = new StringBuilder();
    strings.pushNull();
    for (let i = 1; i < 5000; i++) strings.push(`v${i}`);
    strings.pushValue(null);
    strings.push('last');
    const sc = strings.finish() as StringColumn;
    expect(sc.length).toBe(5002);
    expect(sc.nulls).toHaveLength(5002);
    expect([sc.get(0), sc.get(1), sc.get(4999), sc.get(5000), sc.get(5001)]).toEqual([null, 'v1', 'v4999', null, 'last']);
    expect(sc.data[5000]).toBe('');

    const none = new StringBuilder();
    none.push('a');
    expect((none.finish() as StringColumn).nulls).toBeNull();
  });
});
