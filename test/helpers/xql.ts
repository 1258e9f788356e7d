/** Runs an XQL query over in-memory tables, with the Cortex dataset schemas, and returns JSON or the diagnostics. */
import { cortex } from '../../src/cortex/catalog.js';
import { runQuery } from '../../src/engine.js';
import { toJsonTable, type JsonTable } from '../../src/io/format.js';
import { xql } from '../../src/languages/xql.js';
import type { Table } from '../../src/table/table.js';
import { NOW } from './run.js';

function runXql(query: string, tables: Record<string, Table>) {
  return runQuery(query, new Map(Object.entries(tables)), { now: NOW, language: xql, known: cortex });
}

export function xqlRun(query: string, tables: Record<string, Table> = {}): JsonTable {
  const r = runXql(query, tables);
  if (!r.table) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`).join('\n'));
  return toJsonTable(r.table);
}

export const xqlRows = (query: string, tables: Record<string, Table> = {}): unknown[][] => xqlRun(query, tables).rows;

export const xqlSchema = (query: string, tables: Record<string, Table> = {}): string[] =>
  xqlRun(query, tables).columns.map((c) => `${c.name}:${c.type}`);

export function xqlErrors(query: string, tables: Record<string, Table> = {}) {
  return runXql(query, tables).diagnostics.map((d) => ({ code: d.code, category: d.category, line: d.line, col: d.col, message: d.message }));
}
