/** XQL's tag: `tag add "t1", "t2"` appends the tags to each row's `_tag` array (made when the row has none). */
import type { NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { Dynamic } from '../../types/value.js';

export function bindTag(op: A.Tag, input: PlanNode): PlanNode {
  const schema = input.schema;
  const at = schema.findIndex((c) => c.name === '_tag');
  const add = (v: unknown): Dynamic => [...(Array.isArray(v) ? (v as Dynamic[]) : []), ...op.tags];
  const columns: NamedExpr[] = schema.map((c, i) => {
    const col: PlanExpr = { kind: 'Column', index: i, type: c.type };
    return { name: c.name, expr: i === at ? { kind: 'Apply', name: 'tag add', notation: 'function', impl: (a) => add(a[0]), args: [col], type: 'dynamic' } : col };
  });
  if (at < 0) columns.push({ name: '_tag', expr: { kind: 'Apply', name: 'tag add', notation: 'function', impl: () => add(null), args: [], type: 'dynamic' } });
  return { kind: 'Project', input, columns, schema: columns.map((c) => ({ name: c.name, type: c.expr.type })), span: op.span };
}
