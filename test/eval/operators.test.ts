/** Query operators, from the examples and rules stated on their Kusto documentation pages. */
import { describe, expect, it } from 'vitest';
import { errors, rows, schemaOf, table } from '../helpers/run.js';

const T = table('a:string, n:long, t:datetime, d:dynamic', [
  ['x', 1, 17145216000000000n, { k: 1, arr: [1, 2] }],
  ['y', 2, 17145252000000000n, { k: 2, arr: [] }],
  ['x', 3, 17145288000000000n, null],
  ['z', null, null, { k: 'v', arr: [3] }],
]);

describe('summarize', () => {
  it('names columns as Kusto does and puts keys first', () => {
    expect(schemaOf('T | summarize count(), sum(n), make_set(n), dcount(a) by a', { T })).toEqual([
      'a:string', 'count_:long', 'sum_n:long', 'set_n:dynamic', 'dcount_a:long',
    ]);
  });
  it('groups, counts and ignores nulls in aggregates', () => {
    expect(rows('T | summarize c = count(), s = sum(n), m = max(n) by a | sort by a asc', { T })).toEqual([
      ['x', 2, 4, 3], ['y', 1, 2, 2], ['z', 1, 0, null],
    ]);
  });
  it('without by-keys returns one row, even over no rows', () => {
    expect(rows('T | where n > 100 | summarize count()', { T })).toEqual([[0]]);
    expect(rows('T | where n > 100 | summarize count() by a', { T })).toEqual([]);
  });
  it('bins datetimes by the bin size and names the key after the column', () => {
    expect(schemaOf('T | summarize count() by bin(t, 1h)', { T })).toEqual(['t:datetime', 'count_:long']);
  });
  it('evaluates expressions over aggregates', () => {
    expect(rows('T | summarize r = todouble(sum(n)) / count()', { T })).toEqual([[1.5]]);
  });
  it('arg_max returns the row of the maximum, * meaning every other column', () => {
    expect(rows('T | summarize arg_max(n, *) by a | sort by a asc', { T })).toEqual([
      ['x', 3, '2024-05-01T02:00:00Z', null], ['y', 2, '2024-05-01T01:00:00Z', { k: 2, arr: [] }], ['z', null, null, null],
    ]);
    expect(schemaOf('T | summarize arg_max(n, a) by t', { T })).toEqual(['t:datetime', 'n:long', 'a:string']);
  });
  it('count and distinct operators', () => {
    expect(rows('T | count', { T })).toEqual([[4]]);
    expect(rows('T | distinct a | sort by a asc', { T })).toEqual([['x'], ['y'], ['z']]);
  });
});

describe('sort, top, take', () => {
  it('sorts descending by default with nulls last; ascending puts nulls first', () => {
    expect(rows('T | sort by n | project n', { T })).toEqual([[3], [2], [1], [null]]);
    expect(rows('T | sort by n asc | project n', { T })).toEqual([[null], [1], [2], [3]]);
    expect(rows('T | sort by n asc nulls last | project n', { T })).toEqual([[1], [2], [3], [null]]);
  });
  it('top and take', () => {
    expect(rows('T | top 2 by n | project n', { T })).toEqual([[3], [2]]);
    expect(rows('T | take 1 | project a', { T })).toEqual([['x']]);
  });
});

describe('extend and project', () => {
  it('extend binds every expression against its input and replaces a column in place', () => {
    expect(rows('T | take 1 | extend m = n * 10, k = n + 1, n = -n | project n, m, k', { T })).toEqual([[-1, 10, 2]]);
    expect(errors('T | extend m = n * 10, k = m + 1', { T })[0]?.code).toBe('KX201');
  });
  it('unnamed expressions are named as the official binder names them', () => {
    expect(schemaOf('T | project a, n * 2, tolower(a), d.k, strlen(a)', { T })).toEqual([
      'a:string', 'Column1:long', 'Column2:string', 'd_k:dynamic', 'strlen_a:long',
    ]);
  });
  it('project-away, project-keep, project-rename, project-reorder', () => {
    expect(schemaOf('T | project-away d, t', { T })).toEqual(['a:string', 'n:long']);
    expect(schemaOf('T | project-keep a*', { T })).toEqual(['a:string']);
    expect(schemaOf('T | project-rename b = a', { T })).toEqual(['b:string', 'n:long', 't:datetime', 'd:dynamic']);
    expect(schemaOf('T | project-reorder t, n', { T })).toEqual(['t:datetime', 'n:long', 'a:string', 'd:dynamic']);
  });
});

