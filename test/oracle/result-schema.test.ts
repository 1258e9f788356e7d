/**
 * Result schemas of small queries, kqlx against the official binder, for the shapes where the corpus
 * comparison found the two apart: `*` in arg_min beside computed by-keys, and union's split columns.
 */
import { describe, expect, it } from 'vitest';
import { schemaOf, table } from '../helpers/run.js';
import { officialAnalyze, type OracleColumn } from './kusto-language.js';

const T = table('a:long, b:dynamic, c:string', []);
const U = table('c:long, d:real', []);
const oracleTables: Record<string, OracleColumn[]> = {
  T: [{ name: 'a', type: 'long' }, { name: 'b', type: 'dynamic' }, { name: 'c', type: 'string' }],
  U: [{ name: 'c', type: 'long' }, { name: 'd', type: 'real' }],
};

describe('result schema agrees with the official binder', () => {
  it.each([
    'T | summarize arg_min(a, *) by tostring(b)',
    'T | summarize arg_min(a, *) by c',
    'T | summarize arg_min(a, *) by x = c',
    'T | summarize arg_min(a, *) by c = tolower(c)',
    'T | summarize arg_min(a, *) by b = c',
    'T | summarize take_any(*) by c',
    'union T, U',
    'union U, T',
  ])('%s', (query) => {
    const official = officialAnalyze(query, oracleTables);
    expect(official.errors).toEqual([]);
    expect(schemaOf(query, { T, U })).toEqual(official.resultColumns!.map((c) => `${c.name}:${c.type}`));
  });
});
