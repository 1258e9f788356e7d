/** parse / parse-where: run the compiled pattern over each row's text and convert the captures. */
import { buildColumn } from '../../table/column.js';
import type { ParseNode } from '../../plan/nodes.js';
import type { Column } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { convert } from '../../types/convert.js';
import type { Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';

export function runParse(node: ParseNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const source = compileExpr(node.source, input, state, runPlan);
  const rows: number[] = [];
  const captured: (Value[] | undefined)[] = [];
  for (let r = 0; r < input.rowCount; r++) {
    const m = node.matcher(source(r) as string);
    if (!m && node.dropUnmatched) continue;
    rows.push(r);
    captured.push(m?.map((text, i) => (text === undefined ? null : convert(text, 'string', node.captures[i]!.type))));
  }
  const keep = node.dropUnmatched ? Uint32Array.from(rows) : undefined;
  const base = keep ? input.take(keep) : input;
  const columns: Column[] = node.schema.map((_, i) => base.columns[i] as Column);
  node.captures.forEach((c, i) => {
    columns[c.outIndex] = buildColumn(c.type, rows.length, (r) => captured[r]?.[i] ?? null, state.stringNulls);
  });
  return new Table(node.schema, columns, rows.length);
}
