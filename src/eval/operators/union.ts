/** union: rows of every input in order, each column placed by the binder's mapping; absent cells are null. */
import type { UnionNode } from '../../plan/nodes.js';
import { ColumnBuilder } from '../../table/column.js';
import { Table } from '../../table/table.js';
import type { RunState } from '../state.js';

export function runUnion(node: UnionNode, inputs: Table[], state: Pick<RunState, 'stringNulls'>): Table {
  const builders = node.schema.map((c) => new ColumnBuilder(c.type, state.stringNulls));
  const sourceOffset = node.source ? 1 : 0;
  inputs.forEach((t, ti) => {
    const mapping = node.mappings[ti]!;
    const filled = new Set(mapping);
    for (let r = 0; r < t.rowCount; r++) {
      if (node.source) builders[0]!.push(node.source.labels[ti]!);
      for (let o = sourceOffset; o < builders.length; o++) if (!filled.has(o)) builders[o]!.push(null);
      mapping.forEach((o, c) => builders[o]!.push(t.columns[c]!.get(r)));
    }
  });
  return new Table(node.schema, builders.map((b) => b.finish()));
}
