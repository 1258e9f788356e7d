/** Smoke tests of the official-parser oracle (test/oracle/kusto-language.ts). */
import { describe, expect, it } from 'vitest';
import { officialAnalyze, officialParse, type OracleColumn } from './kusto-language.js';

const T: OracleColumn[] = [
  { name: 'a', type: 'string' },
  { name: 'n', type: 'int' },
  { name: 't', type: 'datetime' },
  { name: 'd', type: 'dynamic' },
];

describe('official Kusto.Language oracle', () => {
  it('binds a query and reports its result schema', () => {
    const r = officialAnalyze('CommonSecurityLog | where DestinationPort == 443 | summarize count() by DeviceName', {
      CommonSecurityLog: [
        { name: 'DestinationPort', type: 'int' },
        { name: 'DeviceName', type: 'string' },
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.resultColumns).toEqual([
      { name: 'DeviceName', type: 'string' },
      { name: 'count_', type: 'long' },
    ]);
  });

  it('reports a syntax error for a misspelled operator', () => {
    const { syntaxErrors } = officialParse('T | wher x');
    expect(syntaxErrors.length).toBeGreaterThan(0);
    expect(syntaxErrors[0]).toMatchObject({ code: 'KS176', start: 4, length: 4, message: 'Query operator expected.' });
  });

  it('reports no syntax errors for a valid query', () => {
    expect(officialParse('T | where n > 1 | summarize count() by bin(t, 1h)').syntaxErrors).toEqual([]);
  });

  it('reports unknown names as semantic errors, not syntax errors', () => {
    const q = 'T | where nope > 1';
    expect(officialParse(q).syntaxErrors).toEqual([]);
    const r = officialAnalyze(q, { T });
    expect(r.errors.map((d) => d.code)).toEqual(['KS142']);
    expect(r.errors[0]).toMatchObject({ start: 10, length: 4 });
  });

  it('maps official type names to kqlx names', () => {
    const r = officialAnalyze(
      'T | project b = true, i = toint(1), l = 1, r = 1.5, m = todecimal(1), s = "x", dt = now(), ts = 1h, g = new_guid(), dy = pack_array(1)',
      { T },
    );
    expect(r.errors).toEqual([]);
    expect(r.resultColumns?.map((c) => `${c.name}:${c.type}`).join(', ')).toBe(
      'b:bool, i:int, l:long, r:real, m:decimal, s:string, dt:datetime, ts:timespan, g:guid, dy:dynamic',
    );
  });

  it('gives no result columns for a scalar result', () => {
    const r = officialAnalyze('let x = 1; x', { T });
    expect(r.resultColumns).toBeUndefined();
    expect(r.resultType).toBe('long');
  });
});
