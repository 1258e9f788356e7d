/**
 * Issue 15, items 2 and 16: deep and long queries. Long flat chains (thousands of `or`/`and`/`+` terms,
 * thousands of `|` stages) run to their answer; nesting past the documented limits (docs/semantics.md)
 * is refused by name with its position; nothing ends in an internal error.
 */
import { describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../../src/syntax/kql/nesting.js';
import { MAX_CALL_DEPTH } from '../../src/semantics/context.js';
import { dynamicToJson } from '../../src/types/json-text.js';
import { errors, rows } from '../helpers/run.js';

const terms = (n: number, term: (i: number) => string, sep: string) => Array.from({ length: n }, (_, i) => term(i)).join(sep);
const nest = (n: number, open: string, inner: string, close: string) => `${open.repeat(n)}${inner}${close.repeat(n)}`;

describe('long chains run to their answer', () => {
  it('4,000 `or` terms (a generated IOC rule)', () => {
    expect(rows(`range x from 1 to 5 step 1 | where ${terms(4000, (i) => `x == ${i * 2}`, ' or ')}`)).toEqual([[2], [4]]);
  });
  it('4,000 `and` terms', () => {
    expect(rows(`range x from 1 to 3 step 1 | where ${terms(4000, (i) => `x != ${i + 3}`, ' and ')}`)).toEqual([[1], [2]]);
  });
  it('4,000 `+` terms over a column, and a mixed chain keeps left-to-right order and types', () => {
    expect(rows(`range x from 1 to 2 step 1 | project y = ${terms(4000, () => 'x', ' + ')}`)).toEqual([[4000], [8000]]);
    expect(rows(`print x = 1 | project y = ${terms(2000, () => 'x', ' - ')} + 0.5`)).toEqual([[1 - 1999 + 0.5]]);
  });
  it('three-valued logic holds over a long chain: null or ... or true is true, null and ... and true is null', () => {
    expect(rows(`print a = bool(null) | project o = a ${terms(3000, () => 'or a', ' ')} or true, n = a ${terms(3000, () => 'and a', ' ')} and true`)).toEqual([[true, null]]);
  });
  it('4,500 pipe stages', () => {
    expect(rows(`print x = 1 ${terms(4500, () => '| extend x = x + 1', ' ')}`)).toEqual([[4501]]);
  });
  it('10,000 chained scalar lets', () => {
    expect(rows(`let a0 = 1;\n${terms(10000, (i) => `let a${i + 1} = a${i} + 1;`, '\n')}\nprint x = a10000`)).toEqual([[10001]]);
  });
  it('a join on 3,000 keys joined by `and` (the parser reads the condition without recursion)', () => {
    const cols = terms(3000, (i) => `c${i} = 1`, ', ');
    expect(rows(`print ${cols} | join (print ${cols}) on ${terms(3000, (i) => `c${i}`, ' and ')} | count`)).toEqual([[1]]);
  });
});

describe('nesting past the limits is refused by name, with its position', () => {
  const refused = (query: string, code: string) => {
    const e = errors(query);
    expect(e.map((d) => d.code)).toEqual([code]);
    return e[0]!;
  };
  it(`200 nested parentheses: KX410 at the ${MAX_NESTING + 1}th`, () => {
    const d = refused(`print x = ${nest(200, '(', '1', ')')}`, 'KX410');
    expect(d.col).toBe(11 + MAX_NESTING);
    expect(d.message).toContain(`more than ${MAX_NESTING} levels`);
  });
  it('300 nested calls, 100 nested toscalar(print ...), deep dynamic literals, prefix signs', () => {
    refused(`print x = ${nest(300, 'tostring(', '1', ')')}`, 'KX410');
    refused(`print x = ${nest(100, 'toscalar(print ', '1', ')')}`, 'KX410');
    refused(`print x = dynamic(${nest(500, '[', '1', ']')})`, 'KX410');
    refused(`print x = ${'- '.repeat(5000)}1`, 'KX410');
  });
  it(`nesting up to the limit (${MAX_NESTING}) still runs`, () => {
    expect(rows(`print x = ${nest(MAX_NESTING - 1, '(', '1', ')')}`)).toEqual([[1]]);
    expect(rows(`print x = ${nest(MAX_NESTING - 2, 'toscalar(print ', '1', ')')}`)).toEqual([[1]]);
    expect(rows(`print x = ${'- '.repeat(MAX_NESTING - 1)}1`)).toEqual([[-1]]);
  });
  it(`10,000 chained let functions: KX415 once calls nest past ${MAX_CALL_DEPTH}; up to it they run`, () => {
    const chain = (n: number) => `let f0 = () { 1 };\n${terms(n, (i) => `let f${i + 1} = () { f${i}() + 1 };`, '\n')}\nprint x = f${n}()`;
    const d = refused(chain(10000), 'KX415');
    expect(d.message).toContain(`more than ${MAX_CALL_DEPTH} deep`);
    expect(rows(chain(MAX_CALL_DEPTH - 1))).toEqual([[MAX_CALL_DEPTH]]);
    const tabular = (n: number) => `let t0 = () { print x = 0 };\n${terms(n, (i) => `let t${i + 1} = () { t${i}() | extend x = x + 1 };`, '\n')}\nt${n}()`;
    refused(tabular(5000), 'KX415');
    expect(rows(tabular(50))).toEqual([[50]]);
  });
});

describe('the parser errors the fuzzer found are syntax errors, not TypeErrors', () => {
  it.each([
    ['( ) | summarize x = ) by x', 'KX104'],
    ['print a=1 | join (print a=1) on a and and a', 'KX103'],
    ['print real(+contains)', 'KX104'],
  ])('%s', (query, code) => {
    expect(errors(query)[0]?.code).toBe(code);
  });
});

describe('dynamic values nested thousands deep', () => {
  it('parse_json of an array nested 4,500 deep is read, written and converted', () => {
    const text = nest(4500, '[', '1', ']');
    expect(rows(`print x = parse_json('${text}') | project y = tostring(x)`)).toEqual([[text]]);
    const [[value]] = rows(`print x = parse_json('${text}')`);
    expect(dynamicToJson(value)).toBe(text);
  });
  it('the deep writer gives exactly what JSON.stringify gives', () => {
    const value = { a: [1, 'two', null, { b: true, c: [], d: {} }], e: -0, f: Number.NaN, g: 'q"\n', h: undefined, '1': 2 };
    let deep: unknown = value;
    for (let i = 0; i < 20000; i++) deep = [deep, i % 2 ? { k: deep === value ? 1 : i } : i];
    const shallow = [value, [value, { x: value }]];
    expect(dynamicToJson(shallow)).toBe(JSON.stringify(shallow));
    const text = dynamicToJson(deep);
    expect(text.startsWith('['.repeat(20000))).toBe(true);
    expect(text.includes(JSON.stringify(value))).toBe(true);
  });
});
