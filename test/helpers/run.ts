/** Runs a query over in-memory tables and returns plain JSON ({columns, rows}) or the diagnostics. */
import { runQuery } from '../../src/engine.js';
import { toJsonTable, type JsonTable } from '../../src/io/format.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { type ColumnSchema, Table } from '../../src/table/table.js';
import { parseDatetime } from '../../src/types/datetime.js';
import type { Value } from '../../src/types/value.js';

export const NOW = parseDatetime('2024-05-01T12:00:00Z')!;

export function table(schema: string, rows: Value[][]): Table {
  const cols: ColumnSchema[] = schema.split(',').map((c) => {
    const [name, type] = c.trim().split(':') as [string, ColumnSchema['type']];
    return { name, type };
  });
  return Table.fromRows(cols, rows);
}

export function run(query: string, tables: Record<string, Table> = {}): JsonTable {
  const r = runQuery(query, new Map(Object.entries(tables)), { now: NOW, known: sentinel });
  if (!r.table) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`).join('\n'));
  return toJsonTable(r.table);
}

/** Rows only, for compact assertions. */
export function rows(query: string, tables: Record<string, Table> = {}): unknown[][] {
  return run(query, tables).rows;
}

/** The column names and types as `name:type` strings. */
export function schemaOf(query: string, tables: Record<string, Table> = {}): string[] {
  return run(query, tables).columns.map((c) => `${c.name}:${c.type}`);
}

export function errors(query: string, tables: Record<string, Table> = {}) {
  const r = runQuery(query, new Map(Object.entries(tables)), { now: NOW, known: sentinel });
  return r.diagnostics.map((d) => ({ code: d.code, category: d.category, line: d.line, col: d.col, message: d.message }));
}
