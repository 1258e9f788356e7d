/** Scalar operators: the string predicates, comparisons across types, null logic, arithmetic. */
import { describe, expect, it } from 'vitest';
import { rows, schemaOf } from '../helpers/run.js';

const value = (expr: string) => rows(`print v = ${expr}`)[0]![0];

describe('string operators (the examples of the string operators page)', () => {
  it.each([
    ['"aBc" == "aBc"', true], ['"abc" != "ABC"', true], ['"abc" =~ "ABC"', true], ['"aBc" !~ "xyz"', true],
    ['"FabriKam" contains "BRik"', true], ['"Fabrikam" !contains "xyz"', true], ['"FabriKam" contains_cs "Kam"', true],
    ['"Fabrikam" !contains_cs "Kam"', true], ['"Fabrikam" endswith "Kam"', true], ['"Fabrikam" !endswith "brik"', true],
    ['"Fabrikam" endswith_cs "kam"', true], ['"North America" has "america"', true], ['"North America" !has "amer"', true],
    ['"North America" has_cs "America"', true], ['"North America" hasprefix "ame"', true], ['"North America" hassuffix "ica"', true],
    ['"North America" !hasprefix "mer"', true], ['"Fabrikam" startswith "fab"', true], ['"Fabrikam" startswith_cs "Fab"', true],
    ['"Fabrikam" matches regex "b.*k"', true], ['"abc" in ("123", "345", "abc")', true], ['"bca" !in ("123", "345", "abc")', true],
    ['"Abc" in~ ("123", "345", "abc")', true], ['"bCa" !in~ ("123", "345", "ABC")', true],
    ['"North America" has_any ("america", "europe")', true], ['"North America" has_all ("america", "north")', true],
  ])('%s', (expr, expected) => expect(value(expr)).toBe(expected));

  it('has matches whole terms only, aligned on non-alphanumeric boundaries', () => {
    expect(value('"reason=tcp-fin;x" has "tcp-fin"')).toBe(true);
    expect(value('"reason=xtcp-fin" has "tcp-fin"')).toBe(false);
    expect(value('"PanOSSessionEndReason=aged-out" has "aged-out"')).toBe(true);
    expect(value('"TCP-FIN" has "tcp-fin"')).toBe(true);
    expect(value('"ab_cd" has "cd"')).toBe(true);
  });
  it('in and == are case-sensitive', () => {
    expect(value('"Deny" in ("reset-both", "deny")')).toBe(false);
    expect(value('"Deny" == "deny"')).toBe(false);
  });
  it('in flattens dynamic arrays', () => {
    expect(rows('let L = dynamic(["a", "b"]); print "b" in (L)')[0]![0]).toBe(true);
  });
});

describe('types meeting', () => {
  it('an int compared with string constants compares as numbers (the constants are converted)', () => {
    expect(value('toint(443) !in ("443", "53")')).toBe(false);
    expect(value('toint(8000) !in ("443", "53")')).toBe(true);
    expect(value('toint(80) == "80"')).toBe(true);
  });
  it('between is inclusive at both ends', () => {
    expect(value('toint(49512) !between (toint(49512) .. toint(65535))')).toBe(false);
    expect(value('toint(49511) !between (toint(49512) .. toint(65535))')).toBe(true);
    expect(value('5 between (1 .. 5)')).toBe(true);
    expect(value('datetime(2024-01-01 12:00) between (datetime(2024-01-01) .. 1d)')).toBe(true);
  });
  it('null logic: comparisons with null are null, and where keeps only true', () => {
    expect(value('int(null) == 1')).toBe(null);
    expect(value('int(null) == int(null)')).toBe(null);
    expect(value('false and bool(null)')).toBe(false);
    expect(value('true or bool(null)')).toBe(true);
    expect(value('true and bool(null)')).toBe(null);
    expect(rows('range x from 1 to 3 step 1 | extend y = iff(x == 2, int(null), x) | where y > 0 | count')).toEqual([[2]]);
  });
  it('ipv4_is_private(...) == false is false for non-IPv4 input (null == false)', () => {
    expect(value('ipv4_is_private("::1") == false')).toBe(null);
    expect(value('ipv4_is_private("8.8.8.8") == false')).toBe(true);
  });
});

