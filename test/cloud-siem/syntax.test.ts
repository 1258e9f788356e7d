/**
 * The Cloud SIEM rule expression front end: every construct of "Cloud SIEM Rules Syntax"
 * (sumologic.com/help/docs/cse/rules/cse-rules-syntax) parses to the shared AST, and malformed
 * expressions give one diagnostic with line:col inside the expression and a caret.
 */
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../src/common/source.js';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import type * as A from '../../src/syntax/ast.js';
import { parseCseExpression } from '../../src/syntax/cse/parse.js';

/** The tree as a compact prefix form, so each test reads as the expression's structure. */
function show(e: A.Expr): string {
  switch (e.kind) {
    case 'Literal': return e.value === null ? 'null' : JSON.stringify(e.value) + (e.type === 'real' ? 'r' : '');
    case 'Name': return e.name;
    case 'Paren': return show(e.inner);
    case 'Call': return `${e.name}(${e.args.map(show).join(', ')})`;
    case 'Binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'InList': return `(${show(e.left)} in [${e.items.map(show).join(', ')}])`;
    case 'Between': return `(${show(e.left)} between ${show(e.low)} and ${show(e.high)})`;
    case 'Unary': return `-${show(e.operand)}`;
    case 'Index': return `${show(e.object)}[${show(e.index)}]`;
    case 'Member': return `${show(e.object)}.${e.name}`;
    default: return e.kind;
  }
}

function tree(text: string): string {
  const { ast, diagnostics } = parseCseExpression(text);
  expect(diagnostics).toEqual([]);
  return show(ast!);
}

function error(text: string) {
  const { diagnostics } = parseCseExpression(text);
  expect(diagnostics).toHaveLength(1);
  const source = new SourceText(text, 'rule.json THRESHOLD-X expression');
  const d = diagnostics[0]!;
  return { code: d.code, message: d.message, ...source.position(d.span!.start), rendered: renderDiagnostic(d, source) };
}