describe('mv-expand', () => {
  it('expands arrays; an empty array yields no row and a null yields one null row', () => {
    expect(rows('T | mv-expand x = d.arr | project a, x', { T })).toEqual([['x', 1], ['x', 2], ['x', null], ['z', 3]]);
  });
  it('casts with to typeof(), adds the item index', () => {
    expect(schemaOf('T | mv-expand with_itemindex=i x = d.arr to typeof(long) | project x, i', { T })).toEqual(['x:long', 'i:long']);
    expect(rows('T | mv-expand with_itemindex=i x = d.arr to typeof(long) | project x, i', { T })).toEqual([[1, 0], [2, 1], [null, 0], [3, 0]]);
  });
  it('expands a property bag into one-key bags', () => {
    expect(rows('print d = dynamic({"a":1,"b":2}) | mv-expand d')).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    expect(rows('print d = dynamic({"a":1}) | mv-expand bagexpansion=array d')).toEqual([[['a', 1]]]);
  });
});

describe('parse', () => {
  const L = table('m:string', [['Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23)'], ['garbage']]);
  it('extracts typed columns; unmatched rows keep empty captures', () => {
    expect(rows('L | parse m with * "resourceName=" resourceName ", totalSlices=" totalSlices:long * | project resourceName, totalSlices', { L })).toEqual([
      ['PipelineScheduler', 27], ['', null],
    ]);
  });
  it('parse-where drops rows that do not match', () => {
    expect(rows('L | parse-where m with * "sliceNumber=" n:long ")" | project n', { L })).toEqual([[23]]);
  });
  it('kind=regex takes regex delimiters', () => {
    expect(rows('L | parse kind=regex m with "totalSlices=" total:long | project total', { L })).toEqual([[null], [null]]);
    expect(rows('L | parse kind=regex m with ".*totalSlices=" total:long | project total', { L })).toEqual([[27], [null]]);
  });
});

describe('union', () => {
  it('widens columns and keeps rows in input order', () => {
    const A = table('x:long, y:string', [[1, 'a']]);
    const B = table('x:long, z:real', [[2, 0.5]]);
    expect(run2('A | union B', { A, B })).toEqual({ columns: ['x:long', 'y:string', 'z:real'], rows: [[1, 'a', null], [2, '', 0.5]] });
  });
  it('splits a name with two types into name_type columns', () => {
    const A = table('x:long', [[1]]);
    const B = table('x:string', [['s']]);
    expect(schemaOf('union A, B', { A, B })).toEqual(['x_long:long', 'x_string:string']);
  });
  it('puts all of a split name\'s columns where the name first appears (the official binder\'s order)', () => {
    const A = table('x:long, y:string', [[1, 'a']]);
    const B = table('z:real, x:string', [[0.5, 's']]);
    expect(schemaOf('union A, B', { A, B })).toEqual(['x_long:long', 'x_string:string', 'y:string', 'z:real']);
    expect(run2('union A, B', { A, B }).rows).toEqual([[1, '', 'a', null], [null, 's', '', 0.5]]);
  });
  it('splits a name whatever the order of the legs (the official binder keeps one type when the first two legs agree)', () => {
    const A = table('x:long', [[1]]);
    const B = table('x:long', [[2]]);
    const C = table('x:string', [['s']]);
    expect(run2('union A, B, C', { A, B, C })).toEqual({ columns: ['x_long:long', 'x_string:string'], rows: [[1, ''], [2, ''], [null, 's']] });
  });
  it('isfuzzy=true ignores a table that does not exist; without it, it is an error', () => {
    const A = table('x:long', [[1]]);
    expect(rows('union isfuzzy=true A, NoSuchTable', { A })).toEqual([[1]]);
    expect(errors('union A, NoSuchTable', { A })[0]?.code).toBe('KX202');
  });
  it('withsource names the column that tells the source table', () => {
    const A = table('x:long', [[1]]);
    const B = table('x:long', [[2]]);
    expect(rows('union withsource=Src A, B', { A, B })).toEqual([['A', 1], ['B', 2]]);
  });
});

