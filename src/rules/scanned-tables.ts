/**
 * The tables a bound plan must be given. The walk is generic (any object with kind 'Scan' and a
 * table name), so subqueries inside expressions (toscalar, `in (T)`) and operators added later are
 * covered too. Optional scans (a watchlist not provided reads as empty) are not required.
 */
import type { PlanNode } from '../plan/nodes.js';
import { Table } from '../table/table.js';

/** `withOptional`: also the tables that read as empty when absent (those worth loading when given). */
export function scannedTables(plan: PlanNode, { withOptional = false } = {}): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v) || v instanceof Table || ArrayBuffer.isView(v)) return;
    seen.add(v);
    const o = v as { kind?: unknown; table?: unknown; optional?: unknown };
    if (o.kind === 'Scan' && typeof o.table === 'string' && (withOptional || o.optional !== true)) found.add(o.table);
    for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child);
  };
  visit(plan);
  return [...found].sort();
}
