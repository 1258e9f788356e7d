/**
 * parse-kv: reads each row's text once and converts every listed key's value to the key's type. A key
 * missing from the text gives the empty string (string keys) or null; a value that does not convert
 * gives null.
 */
import { keyValueReader } from '../../functions/key-values.js';
import type { ParseKvNode } from '../../plan/nodes.js';
import { buildColumn, type Column } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { convert } from '../../types/convert.js';
import type { Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';

export function runParseKv(node: ParseKvNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const source = compileExpr(node.source, input, state, runPlan);
  const read = keyValueReader(node.syntax, node.keys.map((k) => k.name));
  const found: (string | undefined)[][] = [];
  for (let r = 0; r < input.rowCount; r++) found.push(read((source(r) as string | null) ?? ''));

  const columns: Column[] = node.schema.map((_, i) => input.columns[i] as Column);
  node.keys.forEach((key, k) => {
    const valueOf = (r: number): Value => {
      const text = found[r]![k];
      if (text === undefined) return key.type === 'string' ? '' : null;
      return convert(text, 'string', key.type);
    };
    columns[key.outIndex] = buildColumn(key.type, input.rowCount, valueOf, state.stringNulls);
  });
  return new Table(node.schema, columns, input.rowCount);
}
