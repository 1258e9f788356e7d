/** explain over small tables: conjunct charging in written order, samples, the terminal view, refusals. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { explain } from '../../src/explain/explain.js';
import { Table } from '../../src/table/table.js';
import { KQLX, ROOT } from '../helpers/paths.js';

const T = Table.fromRows(
  [{ name: 'A', type: 'long' }, { name: 'B', type: 'string' }],
  [[1, 'x'], [2, 'y'], [3, 'x'], [null, 'x'], [5, 'z']],
);
const tables = new Map([['T', T]]);

function run(query: string, options: { samples?: number; follow?: string } = {}) {
  const analyzed = analyzeQuery(query, { catalog: makeCatalog(tables) });
  return explain(analyzed, { tables: (n) => tables.get(n), ...options });
}

describe('explain', () => {
  it('charges each dropped row to the first conjunct, in written order, that is not true for it (null included)', () => {
    const { report } = run('T | where A > 1 and B == "x" | summarize count() by B');
    expect(report!.stages).toEqual([
      { index: 0, operator: 'source', text: 'T', line: 1, rowsIn: 5, rowsOut: 5 },
      {
        index: 1, operator: 'where', text: 'where A > 1 and B == "x"', line: 1, rowsIn: 5, rowsOut: 1,
        conjuncts: [{ text: 'A > 1', removed: 2 }, { text: 'B == "x"', removed: 2 }],
      },
      { index: 2, operator: 'summarize', text: 'summarize count() by B', line: 1, rowsIn: 1, rowsOut: 1, groups: 1 },
    ]);
  });

  it('--samples shows the dropped rows with their conjunct; an operator that changes no data has equal counts', () => {
    const { report } = run('T\n| where B != "x"\n| extend C = A * 2\n| render table', { samples: 1 });
    expect(report!.stages[1]).toEqual({
      index: 1, operator: 'where', text: 'where B != "x"', line: 2, rowsIn: 5, rowsOut: 2, samples: [{ row: { A: 1, B: 'x' }, conjunct: 'B != "x"' }],
    });
    expect(report!.stages.slice(2).map((s) => [s.operator, s.rowsIn, s.rowsOut])).toEqual([['extend', 2, 2], ['render', 2, 2]]);
  });

  it('--follow through extend and summarize: each row reaches its group, or is dropped by its conjunct', () => {
    const { report } = run('T | extend C = A + 1 | where C > 2 | summarize n = count() by B', { follow: 'B == "x"' });
    expect(report!.follow).toEqual({
      predicate: 'B == "x"', matched: 3, rows: [
        { sourceRow: 0, fate: { kind: 'dropped', stage: 2, operator: 'where', text: 'where C > 2', conjunct: 'C > 2' } },
        { sourceRow: 2, fate: { kind: 'output', row: 1, values: { B: 'x', n: 1 } } },
        { sourceRow: 3, fate: { kind: 'dropped', stage: 2, operator: 'where', text: 'where C > 2', conjunct: 'C > 2' } },
      ],
    });
  });

  it('--follow stops at an operator it cannot follow rows through, and says so', () => {
    const { report } = run('T | sort by A | where A > 1', { follow: 'A == 5' });
    expect(report!.follow!.rows).toEqual([{ sourceRow: 4, fate: { kind: 'untracked', stage: 1, operator: 'sort', text: 'sort by A' } }]);
  });

  it('a --follow predicate that does not bind is diagnosed as KX271', () => {
    const { report, diagnostics } = run('T | where A > 1', { follow: 'Nope == 1' });
    expect(report).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['KX271', "--follow: unknown column or name 'Nope' (in 'Nope == 1')"]]);
  });
});

describe('kqlx explain', () => {
  it('prints the stages for people, with each conjunct under its where', () => {
    const r = spawnSync('node', [KQLX, 'explain', 'datatable(A:long)[1, 2, 3] | where A > 1 and A < 3'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe([
      '  #  rows in → out      stage',
      '  0                  3  datatable(A:long)[1, 2, 3]',
      '  1        3 → 1        where A > 1 and A < 3  (−2)',
      '                        −1       A > 1',
      '                        −1       A < 3',
      '',
    ].join('\n'));
  });

  it('refuses --samples that is not a number, as a usage error', () => {
    const r = spawnSync('node', [KQLX, 'explain', 'print 1', '--samples', 'x'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--samples must be a whole number, not 'x'");
  });
});
