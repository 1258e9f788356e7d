/** Malformed scan operators: a syntax diagnostic at the token that breaks the clause, never an exception. */
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../src/common/source.js';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import type * as A from '../../src/syntax/ast.js';
import { parseKql } from '../../src/syntax/kql/parse.js';

function diagnose(text: string) {
  const a = analyzeQuery(new SourceText(text, 'q.kql'), { catalog: makeCatalog(new Map(), sentinel) });
  return a.diagnostics.map((d) => ({ code: d.code, line: d.line, col: d.col, message: d.message }));
}

describe('scan parses into its clauses', () => {
  it('match id, declarations with and without defaults, steps with output modes and assignments', () => {
    const { ast, diagnostics } = parseKql(`T | scan with_match_id=m declare (x:long=0, s:string) with (
      step s1: true => x = x + s1.x, s = "a";
      step s2 output=last: s1.x > 1;
    )`);
    expect(diagnostics).toEqual([]);
    const stmt = ast!.statements[0] as A.ExprStatement;
    const scan = (stmt.expr as A.Pipeline).operators[0] as A.Scan;
    expect(scan.kind).toBe('Scan');
    expect(scan.matchId?.name).toBe('m');
    expect(scan.declarations.map((d) => [d.name, d.type, d.default?.kind])).toEqual([['x', 'long', 'Literal'], ['s', 'string', undefined]]);
    expect(scan.steps.map((s) => [s.name, s.output, s.assignments.map((a) => a.names[0])])).toEqual([['s1', 'all', ['x', 's']], ['s2', 'last', []]]);
  });
  it('scan, step and declare stay usable as names', () => {
    expect(diagnose('print scan=1, step=2, declare=3 | where scan < step')).toEqual([]);
  });
});

describe('malformed scan', () => {
  it.each([
    ['a step without its colon', 'SecurityEvent\n| scan with (step s1 true;)', 22, "expected ':' but found 'true'"],
    ['a step without its semicolon', 'SecurityEvent\n| scan with (step s1: true)', 27, "expected ';' but found ')'"],
    ['no steps', 'SecurityEvent\n| scan with ()', 14, "expected 'step' but found ')'"],
    ['an unknown output mode', 'SecurityEvent\n| scan with (step s1 output=first: true;)', 29, "expected 'all', 'last' or 'none' but found 'first'"],
    ['a declaration without its type', 'SecurityEvent\n| scan declare (x long) with (step s1: true;)', 19, "expected ':' but found 'long'"],
    ['no with', 'SecurityEvent\n| scan (step s1: true;)', 8, "expected 'with' but found '('"],
    ['nothing after scan', 'SecurityEvent\n| scan', 3, "expected 'with' but found the end of the query"],
  ])('%s', (_, query, col, message) => {
    expect(diagnose(query)[0]).toEqual({ code: 'KX103', line: 2, col, message });
  });
  it('an unclosed step list', () => {
    expect(diagnose('SecurityEvent\n| scan with (step s1: true;')).toEqual([
      { code: 'KX107', line: 2, col: 28, message: "unexpected end of query; expected ')'" },
    ]);
  });
});
