import { describe, expect, it } from 'vitest';
import { b, callScalar, d, l, r, s, type TypedArg } from '../helpers/functions.js';
import { errors, rows } from '../helpers/run.js';

const v = (name: string, ...args: TypedArg[]) => callScalar(name, ...args).value;
const dt = (iso: string): TypedArg => ({ type: 'datetime', value: BigInt(Date.parse(iso)) * 10_000n });
const ts = (ticks: bigint): TypedArg => ({ type: 'timespan', value: ticks });
const HOUR = 36_000_000_000n;
const DAY = 24n * HOUR;

describe('parse_json', () => {
  it('parses JSON text (documented examples)', () => {
    const text = '{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}';
    expect(v('parse_json', s(text))).toEqual({ duration: { value: 118, count: 5, min: 100, max: 150, stdDev: 0, sampledValue: 118, sum: 118 } });
    expect(v('parse_json', s('[43, 21, 65]'))).toEqual([43, 21, 65]);
    expect(v('parse_json', s('21'))).toBe(21);
    expect(v('parse_json', s('"21"'))).toBe('21');
    const nested = v('parse_json', s('{"a":123, "b":"{\\"c\\":456}"}')) as { b: string };
    expect(nested.b).toBe('{"c":456}');
    expect(v('parse_json', s(nested.b))).toEqual({ c: 456 });
  });

  it('keeps text that is not JSON as a string, and blank text as null', () => {
    expect(v('parse_json', s('hello world'))).toBe('hello world');
    expect(v('parse_json', s('{"a":'))).toBe('{"a":');
    expect(v('parse_json', s(''))).toBeNull();
    expect(v('parse_json', s('   '))).toBeNull();
    expect(v('parse_json', s('null'))).toBeNull();
  });

  it('reads JSON the forgiving way Kusto does', () => {
    expect(v('parse_json', s("{'a': 'b', \"c\": [1, 2,]}"))).toEqual({ a: 'b', c: [1, 2] });
    expect(v('parse_json', s('{name: "x", /* note */ n: -1.5e2}'))).toEqual({ name: 'x', n: -150 });
  });

  it('passes a dynamic through as is (a dynamic string is not parsed again)', () => {
    const obj = { a: [1] };
    expect(v('parse_json', d(obj))).toBe(obj);
    expect(v('parse_json', d('{"a":1}'))).toBe('{"a":1}');
  });

  it('is reachable by its deprecated aliases and names its result after the argument', () => {
    expect(v('todynamic', s('[1]'))).toEqual([1]);
    expect(v('parsejson', s('[1]'))).toEqual([1]);
    expect(v('toobject', s('[1]'))).toEqual([1]);
    expect(callScalar('parse_json', s('1')).type).toBe('dynamic');
  });

  it('keeps __proto__ as an ordinary key', () => {
    const out = v('parse_json', s("{'__proto__': {'x': 1}}")) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('parse_xml', () => {
  it('converts as the documented table shows', () => {
    expect(v('parse_xml', s('<e/>'))).toEqual({ e: null });
    expect(v('parse_xml', s('<e>text</e>'))).toEqual({ e: 'text' });
    expect(v('parse_xml', s('<e name="value" />'))).toEqual({ e: { '@name': 'value' } });
    expect(v('parse_xml', s('<e name="value">text</e>'))).toEqual({ e: { '@name': 'value', '#text': 'text' } });
    expect(v('parse_xml', s('<e> <a>text</a> <b>text</b> </e>'))).toEqual({ e: { a: 'text', b: 'text' } });
    expect(v('parse_xml', s('<e> <a>text</a> <a>text</a> </e>'))).toEqual({ e: { a: ['text', 'text'] } });
    expect(v('parse_xml', s('<e> text <a>text</a> </e>'))).toEqual({ e: { '#text': 'text', a: 'text' } });
  });

  it('converts the documented duration example (declaration skipped, numbers as numbers)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<duration>
    <value>118.0</value>
    <count>5.0</count>
    <min>100.0</min>
    <max>150.0</max>
    <stdDev>0.0</stdDev>
    <sampledValue>118.0</sampledValue>
    <sum>118.0</sum>
</duration>`;
    expect(v('parse_xml', s(xml))).toEqual({ duration: { value: 118, count: 5, min: 100, max: 150, stdDev: 0, sampledValue: 118, sum: 118 } });
  });

  it('decodes entities, keeps CDATA text and skips comments', () => {
    expect(v('parse_xml', s('<e a="x&amp;y">1 &lt; 2 &#65;&#x42;<!-- c --></e>'))).toEqual({ e: { '@a': 'x&y', '#text': '1 < 2 AB' } });
    expect(v('parse_xml', s('<e><![CDATA[<raw>]]></e>'))).toEqual({ e: '<raw>' });
    expect(v('parse_xml', s('<e id="007">00123</e>'))).toEqual({ e: { '@id': '007', '#text': '00123' } });
  });

  it('is null for text that is not one well-formed document', () => {
    expect(v('parse_xml', s('<e><a></e>'))).toBeNull();
    expect(v('parse_xml', s('plain text'))).toBeNull();
    expect(v('parse_xml', s(''))).toBeNull();
    expect(v('parse_xml', s('<a/><b/>'))).toBeNull();
    expect(v('parse_xml', d(42))).toBeNull();
    expect(v('parse_xml', s(`<e>${'x'.repeat(1_048_577)}</e>`))).toBeNull();
  });
});

describe('extract_json', () => {
  const json = s('{"name": "John", "age": 30, "city": "New York", "tags": ["a", {"k": [1, 2]}], "odd key": true}');

  it('follows the documented example', () => {
    const out = callScalar('extract_json', s('$.name'), json, s('string'));
    expect(out).toEqual({ type: 'string', value: 'John' });
  });

  it('walks the JSONPath subset and converts to the requested type', () => {
    expect(v('extract_json', s('$.age'), json)).toBe('30');
    expect(callScalar('extract_json', s('$.age'), json, s('long'))).toEqual({ type: 'long', value: 30 });
    expect(callScalar('extract_json', s('$.age'), json, s('typeof(int)'))).toEqual({ type: 'int', value: 30 });
    expect(v('extract_json', s("$['tags'][1].k[1]"), json, s('long'))).toBe(2);
    expect(v('extract_json', s('$.tags[1]'), json)).toBe('{"k":[1,2]}');
    expect(v('extract_json', s("$['odd key']"), json, s('bool'))).toBe(true);
    expect(v('extract_json', s('$.tags'), json, s('dynamic'))).toEqual(['a', { k: [1, 2] }]);
    expect(v('extractjson', s('$.city'), json)).toBe('New York');
  });

  it('gives empty (or null) when the path or the JSON is missing', () => {
    expect(v('extract_json', s('$.nope'), json)).toBe('');
    expect(v('extract_json', s('$.nope'), json, s('long'))).toBeNull();
    expect(v('extract_json', s('$.tags[9]'), json)).toBe('');
    expect(v('extract_json', s('$.a'), s('not json'))).toBe('');
  });

  it('refuses a path that is not a constant supported JSONPath', () => {
    expect(() => callScalar('extract_json', s('$..name'), json)).toThrow(/JSONPath/);
    expect(() => callScalar('extract_json', s('$.tags[*]'), json)).toThrow(/JSONPath/);
    expect(() => callScalar('extract_json', { type: 'string', value: '$.a', constant: false }, json)).toThrow(/constant/);
    expect(() => callScalar('extract_json', s('$.a'), json, s('nosuchtype'))).toThrow(/type/);
  });
});

describe('dynamic_to_json', () => {
  it('sorts bag keys (documented example)', () => {
    const bag1 = { Y10: {}, X8: { c3: 1, d8: 5, a4: 6 }, D1: 114, A1: 12, B1: 2, C1: 3, A14: [15, 13, 18] };
    const bag2 = { X8: { a4: 6, c3: 1, d8: 5 }, A14: [15, 13, 18], C1: 3, B1: 2, Y10: {}, A1: 12, D1: 114 };
    const expected = '{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}';
    expect(v('dynamic_to_json', d(bag1))).toBe(expected);
    expect(v('dynamic_to_json', d(bag2))).toBe(expected);
  });
  it('applies tostring() to scalars', () => {
    expect(v('dynamic_to_json', l(5))).toBe('5');
    expect(v('dynamic_to_json', s('abc'))).toBe('abc');
    expect(v('dynamic_to_json', d([1, 'a', null]))).toBe('[1,"a",null]');
    expect(callScalar('dynamic_to_json', d(null)).type).toBe('string');
  });
});

describe('array_length / array_concat / array_slice / array_reverse', () => {
  it('follows the documented examples', () => {
    expect(v('array_length', d([1, 2, 3, 'four']))).toBe(4);
    expect(v('arraylength', d([]))).toBe(0);
    expect(v('array_concat', d([1, 2, 4]), d([1, 2]))).toEqual([1, 2, 4, 1, 2]);
    expect(v('array_slice', d([1, 2, 3]), l(1), l(2))).toEqual([2, 3]);
    expect(v('array_slice', d([1, 2, 3, 4, 5]), l(2), l(-1))).toEqual([3, 4, 5]);
    expect(v('array_slice', d([1, 2, 3, 4, 5]), l(-3), l(-2))).toEqual([3, 4]);
    expect(v('array_reverse', d(['this', 'is', 'an', 'example']))).toEqual(['example', 'an', 'is', 'this']);
  });

  it('is null for non-arrays and clamps out-of-range indices', () => {
    expect(v('array_length', d('abc'))).toBeNull();
    expect(v('array_length', d({ a: 1 }))).toBeNull();
    expect(v('array_length', d(null))).toBeNull();
    expect(v('array_concat', d([1]), d('x'))).toBeNull();
    expect(v('array_slice', d([1, 2, 3]), l(-10), l(10))).toEqual([1, 2, 3]);
    expect(v('array_slice', d([1, 2, 3]), l(2), l(1))).toEqual([]);
    expect(v('array_slice', d('x'), l(0), l(1))).toBeNull();
    expect(v('array_reverse', d(5))).toBeNull();
  });

  it('does not mutate its arguments', () => {
    const arr = [1, 2, 3];
    v('array_reverse', d(arr));
    expect(arr).toEqual([1, 2, 3]);
  });

  it('refuses a non-dynamic array argument at bind time', () => {
    expect(() => callScalar('array_length', s('[1]'))).toThrow(/dynamic/);
  });
});

describe('array_index_of / set_has_element', () => {
  const arr = d(['this', 'is', 'an', 'example', 'an', 'example']);
  it('follows the documented examples', () => {
    expect(v('array_index_of', arr, s('an'))).toBe(2);
    expect(v('array_index_of', arr, s('example'), l(1), l(3))).toBe(3);
    expect(v('array_index_of', arr, s('example'), l(1), l(2))).toBe(-1);
    expect(v('array_index_of', arr, s('is'), l(2), l(4))).toBe(-1);
    expect(v('array_index_of', arr, s('example'), l(2), l(-1))).toBe(3);
    expect(v('array_index_of', arr, s('an'), l(1), l(-1), l(2))).toBe(4);
    expect(v('array_index_of', arr, s('an'), l(1), l(-1), l(3))).toBe(-1);
    expect(v('array_index_of', arr, s('an'), l(-3))).toBe(4);
    expect(v('array_index_of', arr, s('is'), l(-4))).toBe(-1);
    expect(v('set_has_element', d(['this', 'is', 'an', 'example']), s('example'))).toBe(true);
  });

  it('compares by type and value', () => {
    expect(v('array_index_of', d([1, '2', 3]), l(2))).toBe(-1);
    expect(v('array_index_of', d([1, '2', 3]), s('2'))).toBe(1);
    expect(v('array_index_of', d([1, 2.5]), r(2.5))).toBe(1);
    expect(v('array_index_of', d([false, true]), b(true))).toBe(1);
    expect(v('array_index_of', d(['2024-05-01T00:00:00Z']), dt('2024-05-01T00:00:00Z'))).toBe(0);
    expect(v('set_has_element', d([{ a: 1, b: 2 }]), d({ b: 2, a: 1 }))).toBe(true);
    expect(v('set_has_element', d([1, 2]), l(3))).toBe(false);
  });

  it('is null for irrelevant input', () => {
    expect(v('array_index_of', arr, s('an'), l(0), l(-2))).toBeNull();
    expect(v('array_index_of', arr, s('an'), l(0), l(-1), l(-1))).toBeNull();
    expect(v('array_index_of', d('x'), s('x'))).toBeNull();
    expect(v('set_has_element', d({}), s('x'))).toBeNull();
    expect(callScalar('array_index_of', arr, s('an')).type).toBe('long');
  });
});

describe('array_sort_asc / array_sort_desc', () => {
  it('follows the documented examples', () => {
    expect(v('array_sort_asc', d([1, 3, 4, 5, 2]))).toEqual([1, 2, 3, 4, 5]);
    expect(v('array_sort_asc', d([1, 3, 4, 5, 2]), d(['a', 'b', 'c', 'd', 'e']))).toEqual([[1, 2, 3, 4, 5], ['a', 'e', 'b', 'c', 'd']]);
    expect(v('array_sort_desc', d([1, 3, 4, 5, 2]), d(['a', 'b', 'c', 'd', 'e']))).toEqual([[5, 4, 3, 2, 1], ['d', 'c', 'b', 'e', 'a']]);
    expect(v('array_sort_asc', d(['John', 'Paul', 'George', 'Ringo']))).toEqual(['George', 'John', 'Paul', 'Ringo']);
    // The page's desc example prints "Ringo, Paul, John, George" for split("John, Paul, George, Ringo", ","),
    // which no ordinal order of ["John", " Paul", " George", " Ringo"] gives; strings compare ordinally here.
    expect(v('array_sort_desc', d(['John', ' Paul', ' George', ' Ringo']))).toEqual(['John', ' Ringo', ' Paul', ' George']);
    const colors = d([null, 'blue', 'yellow', 'green', null]);
    expect(v('array_sort_asc', colors)).toEqual(['blue', 'green', 'yellow', null, null]);
    expect(v('array_sort_asc', colors, b(false))).toEqual([null, null, 'blue', 'green', 'yellow']);
    expect(v('array_sort_desc', colors)).toEqual(['yellow', 'green', 'blue', null, null]);
    expect(v('array_sort_desc', colors, b(false))).toEqual([null, null, 'yellow', 'green', 'blue']);
  });

  it('sorts follower arrays by the first, the timestamps example included', () => {
    const times = d(['2019-07-15T00:00:00Z', '2019-07-02T00:00:00Z', '2019-07-22T00:00:00Z', '2019-07-14T00:00:00Z', '2019-07-27T00:00:00Z', '2019-07-25T00:00:00Z']);
    const commands = d(['chmod', 'ls', 'dir', 'mkdir', 'rm', 'pwd']);
    expect((v('array_sort_asc', times, commands) as unknown[])[1]).toEqual(['ls', 'mkdir', 'chmod', 'dir', 'pwd', 'rm']);
    expect((v('array_sort_desc', times, commands) as unknown[])[1]).toEqual(['rm', 'pwd', 'dir', 'chmod', 'mkdir', 'ls']);
    expect(v('array_sort_asc', d([2, 1]), d([1, 2, 3]))).toEqual([[1, 2], null]);
  });

  it('puts numbers before strings before other values', () => {
    expect(v('array_sort_asc', d(['b', true, 10, 'a', 2]))).toEqual([2, 10, 'a', 'b', true]);
    expect(v('array_sort_asc', d('x'))).toBeNull();
    expect(() => callScalar('array_sort_asc', l(1))).toThrow(/dynamic/);
  });
});

describe('array_sum / array_iff / array_split', () => {
  it('follows the documented examples', () => {
    expect(callScalar('array_sum', d([1, 2, 3, 4]))).toEqual({ type: 'real', value: 10 });
    expect(v('array_iff', d([true, false, true]), d([1, 2, 3]), d([4, 5, 6]))).toEqual([1, 5, 3]);
    expect(v('array_iif', d([1, 0, 50]), s('yes'), s('no'))).toEqual(['yes', 'no', 'yes']);
    expect(v('array_iff', d(['some string value', '2022-01-01T00:00:00Z', null]), l(1), l(0))).toEqual([null, null, null]);
    expect(v('array_iff', d([true, true, true]), d([1, 2]), d([3, 4]))).toEqual([1, 2, null]);
    expect(v('array_split', d([1, 2, 3, 4, 5]), l(2))).toEqual([[1, 2], [3, 4, 5]]);
    expect(v('array_split', d([1, 2, 3, 4, 5]), d([1, 3]))).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('handles edge cases', () => {
    expect(v('array_sum', d([1, 'x']))).toBeNull();
    expect(v('array_sum', d([]))).toBe(0);
    expect(v('array_sum', d('x'))).toBeNull();
    expect(v('array_iff', d('x'), l(1), l(0))).toBeNull();
    expect(v('array_split', d([1, 2, 3, 4, 5]), l(-1))).toEqual([[1, 2, 3, 4], [5]]);
    expect(v('array_split', d([1, 2, 3]), l(10))).toEqual([[1, 2, 3], []]);
    expect(v('array_split', d('x'), l(1))).toBeNull();
  });
});

describe('array_shift_* / array_rotate_*', () => {
  const arr = d([1, 2, 3, 4, 5]);
  it('follows the documented examples', () => {
    expect(v('array_shift_left', arr, l(2))).toEqual([3, 4, 5, null, null]);
    expect(v('array_shift_left', arr, l(2), l(-1))).toEqual([3, 4, 5, -1, -1]);
    expect(v('array_shift_left', arr, l(-2), l(-1))).toEqual([-1, -1, 1, 2, 3]);
    expect(v('array_shift_right', arr, l(2))).toEqual([null, null, 1, 2, 3]);
    expect(v('array_rotate_left', arr, l(2))).toEqual([3, 4, 5, 1, 2]);
    expect(v('array_rotate_left', arr, l(-2))).toEqual([4, 5, 1, 2, 3]);
    expect(v('array_rotate_right', arr, l(2))).toEqual([4, 5, 1, 2, 3]);
  });
  it('handles edge cases', () => {
    expect(v('array_shift_left', arr, l(7))).toEqual([null, null, null, null, null]);
    expect(v('array_rotate_left', arr, l(12))).toEqual([3, 4, 5, 1, 2]);
    expect(v('array_rotate_left', d([]), l(1))).toEqual([]);
    expect(v('array_shift_left', d('x'), l(1))).toBeNull();
  });
});

describe('strcat_array / pack_array / zip / repeat / range', () => {
  it('follows the documented examples', () => {
    expect(callScalar('strcat_array', d([1, 2, 3]), s('->'))).toEqual({ type: 'string', value: '1->2->3' });
    expect(v('strcat_array', d([1, 2, 3]), s('"'))).toBe('1"2"3');
    expect(v('array_strcat', d(['George', 'John']), s(','))).toBe('George,John');
    expect(v('pack_array', l(1), l(2), l(4))).toEqual([1, 2, 4]);
    expect(v('pack_array', l(1), s('2'), ts(2n * 10_000_000n))).toEqual([1, '2', '00:00:02']);
    expect(v('zip', d([1, 3, 5]), d([2, 4, 6]))).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(v('zip', d(['A', 1, 1.5]), d([{}, 'B']))).toEqual([['A', {}], [1, 'B'], [1.5, null]]);
    expect(v('repeat', l(1), l(3))).toEqual([1, 1, 1]);
    expect(v('range', l(1), l(8), l(3))).toEqual([1, 4, 7]);
    expect(v('range', l(1), l(3))).toEqual([1, 2, 3]);
    expect(v('range', ts(HOUR), ts(5n * HOUR))).toEqual(['01:00:00', '02:00:00', '03:00:00', '04:00:00', '05:00:00']);
    const days = v('range', dt('2015-01-01T00:00:00Z'), dt('2015-12-31T00:00:00Z'), ts(DAY)) as string[];
    expect(days).toHaveLength(365);
    expect(days[0]).toBe('2015-01-01T00:00:00Z');
    expect(days[364]).toBe('2015-12-31T00:00:00Z');
    expect(v('range', l(1), l(1_000_000_000)) as number[]).toHaveLength(1_048_576);
  });

  it('handles edge cases', () => {
    expect(v('strcat_array', d(['a', null, { b: 1 }]), s('|'))).toBe('a||{"b":1}');
    expect(v('strcat_array', d('x'), s(','))).toBe('');
    expect(v('zip', d([1]), d(5))).toBeNull();
    expect(v('repeat', s('x'), l(0))).toEqual([]);
    expect(v('repeat', s('x'), l(-1))).toBeNull();
    expect(v('repeat', dt('2024-05-01T00:00:00Z'), l(1))).toEqual(['2024-05-01T00:00:00Z']);
    expect(v('range', l(5), l(1), l(-2))).toEqual([5, 3, 1]);
    expect(v('range', l(1), l(5), l(-1))).toEqual([]);
    expect(v('range', l(1), l(5), l(0))).toBeNull();
    expect(v('range', r(0), r(0.3), r(0.1))).toEqual([0, 0.1, 0.2]);
    expect(v('range', l(null), l(5))).toBeNull();
    expect(() => callScalar('range', dt('2015-01-01T00:00:00Z'), l(5))).toThrow(/datetime/);
    expect(() => callScalar('range', l(1), l(5), ts(HOUR))).toThrow(/range/);
    expect(() => callScalar('range', s('a'), l(5))).toThrow(/argument 1/);
  });
});

describe('bag_pack / bag_keys / bag_merge / bag_zip', () => {
  it('follows the documented examples', () => {
    expect(v('bag_pack', s('Level'), s('Information'), s('ProcessID'), l(1234), s('Data'), d({ url: 'www.bing.com' })))
      .toEqual({ Level: 'Information', ProcessID: 1234, Data: { url: 'www.bing.com' } });
    expect(v('pack', s('Dest'), l(100), s('Mesg'), s('AA'))).toEqual({ Dest: 100, Mesg: 'AA' });
    expect(v('pack_dictionary', s('a'), l(1))).toEqual({ a: 1 });
    expect(v('bag_keys', d({ a: 'b', c: 123 }))).toEqual(['a', 'c']);
    expect(v('bag_keys', d({ a: 'b', c: { d: 123 } }))).toEqual(['a', 'c']);
    expect(v('bag_keys', d(null))).toBeNull();
    expect(v('bag_keys', d({}))).toEqual([]);
    expect(v('bag_keys', d('a'))).toBeNull();
    expect(v('bag_keys', d([]))).toBeNull();
    expect(v('bag_merge', d({ A1: 12, B1: 2, C1: 3 }), d({ A2: 81, B2: 82, A1: 1 }))).toEqual({ A1: 12, B1: 2, C1: 3, A2: 81, B2: 82 });
    expect(v('bag_zip', d(['a', 'b', 'c']), d([1, '2', 3.4]))).toEqual({ a: 1, b: '2', c: 3.4 });
    expect(v('bag_zip', d(['a', 'b', 'c']), d([1, '2']))).toEqual({ a: 1, b: '2', c: null });
    expect(v('bag_zip', d(['a', 'b']), d([1, '2', 2.5]))).toEqual({ a: 1, b: '2' });
    expect(v('bag_zip', d(['a', 8, 'b']), d([1, '2', 2.5]))).toEqual({ a: 1, b: 2.5 });
    expect(v('bag_zip', d(['a', 8, 'b']), d(1))).toEqual({ a: null, b: null });
    expect(v('bag_zip', d('a'), d([1, '2', 2.5]))).toBeNull();
  });

  it('checks bag_pack arguments and holds datetimes as text', () => {
    expect(() => callScalar('bag_pack', s('a'))).toThrow(/even/);
    expect(() => callScalar('bag_pack', s('a'), l(1), s('b'))).toThrow(/even/);
    expect(() => callScalar('bag_pack', l(1), l(1))).toThrow(/key/);
    expect(v('bag_pack', s('t'), dt('2024-05-01T00:00:00Z'), s('n'), l(null))).toEqual({ t: '2024-05-01T00:00:00Z', n: null });
    expect(v('bag_merge', d('x'), d(null))).toBeNull();
  });
});

describe('bag_remove_keys / bag_has_key / bag_set_key', () => {
  it('follows the documented examples', () => {
    expect(v('bag_remove_keys', d({ key1: 123, key2: 'abc' }), d(['key2', 'key4']))).toEqual({ key1: 123 });
    expect(v('bag_remove_keys', d({ key1: 'value', key3: 42.0 }), d(['key2', 'key4']))).toEqual({ key1: 'value', key3: 42 });
    const nested = { key1: 123, key2: { prop1: 'abc', prop2: 'xyz' }, key3: [100, 200] };
    expect(v('bag_remove_keys', d(nested), d(['$.key2.prop1', 'key3']))).toEqual({ key1: 123, key2: { prop2: 'xyz' } });
    expect(nested.key2).toEqual({ prop1: 'abc', prop2: 'xyz' }); // the input is untouched

    expect(v('bag_has_key', d({ key1: 123, key2: 'abc' }), s('key2'))).toBe(true);
    expect(v('bag_has_key', d({ key1: 123, key3: 'abc' }), s('key2'))).toBe(false);
    expect(v('bag_has_key', d(nested), s('$.key2.prop1'))).toBe(true);
    expect(v('bag_has_key', d(nested), s("$['key2']['prop3']"))).toBe(false);

    expect(v('bag_set_key', d({ key1: 1, key2: 2 }), s('key3'), l(3))).toEqual({ key1: 1, key2: 2, key3: 3 });
    expect(v('bag_set_key', d({ key1: 1, key3: 'abc' }), s('key3'), l(3))).toEqual({ key1: 1, key3: 3 });
    const input = { key1: 123, key2: { prop1: 123, prop2: 'xyz' } };
    expect(v('bag_set_key', d(input), s('$.key2.prop1'), s('abc'))).toEqual({ key1: 123, key2: { prop1: 'abc', prop2: 'xyz' } });
    expect(input.key2.prop1).toBe(123);
    expect(v('bag_set_key', d({ key1: 123 }), s('$.key2.prop1'), s('abc'))).toEqual({ key1: 123, key2: { prop1: 'abc' } });
  });

  it('is null for non-bags and unsupported paths', () => {
    expect(v('bag_remove_keys', d([1]), d(['a']))).toBeNull();
    expect(v('bag_has_key', d('x'), s('a'))).toBeNull();
    expect(v('bag_has_key', d({ a: 1 }), s('$.a[0]'))).toBeNull();
    expect(v('bag_set_key', d(null), s('a'), l(1))).toBeNull();
    expect(v('bag_set_key', d({ a: 1 }), s('$'), l(1))).toBeNull();
    expect(v('bag_has_key', d({ 'a.b': 1 }), s('a.b'))).toBe(true);
    expect(v('bag_has_key', d({ a: null }), s('a'))).toBe(true);
  });

  it('works when the key is not a constant', () => {
    expect(v('bag_has_key', d({ a: { b: 1 } }), { type: 'string', value: '$.a.b', constant: false })).toBe(true);
    expect(v('bag_remove_keys', d({ a: 1, b: 2 }), { type: 'dynamic', value: ['a'], constant: false })).toEqual({ b: 2 });
  });
});

describe('set_union / set_intersect / set_difference / jaccard_index', () => {
  it('follows the documented examples', () => {
    expect(v('set_union', d([1, 2, 1, 4]), d([1, 2]), d([8]))).toEqual([1, 2, 4, 8]);
    expect(v('set_union', d(['A4', 'A2', 'A7', 'A2']), d(['A4', 'A2', 'A7', 'A2']))).toEqual(['A4', 'A2', 'A7']);
    expect(v('set_intersect', d([1, 2, 1, 4]), d([1, 2]), d([8, 1]))).toEqual([1]);
    expect(v('set_intersect', d([1, 2, 3]), d([4, 5]))).toEqual([]);
    expect(v('set_difference', d([1, 2, 1, 4]), d([1, 2]), d([1, 2, 8]))).toEqual([4]);
    expect(v('set_difference', d([1, 2, 3]), d([1, 2, 3]))).toEqual([]);
    expect(callScalar('jaccard_index', d([1, 2, 3]), d([1, 2, 3, 4]))).toEqual({ type: 'real', value: 0.75 });
  });

  it('handles edge cases', () => {
    expect(v('set_union', d([1]), d('x'))).toBeNull();
    expect(v('set_union', d([1, '1']), d([{ a: 1 }, { a: 1 }]))).toEqual([1, '1', { a: 1 }]);
    expect(v('jaccard_index', d([1, 1, 2]), d([2, 2]))).toBe(0.5);
    expect(v('jaccard_index', d([]), d([]))).toBeNaN();
    expect(v('jaccard_index', d(1), d([]))).toBeNull();
    expect(() => callScalar('set_union', d([1]))).toThrow(/expects/);
  });
});

describe('bag_pack_columns', () => {
  it('matches the docs example', () => {
    expect(rows(`datatable(Id: string, Value: string, Other: long)
      [
        "A", "val_a", 1,
        "B", "val_b", 2,
        "C", "val_c", 3
      ]
      | extend Packed = bag_pack_columns(Id, Value)`)).toEqual([
      ['A', 'val_a', 1, { Id: 'A', Value: 'val_a' }],
      ['B', 'val_b', 2, { Id: 'B', Value: 'val_b' }],
      ['C', 'val_c', 3, { Id: 'C', Value: 'val_c' }],
    ]);
  });

  it('keeps each column\'s value as bag_pack does, nulls included', () => {
    expect(rows('print n = long(null), t = datetime(2024-05-01), x = 1.5 | project b = bag_pack_columns(n, t, x)')).toEqual([
      [{ n: null, t: '2024-05-01T00:00:00Z', x: 1.5 }],
    ]);
  });

  it('takes only columns, as the official binder does', () => {
    expect(errors('print n = 1 | project b = bag_pack_columns(n + 1)')[0]!.message).toContain('bag_pack_columns(): argument 1 must be a column');
  });
});