describe('Cloud SIEM Rules Syntax: operators', () => {
  it('&& and || are AND and OR; AND binds tighter than OR', () => {
    expect(tree("a = 1 || b = 2 && c = 3")).toBe('((a == 1) or ((b == 2) and (c == 3)))');
    expect(tree("a = 1 OR b = 2 AND c = 3")).toBe(tree("a = 1 || b = 2 && c = 3"));
    expect(tree("a = 1 and b = 2 Or c = 3")).toBe('(((a == 1) and (b == 2)) or (c == 3))');
  });
  it("! is NOT: `device_ip != '0.0.0.0'` and `!(null)`", () => {
    expect(tree("device_ip != '0.0.0.0'")).toBe('(device_ip != "0.0.0.0")');
    expect(tree('!(null)')).toBe('not(null)');
    expect(tree('NOT a = 1 AND b = 2')).toBe('(not((a == 1)) and (b == 2))');
  });
  it('- and / between expressions: `(length(dns_query) - length(dns_queryDomain))`, `error_count / user_count`', () => {
    expect(tree('(length(dns_query) - length(dns_queryDomain))')).toBe('(length(dns_query) - length(dns_queryDomain))');
    expect(tree('error_count / user_count')).toBe('(error_count / user_count)');
    expect(tree('errorCount_x + errorCount_y * 2')).toBe('(errorCount_x + (errorCount_y * 2))');
  });
  it('/* */ comments; // is not a comment', () => {
    expect(tree("/* This is a comment. */ a = 1 /* trailing */")).toBe('(a == 1)');
    expect(error('a = 1 // no')).toMatchObject({ code: 'KX144' });
  });
  it('comparisons: = == != <> < <= > >=', () => {
    expect(tree('srcPort < dstPort')).toBe('(srcPort < dstPort)');
    expect(tree('dstPort <= 6669')).toBe('(dstPort <= 6669)');
    expect(tree("severity > '6'")).toBe('(severity > "6")');
    expect(tree('srcPort >= dstPort')).toBe('(srcPort >= dstPort)');
    expect(tree('"foo" = "foo"')).toBe('("foo" == "foo")');
    expect(tree('a == b')).toBe('(a == b)');
    expect(tree('a <> b')).toBe('(a != b)');
  });
  it('IN and NOT IN: `srcDevice_ip IN ("1.2.3.4", "2.3.4.5")`, `http_response_statusCode in (400, 500)`', () => {
    expect(tree('srcDevice_ip IN ("1.2.3.4", "2.3.4.5", "3.4.5.6")')).toBe('(srcDevice_ip in ["1.2.3.4", "2.3.4.5", "3.4.5.6"])');
    expect(tree('http_response_statusCode in (400, 500)')).toBe('(http_response_statusCode in [400, 500])');
    expect(tree('NOT dstPort IN (53,80)')).toBe('not((dstPort in [53, 80]))');
    expect(tree("http_url_tld NOT IN ('com','net')")).toBe('not((http_url_tld in ["com", "net"]))');
  });
  it("BETWEEN: `metadata_deviceEventId between '2000000' and '2999999'`", () => {
    expect(tree("metadata_deviceEventId between '2000000' and '2999999'")).toBe('(metadata_deviceEventId between "2000000" and "2999999")');
    expect(tree('x BETWEEN 1 AND 10 AND y = 2')).toBe('((x between 1 and 10) and (y == 2))');
    expect(tree('x NOT BETWEEN 1 AND 10')).toBe('not((x between 1 and 10))');
  });
  it("LIKE, NOT LIKE: `bro_rdp_cookie like '%admin%'`, `'%SystemDrive%\\Users\\John' like '\\%SystemDrive\\%\\\\Users%'`", () => {
    expect(tree("bro_rdp_cookie like '%admin%'")).toBe('(bro_rdp_cookie like "%admin%")');
    expect(tree("'%SystemDrive%\\Users\\John' like '\\%SystemDrive\\%\\\\Users%'")).toBe(
      String.raw`("%SystemDrive%\\Users\\John" like "\\%SystemDrive\\%\\\\Users%")`);
    expect(tree("application NOT LIKE '%$'")).toBe('not((application like "%$"))');
  });
  it("LIKE ... ESCAPE 'c' (the like entry's syntax): rewritten to the backslash escape", () => {
    expect(tree("x like '10!%' ESCAPE '!'")).toBe(String.raw`(x like "10\\%")`);
    expect(tree(String.raw`x like 'a\b#_' escape '#'`)).toBe(String.raw`(x like "a\\\\b\\_")`);
    expect(error("x like y ESCAPE '!'")).toMatchObject({ code: 'KX321', col: 10, message: 'unsupported LIKE ... ESCAPE: kqlx applies ESCAPE with one character to a constant pattern only' });
  });
  it("RLIKE and NOT RLIKE: `dns_query rlike '[A-Za-z2-7]{60,}'`", () => {
    expect(tree("dns_query rlike '[A-Za-z2-7]{60,}'")).toBe('(dns_query matches regex "[A-Za-z2-7]{60,}")');
    expect(tree("changeTarget NOT RLIKE 'naming_convention'")).toBe('not((changeTarget matches regex "naming_convention"))');
  });
  it('matches /regex/, !matches, and matches with a wildcard pattern (`foo matches "*bar*"` is `foo LIKE \'%bar%\'`)', () => {
    expect(tree('foo matches /.*bar.*/')).toBe('(foo matches regex ".*bar.*")');
    expect(tree('lower(x) matches /(a\\-b|c\\/d)/')).toBe(String.raw`(lower(x) matches regex "(a\\-b|c\\/d)")`);
    expect(tree('x !matches /(System Call\\-257)/')).toBe(String.raw`not((x matches regex "(System Call\\-257)"))`);
    expect(tree('!lower(x) matches /a/')).toBe('not((lower(x) matches regex "a"))');
    expect(tree('foo matches "*b.r*"')).toBe(String.raw`(foo matches regex "^.*b\\.r.*$")`);
    // `/` after anything but matches is division
    expect(tree('a / 2 > b')).toBe('((a / 2) > b)');
  });
  it('IS NULL, IS NOT NULL', () => {
    expect(tree('dns_queryDomain_alexaRank IS NULL OR x is not null')).toBe('(isNull(dns_queryDomain_alexaRank) or not(isNull(x)))');
  });
  it("map access `fields['resultType']`, `fields[\"a.b\"]`, `fields.eventName`", () => {
    expect(tree("fields['resultType'] = '700082'")).toBe('(fields["resultType"] == "700082")');
    expect(tree('fields["EventData.TargetImage"]')).toBe('fields["EventData.TargetImage"]');
    expect(tree("fields.yaraStatus = 'Succeeded'")).toBe('(fields.yaraStatus == "Succeeded")');
  });
  it('literals: strings in both quotes, escaped double quote, numbers and suffixes, true/True/FALSE, NULL', () => {
    expect(tree('"\\"foo\\""')).toBe(JSON.stringify('"foo"'));
    expect(tree("'a\\b'")).toBe(JSON.stringify('a\\b'));
    expect(tree("x like ':\\Program Files (x86)\\'")).toBe(String.raw`(x like ":\\Program Files (x86)\\")`);
    expect(tree('a = True AND b = false AND c = TRUE')).toBe('(((a == true) and (b == false)) and (c == true))');
    expect(tree('x = NULL')).toBe('(x == null)');
    expect(tree('float(x) >= 75.0')).toBe('(float(x) >= 75r)');
    expect(tree('x > 5m AND y < 1Ki AND z = 2K AND w = -1')).toBe('((((x > 300000) and (y < 1024)) and (z == 2000)) and (w == -1))');
  });
  it('function calls, nested; hasThreatMatch with a field list', () => {
    expect(tree("array_contains(listMatches, 'vuln_scanners')")).toBe('array_contains(listMatches, "vuln_scanners")');
    expect(tree('if(severity >= 10, "Critical", if(severity >= 5, "Moderate", "Low"))'))
      .toBe('if((severity >= 10), "Critical", if((severity >= 5), "Moderate", "Low"))');
    expect(tree("hasThreatMatch([srcDevice_ip, dstDevice_ip], confidence > 50 AND type='ipv4-addr')"))
      .toBe('hasThreatMatch(pack_array(srcDevice_ip, dstDevice_ip), ((confidence > 50) and (type == "ipv4-addr")))');
  });
  it('the seed rule THRESHOLD-S00080, verbatim', () => {
    const text = "objectType = 'Network'\nAND srcDevice_ip_isInternal = True\nAND dstDevice_ip_isInternal = True\nAND ((dstPort>=1 AND dstPort<=1024) OR dstPort=3389)\nAND NOT dstPort IN (53,80,443,137,138,139)\nAND NOT array_contains(listMatches, 'proxy_servers')";
    expect(tree(text)).toBe('((((((objectType == "Network") and (srcDevice_ip_isInternal == true)) and (dstDevice_ip_isInternal == true)) and (((dstPort >= 1) and (dstPort <= 1024)) or (dstPort == 3389))) and not((dstPort in [53, 80, 443, 137, 138, 139]))) and not(array_contains(listMatches, "proxy_servers")))');
  });
  it('spans cover the source text of each node', () => {
    const text = "a = 1 AND NOT b IN (2)";
    const ast = parseCseExpression(text).ast as A.Binary;
    expect(text.slice(ast.right.span.start, ast.right.span.end)).toBe('NOT b IN (2)');
    expect(text.slice(ast.left.span.start, ast.left.span.end)).toBe('a = 1');
  });
});

