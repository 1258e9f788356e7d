/**
 * XQL's fields: the listed fields in the listed order, under their `as` names, `*` wildcards matching
 * in the input's order; with a leading `-`, every field but the listed ones. Later stages see only
 * what fields keeps, and `_time`: it stays visible after the listed fields, as the dedup page's example
 * needs (`fields actor_primary_username as apu | ... | dedup apu by asc _time`).
 */
import { diag } from '../../diagnostics/catalog.js';
import type { NamedExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { BindContext } from '../context.js';

const KEPT_SYSTEM_FIELDS = new Set(['_time']);

function matcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) return (name) => name === pattern;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (name) => re.test(name);
}

export function bindFields(op: A.Fields, input: PlanNode, ctx: BindContext): PlanNode {
  const schema = input.schema;
  const column = (index: number, name = schema[index]!.name): NamedExpr => ({ name, expr: { kind: 'Column', index, type: schema[index]!.type } });
  const chosen = new Set<number>();
  const columns: NamedExpr[] = [];
  let failed = false;
  for (const item of op.items) {
    const test = matcher(item.pattern);
    const matches = schema.map((c, i) => (test(c.name) ? i : -1)).filter((i) => i >= 0);
    if (matches.length === 0 && !item.pattern.includes('*')) {
      ctx.report(diag.unknownColumn(item.pattern, schema.map((c) => c.name), item.span));
      failed = true;
      continue;
    }
    if (item.alias && matches.length !== 1) {
      ctx.report(diag.invalidArgument(`'as' renames one field; '${item.pattern}' matches ${matches.length}`, item.span));
      failed = true;
      continue;
    }
    for (const i of matches) {
      if (chosen.has(i)) continue;
      chosen.add(i);
      if (!op.exclude) columns.push(column(i, item.alias));
    }
  }
  if (failed) return ctx.errorPlan();
  const kept = op.exclude
    ? schema.map((_, i) => i).filter((i) => !chosen.has(i)).map((i) => column(i))
    : [...columns, ...schema.map((c, i) => (KEPT_SYSTEM_FIELDS.has(c.name) && !chosen.has(i) ? column(i) : undefined)).filter((c) => c !== undefined)];
  const names = new Set<string>();
  for (const c of kept) {
    if (names.has(c.name)) {
      ctx.report(diag.duplicateColumn(c.name, op.span));
      return ctx.errorPlan();
    }
    names.add(c.name);
  }
  return { kind: 'Project', input, columns: kept, schema: kept.map((c) => ({ name: c.name, type: c.expr.type })), span: op.span };
}
