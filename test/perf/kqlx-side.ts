/**
 * The kqlx side of the benchmark: a seed rule's query read from its YAML (unchanged), the table
 * loaded from the CSV with the Sentinel pack's schema (as the CLI does), the query analyzed and run.
 */
import { readFileSync } from 'node:fs';
import type { SourceText } from '../../src/common/source.js';
import { analyzeQuery, makeCatalog, runAnalyzed } from '../../src/engine.js';
import { loadTableFile } from '../../src/io/load.js';
import { readRuleQuery } from '../../src/rules/query-source.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import type { Table } from '../../src/table/table.js';

/** The `query:` of a rule YAML, exactly as written there. */
export function readSeedQuery(yamlPath: string): SourceText {
  const rule = readRuleQuery(readFileSync(yamlPath, 'utf8'), yamlPath);
  if (!rule.query) throw new Error(`${yamlPath}:${rule.error!.line}:${rule.error!.col}: ${rule.error!.message}`);
  return rule.query;
}

export interface Loaded {
  readonly table: Table;
  readonly problems: number;
  readonly rowsRead: number;
}

/** Loads the file as the CLI does: named as the query names it, with the Sentinel pack's schema for that name. */
export async function loadTable(file: string, tableName: string): Promise<Loaded> {
  const r = await loadTableFile(file, { tableName, schema: sentinelSchema(tableName) });
  return { table: r.table, problems: r.problems.length, rowsRead: r.rowsRead };
}

/** A fixed now(): neither seed query looks at it, but the run should not depend on the clock. */
const NOW = new Date('2024-05-02T00:00:00Z');

/** Analyzes and runs the query over one table; a query error is a failure of the benchmark. */
export function runSeedQuery(source: SourceText, tableName: string, table: Table): Table {
  const tables = new Map([[tableName, table]]);
  const analyzed = analyzeQuery(source, { catalog: makeCatalog(tables, sentinel) });
  const result = runAnalyzed(analyzed, { now: NOW, tables: (name) => tables.get(name) });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.table) {
    throw new Error(`kqlx could not run ${source.name}:\n${errors.map((d) => `  ${source.name}:${d.line ?? '?'}:${d.col ?? '?'}: ${d.code} ${d.message}`).join('\n')}`);
  }
  return result.table;
}

/** The sum of a numeric result column (the same checksum the truth file gives). */
export function columnSum(t: Table, name: string): number {
  const c = t.columnIndex(name);
  if (c < 0) throw new Error(`the result has no column ${name}`);
  let sum = 0;
  for (let i = 0; i < t.rowCount; i++) sum += Number(t.columns[c]!.get(i));
  return sum;
}
