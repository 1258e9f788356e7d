/** Malformed search and find: syntax diagnostics with their positions. */
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../src/common/source.js';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { parseKql } from '../../src/syntax/kql/parse.js';

function firstError(text: string) {
  const a = analyzeQuery(new SourceText(text, 'q.kql'), { catalog: makeCatalog(new Map()) });
  const d = a.diagnostics[0];
  return d && { code: d.code, line: d.line, col: d.col, message: d.message };
}

describe('search syntax', () => {
  it('an unknown kind', () => {
    expect(firstError('search kind=exact "x"')).toEqual({
      code: 'KX103', line: 1, col: 8, message: "expected 'default', 'case_insensitive' or 'case_sensitive' but found 'exact'",
    });
  });
  it('no predicate', () => {
    expect(firstError('search in (T)')).toEqual({ code: 'KX107', line: 1, col: 14, message: 'unexpected end of query; expected an expression' });
    expect(firstError('T\n| search\n| take 1')).toEqual({ code: 'KX104', line: 2, col: 3, message: "missing operand after 'search'" });
  });
  it('Col: takes a string', () => {
    expect(firstError('search Level:42')).toEqual({ code: 'KX103', line: 1, col: 14, message: "expected a string but found '42'" });
  });
  it('in~ is not a table list', () => {
    expect(firstError('search in~ (T) "x"')).toEqual({ code: 'KX103', line: 1, col: 8, message: "expected 'in' but found 'in~'" });
  });
  it('an unclosed table list', () => {
    expect(firstError('search in (T "x"')).toMatchObject({ code: 'KX103', line: 1, col: 14 });
  });
  it('a dangling and', () => {
    expect(firstError('search "a" and')).toEqual({ code: 'KX104', line: 1, col: 15, message: "missing operand after 'and'" });
  });
});

describe('find syntax', () => {
  it('in (...) needs where', () => {
    expect(firstError('find in (T) "x"')).toEqual({ code: 'KX103', line: 1, col: 13, message: "expected 'where' but found '\"x\"'" });
    expect(firstError('find withsource=S Level == 1')).toEqual({ code: 'KX103', line: 1, col: 19, message: "expected 'where' but found 'Level'" });
  });
  it('pack_all() comes last in project', () => {
    expect(firstError('find where a == 1 project pack_all(), a')).toEqual({
      code: 'KX103', line: 1, col: 39, message: "expected the end of find's project list after pack_all() but found 'a'",
    });
  });
  it('an empty project list and an unknown type', () => {
    expect(firstError('find a == 1 project')).toEqual({
      code: 'KX103', line: 1, col: 20, message: "expected a column name or 'pack_all()' but found end of query",
    });
    expect(firstError('find a == 1 project a:number')).toEqual({ code: 'KX103', line: 1, col: 23, message: "expected a type name but found 'number'" });
  });
  it('parses the forms of the page', () => {
    for (const q of [
      'find in (Table1, Table2, Table3) where Fruit == "apple"',
      'find in (E*) where * has "Kusto"',
      'find withsource=S in (T) where a == 1 project-smart',
      'find a == 1 project b, c:string, pack_all()',
      'find "Hernandez"',
      'search "abc" and ("def" or "hij")',
      'search "err" or (A > a and A < b)',
      'search col matches regex "..."',
      'search in (T1, T2, A*) "err"',
    ]) expect(parseKql(q).diagnostics, q).toEqual([]);
  });
});
