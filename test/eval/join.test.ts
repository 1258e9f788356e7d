/** join kinds, from the examples of the Kusto join operator page (X and Y tables). */
import { describe, expect, it } from 'vitest';
import { rows, schemaOf } from '../helpers/run.js';

const X = `let X = datatable(Key:string, Value1:long) ['a',1, 'b',2, 'b',3, 'c',4];`;
const Y = `let Y = datatable(Key:string, Value2:long) ['b',10, 'c',20, 'c',30, 'd',40];`;
const q = (kind: string) => `${X} ${Y} X | join ${kind} Y on Key | sort by Key asc, Value1 asc, Value2 asc`;

describe('join', () => {
  it('defaults to innerunique: one left row per key (kqlx keeps the first)', () => {
    expect(rows(`${X} ${Y} X | join Y on Key | sort by Key asc, Value2 asc`)).toEqual([
      ['b', 2, 'b', 10],
      ['c', 4, 'c', 20],
      ['c', 4, 'c', 30],
    ]);
  });
  it('renames clashing right columns with a numeric suffix', () => {
    expect(schemaOf(`${X} ${Y} X | join Y on Key`)).toEqual(['Key:string', 'Value1:long', 'Key1:string', 'Value2:long']);
  });
  it('inner keeps every matching pair', () => {
    expect(rows(q('kind=inner'))).toEqual([
      ['b', 2, 'b', 10], ['b', 3, 'b', 10], ['c', 4, 'c', 20], ['c', 4, 'c', 30],
    ]);
  });
  it('leftouter keeps unmatched left rows with empty right columns', () => {
    expect(rows(q('kind=leftouter'))).toEqual([
      ['a', 1, '', null], ['b', 2, 'b', 10], ['b', 3, 'b', 10], ['c', 4, 'c', 20], ['c', 4, 'c', 30],
    ]);
  });
  it('rightouter and fullouter', () => {
    expect(rows(`${X} ${Y} X | join kind=rightouter Y on Key | sort by Key1 asc, Value1 asc`)).toEqual([
      ['b', 2, 'b', 10], ['b', 3, 'b', 10], ['c', 4, 'c', 20], ['c', 4, 'c', 30], ['', null, 'd', 40],
    ]);
    expect(rows(`${X} ${Y} X | join kind=fullouter Y on Key | sort by Key asc, Key1 asc, Value1 asc`)).toHaveLength(6);
  });
  it('anti and semi kinds return one side only', () => {
    expect(rows(`${X} ${Y} X | join kind=leftanti Y on Key`)).toEqual([['a', 1]]);
    expect(rows(`${X} ${Y} X | join kind=rightanti Y on Key`)).toEqual([['d', 40]]);
    expect(rows(`${X} ${Y} X | join kind=leftsemi Y on Key | sort by Value1 asc`)).toEqual([['b', 2], ['b', 3], ['c', 4]]);
    expect(rows(`${X} ${Y} X | join kind=rightsemi Y on Key | sort by Value2 asc`)).toEqual([['b', 10], ['c', 20], ['c', 30]]);
  });
  it('$left/$right name the key columns of each side', () => {
    expect(rows(`${X} ${Y} X | join kind=inner (Y | project K=Key, Value2) on $left.Key == $right.K | count`)).toEqual([[4]]);
  });
  it('lookup appends the right columns without repeating the key', () => {
    expect(schemaOf(`${X} ${Y} X | lookup Y on Key`)).toEqual(['Key:string', 'Value1:long', 'Value2:long']);
    expect(rows(`${X} ${Y} X | lookup kind=inner Y on Key | sort by Key asc, Value1 asc, Value2 asc`)).toEqual([
      ['b', 2, 10], ['b', 3, 10], ['c', 4, 20], ['c', 4, 30],
    ]);
  });
});
