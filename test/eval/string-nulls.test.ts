/**
 * Null strings in storage (issue 8, item 4). A string column can hold null apart from ''; the
 * evaluator keeps it or reads it as '' as the running language's dialect says (Dialect.stringNulls).
 * KQL's strings are never null, so the same queries over the same tables give '' under KQL; the
 * `keeping` language stands for one that tests `field = null` (XQL, Cloud SIEM): KQL with only that
 * rule changed. How null compares (`!=`, isnull) is the
 * language's operators' business, not storage's: these tests look at the values kept.
 */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog, runAnalyzed, runQuery } from '../../src/engine.js';
import { toJsonTable } from '../../src/io/format.js';
import { kql } from '../../src/languages/kql.js';
import type { Language } from '../../src/languages/language.js';
import { columnValues, StringColumn } from '../../src/table/column.js';
import { NOW, rows, table } from '../helpers/run.js';

// s holds null twice (n = 2, 4) and '' once (n = 3).
const T = table('s:string, n:long', [['a', 1], [null, 2], ['', 3], [null, 4], ['b', 5]]);
const U = table('s:string, m:long', [[null, 10], ['', 20], ['a', 30]]);
const tables = { T, U };

/** KQL's syntax, functions and comparisons, with null strings kept (as XQL and Cloud SIEM keep them). */
const keepingNulls: Language = { ...kql, name: 'keeping', dialect: { ...kql.dialect, name: 'keeping', stringNulls: 'keep' } };

function keeping(query: string): unknown[][] {
  const byName = new Map(Object.entries(tables));
  const analyzed = analyzeQuery(query, { catalog: makeCatalog(byName), language: keepingNulls });
  const result = runAnalyzed(analyzed, { now: NOW, tables: (name) => byName.get(name) });
  if (!result.table) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return toJsonTable(result.table).rows;
}

describe('a string column holding null', () => {
  it('stores null apart from empty text, in a null mask beside the values', () => {
    const s = T.columns[0] as StringColumn;
    expect([0, 1, 2, 3, 4].map((r) => s.get(r))).toEqual(['a', null, '', null, 'b']);
    expect(s.data[1]).toBe(''); // a null row holds '' too: dropping the mask is KQL's view
    expect(T.withStringNulls('empty').columns[0]!.get(1)).toBe('');
    expect(T.withStringNulls('keep')).toBe(T);
  });

  it('keeps its nulls through a filter (gather) and a second filter over the gathered column', () => {
    expect(keeping('T | where n >= 2 | project s, n')).toEqual([[null, 2], ['', 3], [null, 4], ['b', 5]]);
    expect(keeping("T | where n >= 2 | where s == '' | project n")).toEqual([[3]]);
    expect(keeping('T | where n >= 2 | where n <= 4 | project s')).toEqual([[null], [''], [null]]);
  });

  it('sorts null apart from empty text', () => {
    expect(keeping('T | sort by s asc, n asc | project s, n')).toEqual([[null, 2], [null, 4], ['', 3], ['a', 1], ['b', 5]]);
  });

  it('groups null and empty text as two summarize keys', () => {
    expect(keeping('T | summarize c = count() by s | sort by c desc, s asc')).toEqual([[null, 2], ['', 1], ['a', 1], ['b', 1]]);
  });

  it('never matches a null join key; an unmatched side is null', () => {
    expect(keeping('T | join kind=inner U on s | project n, m | sort by n asc')).toEqual([[1, 30], [3, 20]]);
    expect(keeping('T | join kind=leftouter (U | where m > 10) on s | project n, s1 | sort by n asc')).toEqual([
      [1, 'a'], [2, null], [3, ''], [4, null], [5, null],
    ]);
  });

  it('keeps nulls through union, and fills a column an input lacks with null', () => {
    expect(keeping('union T, U | project s, n, m')).toEqual([
      ['a', 1, null], [null, 2, null], ['', 3, null], [null, 4, null], ['b', 5, null],
      [null, null, 10], ['', null, 20], ['a', null, 30],
    ]);
    expect(keeping('union (T | project n), (U | project s) | where isnotnull(n) | project s')).toEqual([[null], [null], [null], [null], [null]]);
  });
});

describe('KQL over the same tables: strings are never null', () => {
  it('reads a stored null as empty text', () => {
    expect(rows('T | where n >= 2 | project s, n', tables)).toEqual([['', 2], ['', 3], ['', 4], ['b', 5]]);
    expect(rows("T | where s == '' | project n", tables)).toEqual([[2], [3], [4]]);
    expect(rows('T | where isnull(s) | count', tables)).toEqual([[0]]);
    expect(rows('T | where isempty(s) | count', tables)).toEqual([[3]]);
  });

  it('sorts, groups and joins them as empty text', () => {
    expect(rows('T | sort by s asc, n asc | project s, n', tables)).toEqual([['', 2], ['', 3], ['', 4], ['a', 1], ['b', 5]]);
    expect(rows('T | summarize c = count() by s | sort by c desc, s asc', tables)).toEqual([['', 3], ['a', 1], ['b', 1]]);
    expect(rows('T | join kind=inner U on s | project n, m | sort by n asc, m asc', tables)).toEqual([
      [1, 30], [2, 10], [2, 20], [3, 10], [3, 20], [4, 10], [4, 20],
    ]);
  });

  it('fills unmatched join sides and union gaps with empty text', () => {
    expect(rows('T | join kind=leftouter (U | where m > 20) on s | project n, s1 | sort by n asc', tables)).toEqual([
      [1, 'a'], [2, ''], [3, ''], [4, ''], [5, ''],
    ]);
    expect(rows('union (T | project n), (U | project s) | where isnotnull(n) | project s', tables)).toEqual([[''], [''], [''], [''], ['']]);
  });

  it('makes no null string of its own: extract without a match is empty text, with no null mask', () => {
    // KQL's extract itself returns '' for no match (its string is never null); a language keeping
    // nulls stores what the function returned.
    const query = "T | extend e = extract('z(.)', 1, tostring(n)) | project e";
    const made = runQuery(query, new Map(Object.entries(tables)), { now: NOW }).table!.columns[0] as StringColumn;
    expect(made.nulls).toBeNull();
    expect(columnValues(made)).toEqual(['', '', '', '', '']);
    expect(keeping(query)).toEqual([[''], [''], [''], [''], ['']]);
  });
});