describe('syntax errors: one diagnostic, line:col inside the expression, a caret', () => {
  it('a missing operand, on the second line', () => {
    const d = error("objectType = 'Network'\nAND dstPort >= ");
    expect(d).toMatchObject({ code: 'KX144', line: 2, col: 15, message: "missing operand after '>='" });
    expect(d.rendered).toBe([
      "rule.json THRESHOLD-X expression:2:15: error KX144: missing operand after '>='",
      '  |', '2 | AND dstPort >= ', '  |               ^'].join('\n'));
  });
  it('an unterminated string', () => {
    expect(error("a = 'abc")).toMatchObject({ code: 'KX140', line: 1, col: 5, message: 'unterminated string literal' });
  });
  it('an unexpected character', () => {
    expect(error('a = 1 | json field=fields')).toMatchObject({ code: 'KX141', col: 7, message: "unexpected character '|'" });
  });
  it('an unclosed parenthesis', () => {
    expect(error('(a = 1 AND b = 2')).toMatchObject({ code: 'KX143', col: 17, message: "unexpected end of expression; expected ')'" });
  });
  it('two values with no operator between them', () => {
    expect(error("a = 1 b = 2")).toMatchObject({ code: 'KX142', col: 7 });
  });
  it('an unterminated comment and regular expression', () => {
    expect(error('a = 1 /* open')).toMatchObject({ code: 'KX145', col: 7 });
    expect(error('a matches /abc')).toMatchObject({ code: 'KX146', col: 11 });
  });
  it('an empty expression', () => {
    expect(error('  ')).toMatchObject({ code: 'KX147' });
  });
});
