/**
 * One table from several files: their rows one after the other, with `union`'s rules for columns
 * (first-appearance order; a name the files give several types becomes `name_type` columns; a
 * column a file lacks is null in its rows). docs/semantics.md, "One table from several files".
 */
import { runUnion } from '../eval/operators/union.js';
import { kqlDialect } from '../languages/kql.js';
import type { UnionNode } from '../plan/nodes.js';
import { unionOf } from '../semantics/union.js';
import type { Table } from '../table/table.js';

export function appendTables(parts: readonly Table[]): Table {
  if (parts.length === 1) return parts[0]!;
  const span = { start: 0, end: 0 };
  const node = unionOf(parts.map((t) => ({ plan: { kind: 'Values', table: t, schema: t.schema, span }, label: '' })), undefined, span) as UnionNode;
  // Loaded files hold KQL's strings: never null, empty instead.
  return runUnion(node, [...parts], { stringNulls: kqlDialect.stringNulls });
}
