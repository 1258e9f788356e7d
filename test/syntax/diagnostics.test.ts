/** Malformed queries give diagnostics with a stable code, line:col and a caret — never an exception. */
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../src/common/source.js';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { parseKql } from '../../src/syntax/kql/parse.js';

function diagnose(text: string) {
  const source = new SourceText(text, 'q.kql');
  const a = analyzeQuery(source, { catalog: makeCatalog(new Map(), sentinel) });
  return a.diagnostics.map((d) => ({ code: d.code, category: d.category, line: d.line, col: d.col, message: d.message, rendered: renderDiagnostic(d, source) }));
}

describe('syntax errors', () => {
  it('an unclosed string', () => {
    const [d] = diagnose('CommonSecurityLog\n| where DeviceName == "abc');
    expect(d).toMatchObject({ code: 'KX101', category: 'syntax', line: 2, col: 23, message: 'unterminated string literal' });
    expect(d!.rendered).toBe(['q.kql:2:23: error KX101: unterminated string literal', '  |', '2 | | where DeviceName == "abc', '  |                       ^^^^'].join('\n'));
  });
  it('a missing operand', () => {
    const [d] = diagnose('CommonSecurityLog | where DestinationPort ==');
    expect(d).toMatchObject({ code: 'KX104', category: 'syntax', line: 1, message: "missing operand after '=='" });
  });
  it('an unknown operator, reported by name; parsing goes on after it', () => {
    const ds = diagnose('CommonSecurityLog\n| wher DeviceName == "x"\n| summarize count() by');
    expect(ds[0]).toMatchObject({ code: 'KX105', line: 2, col: 3, message: "unknown query operator 'wher' (did you mean 'where'?)" });
    expect(ds.length).toBeGreaterThan(1); // the second error, after recovery
  });
  it('parse-kv without its as (...) key list', () => {
    const [d] = diagnose("CommonSecurityLog\n| parse-kv Message with (pair_delimiter=';', kv_delimiter='=')");
    expect(d).toMatchObject({ code: 'KX103', category: 'syntax', line: 2, col: 20, message: "expected 'as' but found 'with'" });
    expect(d!.rendered.split('\n')[3]).toBe('  |                    ^^^^');
  });
  it('a stray token after a complete query', () => {
    const [d] = diagnose('CommonSecurityLog | take 5 )');
    expect(d).toMatchObject({ code: 'KX103', line: 1, col: 28 });
  });
  it('a malformed top-nested clause, at the token that breaks it', () => {
    const [missingOf] = diagnose('CommonSecurityLog\n| top-nested 3 DeviceName by count()');
    expect(missingOf).toMatchObject({ code: 'KX103', category: 'syntax', line: 2, col: 16, message: "expected 'of' but found 'DeviceName'" });
    expect(missingOf!.rendered.split('\n')[3]).toBe('  |                ^^^^^^^^^^');
    expect(diagnose('CommonSecurityLog\n| top-nested 3 of DeviceName with others by count()')[0]).toMatchObject({
      code: 'KX103', line: 2, col: 42, message: "expected '=' but found 'by'",
    });
    expect(diagnose('CommonSecurityLog\n| top-nested 3 of DeviceName by count(),\n  top-nested')[0]).toMatchObject({
      code: 'KX107', line: 3, col: 13, message: "unexpected end of query; expected 'of'",
    });
  });
  it('parses several statements, comments and multi-line strings', () => {
    const r = parseKql('let a = 1; // note\nlet b = ```multi\nline```;\nprint a, b');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast!.statements).toHaveLength(3);
  });
});

describe('semantic errors', () => {
  it('an unknown column, with a suggestion', () => {
    const [d] = diagnose('CommonSecurityLog\n| summarize count() by DeviceNam');
    expect(d).toMatchObject({ code: 'KX201', category: 'semantic', line: 2, col: 24 });
    expect(d!.message).toBe("unknown column or name 'DeviceNam' (did you mean 'DeviceName'?)");
    expect(d!.rendered.split('\n')[3]).toBe('  |                        ^^^^^^^^^');
  });
  it('an unknown table', () => {
    expect(diagnose('NoSuchTable | take 1')[0]).toMatchObject({ code: 'KX202', line: 1, col: 1 });
  });
  it('an unknown function and a wrong argument count', () => {
    expect(diagnose('print nosuchfn(1)')[0]).toMatchObject({ code: 'KX203', col: 7 });
    expect(diagnose('print strlen("a", "b")')[0]).toMatchObject({ code: 'KX204' });
  });
  it('an aggregate outside summarize', () => {
    expect(diagnose('CommonSecurityLog | extend c = count()')[0]).toMatchObject({ code: 'KX208' });
  });
  it('incompatible comparison', () => {
    expect(diagnose('CommonSecurityLog | where TimeGenerated > 1')[0]).toMatchObject({ code: 'KX205', category: 'semantic' });
  });
});

describe('refused by name', () => {
  it('an operator kqlx does not run', () => {
    expect(diagnose('CommonSecurityLog\n| reduce by DeviceName')[0]).toMatchObject({
      code: 'KX301', category: 'unsupported', line: 2, col: 3, message: "unsupported operator 'reduce'",
    });
  });
  it('a plugin kqlx does not run', () => {
    expect(diagnose('CommonSecurityLog\n| evaluate autocluster()')[0]).toMatchObject({
      code: 'KX304', category: 'unsupported', line: 2, col: 3, message: "unsupported operator 'evaluate autocluster'",
    });
  });
  it('a function kqlx does not implement', () => {
    expect(diagnose('print series_fir(dynamic([1]), dynamic([1]))')[0]).toMatchObject({ code: 'KX302', category: 'unsupported' });
  });
});