describe('sources', () => {
  it('datatable, print and range', () => {
    expect(rows("datatable(a:string, b:long)['x', 1, 'y', -2]")).toEqual([['x', 1], ['y', -2]]);
    expect(schemaOf('print 1, x = 2, strlen("a")')).toEqual(['print_0:long', 'x:long', 'print_2:long']);
    expect(rows('range x from 1 to 7 step 3')).toEqual([[1], [4], [7]]);
    expect(rows('range t from datetime(2024-01-01) to datetime(2024-01-01 02:00) step 1h | count')).toEqual([[3]]);
  });
  it('let tables, lambdas with defaults, materialize and toscalar', () => {
    expect(rows('let f = (x:long, y:long = 10) { x + y }; print f(1), f(1, 2)')).toEqual([[11, 3]]);
    expect(rows('let T2 = materialize(T | where n > 1); T2 | union T2 | count', { T })).toEqual([[4]]);
    expect(rows('let m = toscalar(T | summarize max(n)); T | where n == m | project a', { T })).toEqual([['x']]);
    expect(rows('let g = (src:(n:long)) { src | where n > 1 }; g(T) | count', { T })).toEqual([[2]]);
    expect(rows('T | where a in ((T | where n == 2 | project a)) | project n', { T })).toEqual([[2]]);
    // A table given for a dynamic parameter arrives as its first column's values (the official binder accepts it).
    expect(rows('let f = (p:dynamic) { print array_length(p) }; f(T | project a)', { T })).toEqual([[4]]);
  });
});

function run2(q: string, tables: Record<string, ReturnType<typeof table>>) {
  return { columns: schemaOf(q, tables), rows: rows(q, tables) };
}

describe('render', () => {
  it('changes no data, whatever its properties', () => {
    expect(rows('T | summarize count() by a | render columnchart with (title="per a", xcolumn=a, ycolumns=count_)', { T }))
      .toEqual(rows('T | summarize count() by a', { T }));
  });
  it('must be the last operator and name a visualization the page lists', () => {
    expect(errors('T | render timechart | take 1', { T }).map((e) => [e.code, e.col])).toEqual([['KX214', 5]]);
    expect(errors('T | render sparkles', { T }).map((e) => [e.code, e.message])).toEqual([['KX212', "unknown visualization 'sparkles'"]]);
  });
});

describe('top-hitters', () => {
  const Storms = table('EventType:string, State:string, Injuries:long', [
    ['Hail', 'TEXAS', 1], ['Hail', 'IOWA', 0], ['Thunderstorm Wind', 'TEXAS', 3], ['Hail', 'TEXAS', 0],
    ['Flood', 'OHIO', 7], ['Thunderstorm Wind', 'OHIO', 2], ['Tornado', 'TEXAS', 4],
  ]);
  it('the page\'s most frequent items: the values with the most rows, as approximate_count_<column>', () => {
    expect(schemaOf('Storms | top-hitters 2 of EventType', { Storms })).toEqual(['EventType:string', 'approximate_count_EventType:long']);
    expect(rows('Storms | top-hitters 2 of EventType', { Storms })).toEqual([['Hail', 3], ['Thunderstorm Wind', 2]]);
  });
  it('by a summing column: the values with the largest sum, as approximate_sum_<column>', () => {
    expect(rows('Storms | where EventType != "Flood" | top-hitters 2 of State by Injuries', { Storms })).toEqual([['TEXAS', 8], ['OHIO', 2]]);
    expect(schemaOf('Storms | top-hitters 2 of State by Injuries', { Storms })).toEqual(['State:string', 'approximate_sum_Injuries:long']);
  });
  it('the number of values must be an integer', () => {
    expect(errors('Storms | top-hitters 2.5 of State', { Storms }).map((e) => e.code)).toEqual(['KX205']);
  });
});
