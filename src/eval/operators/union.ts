/** union: rows of every input in order, each column placed by the binder's mapping; absent cells are null. */
import type { UnionNode } from '../../plan/nodes.js';
import { buildColumn, type Column, ConstColumn } from '../../table/column.js';
import { Table } from '../../table/table.js';
import type { RunState } from '../state.js';

export function runUnion(node: UnionNode, inputs: Table[], state: Pick<RunState, 'stringNulls'>): Table {
  const strings = state.stringNulls;
  const sourceOffset = node.source ? 1 : 0;
  // For each output column, the input column that fills it in each input (-1: null there).
  const sources = node.schema.map(() => inputs.map(() => -1));
  inputs.forEach((_, ti) => node.mappings[ti]!.forEach((o, c) => (sources[o]![ti] = c)));
  const nonEmpty = inputs.flatMap((t, ti) => (t.rowCount > 0 ? [ti] : []));
  const total = inputs.reduce((n, t) => n + t.rowCount, 0);

  // One input with rows (an ASIM union over one product's logs): its columns as they are, nulls beside them.
  if (nonEmpty.length === 1 && !node.source) {
    const ti = nonEmpty[0]!;
    const t = inputs[ti]!;
    const columns = node.schema.map((c, o): Column => {
      const from = sources[o]![ti]!;
      return from >= 0 ? t.columns[from]! : new ConstColumn(c.type, buildColumn(c.type, 1, () => null, strings).get(0), total);
    });
    return new Table(node.schema, columns, total);
  }

  // Otherwise column by column: the row of output row k in its input, and that input.
  const inputOf = new Uint32Array(total);
  const rowOf = new Uint32Array(total);
  let k = 0;
  inputs.forEach((t, ti) => {
    for (let r = 0; r < t.rowCount; r++, k++) {
      inputOf[k] = ti;
      rowOf[k] = r;
    }
  });
  const columns = node.schema.map((c, o): Column => {
    if (o < sourceOffset) return buildColumn('string', total, (row) => node.source!.labels[inputOf[row]!]!, strings);
    const from = sources[o]!;
    return buildColumn(c.type, total, (row) => {
      const ti = inputOf[row]!;
      const col = from[ti]!;
      return col >= 0 ? inputs[ti]!.columns[col]!.get(rowOf[row]!) : null;
    }, strings);
  });
  return new Table(node.schema, columns, total);
}
