/** partition: the input's rows grouped by the key column, the subquery run on each group, the results concatenated. */
import { diag } from '../../diagnostics/catalog.js';
import { KqlError } from '../../diagnostics/diagnostic.js';
import type { PartitionNode } from '../../plan/nodes.js';
import { ColumnBuilder } from '../../table/column.js';
import { Table } from '../../table/table.js';
import type { Value } from '../../types/value.js';
import type { PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';
import { GroupIndex } from './summarize.js';

export function runPartition(node: PartitionNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const keyColumn = input.columns[node.key]!;
  const groups = new GroupIndex([input.schema[node.key]!.type]);
  const rows: number[][] = [];
  const keys: Value[] = [null];
  for (let r = 0; r < input.rowCount; r++) {
    keys[0] = keyColumn.get(r);
    let g = groups.find(keys);
    if (g < 0) {
      g = rows.length;
      groups.add(keys, g);
      rows.push([]);
    }
    rows[g]!.push(r);
  }
  if (node.maxPartitions !== undefined && rows.length > node.maxPartitions) {
    throw new KqlError(diag.runtime(
      `partition: the legacy strategy allows at most ${node.maxPartitions} partitions and '${input.schema[node.key]!.name}' has ${rows.length} values (use hint.strategy=native or shuffle)`,
      node.span,
    ));
  }
  const out = node.schema.map((c) => new ColumnBuilder(c.type, state.stringNulls));
  for (const group of rows) {
    const inputs = new Map(state.inputs ?? []);
    inputs.set(node.inputId, input.take(Uint32Array.from(group)));
    // Subquery results (toscalar of the partition) belong to one partition: a fresh map each time.
    const result = runPlan(node.subquery, { ...state, inputs, subqueries: new Map() });
    for (let r = 0; r < result.rowCount; r++) out.forEach((b, c) => b.push(result.columns[c]!.get(r)));
  }
  return new Table(node.schema, out.map((b) => b.finish()));
}
