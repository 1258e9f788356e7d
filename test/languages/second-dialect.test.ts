/**
 * The dialect seam: a second language defined in a few lines — KQL's syntax and functions, but string
 * `==` that ignores case and `== null` that tests nullness (as XQL's `=` does) — runs through the same
 * binder, plan and evaluator as KQL, and the two give different, correct answers on one table.
 */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog, runAnalyzed } from '../../src/engine.js';
import { toJsonTable } from '../../src/io/format.js';
import { kql } from '../../src/languages/kql.js';
import type { Language } from '../../src/languages/language.js';
import type { Table } from '../../src/table/table.js';
import { table } from '../helpers/run.js';

const lenient: Language = {
  ...kql,
  name: 'lenient',
  dialect: {
    ...kql.dialect,
    name: 'lenient',
    comparison: (op, type, operands) => {
      const equal = op === '==';
      if ((op === '==' || op === '!=') && operands[1].constant?.value === null) return (a) => (a[0] === null) === equal;
      if ((op === '==' || op === '!=') && type === 'string') return (a) => ((a[0] as string).toLowerCase() === (a[1] as string).toLowerCase()) === equal;
      return kql.dialect.comparison(op, type, operands);
    },
  },
};

const T = table('User:string, Port:long', [
  ['Alice', 22],
  ['alice', null],
  ['Bob', 443],
  ['ALICE', 80],
]);

function users(query: string, language: Language): unknown[] {
  const tables = new Map<string, Table>([['T', T]]);
  const analyzed = analyzeQuery(query, { catalog: makeCatalog(tables), language });
  const result = runAnalyzed(analyzed, { now: 0n, tables: (name) => tables.get(name) });
  if (!result.table) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return toJsonTable(result.table).rows.map((r) => r[0]);
}

describe('a second dialect on the shared binder, plan and evaluator', () => {
  it("string == is case-sensitive in KQL and case-insensitive in the second dialect", () => {
    const q = "T | where User == 'alice' | project User";
    expect(users(q, kql)).toEqual(['alice']);
    expect(users(q, lenient)).toEqual(['Alice', 'alice', 'ALICE']);
  });

  it('== null is null in KQL (no row passes where) and a nullness test in the second dialect', () => {
    const q = 'T | where Port == null | project User';
    expect(users(q, kql)).toEqual([]);
    expect(users(q, lenient)).toEqual(['alice']);
    expect(users('T | where Port != null | project User', lenient)).toEqual(['Alice', 'Bob', 'ALICE']);
  });

  it('everything else is shared: numeric comparisons agree', () => {
    const q = 'T | where Port > 50 | project User';
    expect(users(q, lenient)).toEqual(users(q, kql));
    expect(users(q, kql)).toEqual(['Bob', 'ALICE']);
  });
});