describe('arithmetic', () => {
  it('integer division truncates; real division does not', () => {
    expect(value('7 / 2')).toBe(3);
    expect(value('-7 / 2')).toBe(-3);
    expect(value('7.0 / 2')).toBe(3.5);
    expect(value('7 % 3')).toBe(1);
  });
  it('datetime and timespan arithmetic', () => {
    expect(value('datetime(2024-01-02) - datetime(2024-01-01)')).toBe('1.00:00:00');
    expect(value('datetime(2024-01-01) + 90m')).toBe('2024-01-01T01:30:00Z');
    expect(value('1h / 30m')).toBe(2);
    expect(value('2 * 1h')).toBe('02:00:00');
    expect(value('ago(1h)')).toBe('2024-05-01T11:00:00Z');
  });
  it('arithmetic the pages leave undefined counts a datetime as its ticks from 0001-01-01', () => {
    expect(value('datetime(2024-01-01 10:30) % 1d')).toBe('10:30:00');
    expect(value('datetime(2024-01-01) / 1d')).toBe(738885);
    expect(value('tolong(datetime(1970-01-01) / 2)')).toBe(310677984000000000);
    expect(value('tolong(2 * datetime(1970-01-01))')).toBe(1242711936000000000);
    expect(value('datetime(0001-01-01) + datetime(1970-01-01)')).toBe('1970-01-01T00:00:00Z');
    expect(value('(3h + 1tick) % 2')).toBe('00:00:00.0000001');
    expect(value('datetime(2024-01-01) / 0')).toBe(null);
  });
  it('timespan literals', () => {
    expect(rows('print 5m, 1.5h, 10ms, 1tick, 2d, time(1.02:03:04.5)')[0]).toEqual([
      '00:05:00', '01:30:00', '00:00:00.0100000', '00:00:00.0000001', '2.00:00:00', '1.02:03:04.5000000',
    ]);
  });
  it('literal forms', () => {
    expect(rows(`print 'a', "b", @'c\\d', @"e""f", h'g', "x" "y", int(null), real(nan), dynamic([1, {"a": null}]), guid(74be27de-1e4e-49d9-b579-fe0b331d3642)`)[0]).toEqual([
      'a', 'b', 'c\\d', 'e"f', 'g', 'xy', null, 'NaN', [1, { a: null }], '74be27de-1e4e-49d9-b579-fe0b331d3642',
    ]);
  });
  it('typed literals with quoted text (the search page writes datetime(\'2009-01-01\')) and from year 1', () => {
    expect(rows(`print datetime('2009-01-01'), datetime("2009-01-01 10:00"), timespan('1.00:00:00'), datetime(0001-01-01)`)[0]).toEqual([
      '2009-01-01T00:00:00Z', '2009-01-01T10:00:00Z', '1.00:00:00', '0001-01-01T00:00:00Z',
    ]);
  });
});

describe('column_ifexists', () => {
  const T = `datatable(State:string, d:dynamic)["WA", dynamic({"a": 1})]`;
  it('the page example: a missing column gives the default, here another column', () => {
    expect(rows(`${T} | project column_ifexists("Capital", State)`)).toEqual([['WA']]);
  });
  it('an existing column is the column itself, of its own type (not the default\'s, as the official binder types it)', () => {
    expect(schemaOf(`${T} | project x = column_ifexists("d", "")`)).toEqual(['x:dynamic']);
    expect(rows(`${T} | project x = column_ifexists("d", "") | extend a = x.a`)).toEqual([[{ a: 1 }, 1]]);
  });
});
