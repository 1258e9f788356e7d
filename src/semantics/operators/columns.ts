/** extend, project and the project-* family: operators that compute, pick, rename or reorder columns. */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { NamedExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr } from '../bind-expr.js';
import { exprEnv } from '../bind-tabular.js';
import type { BindContext } from '../context.js';
import { ColumnNamer, expressionName } from '../naming.js';
import type { Scope } from '../scope.js';

const passThrough = (schema: readonly ColumnSchema[]): NamedExpr[] =>
  schema.map((c, index) => ({ name: c.name, expr: { kind: 'Column', index, type: c.type } }));

function project(input: PlanNode, columns: NamedExpr[], span?: Span): PlanNode {
  return { kind: 'Project', input, columns, schema: columns.map((c) => ({ name: c.name, type: c.expr.type })), span };
}

/**
 * extend: every expression is bound against the input row (a column made earlier in the same extend
 * is not visible, as the official binder has it); a name that exists is replaced in place, a new one
 * is appended.
 */
export function bindExtend(assignments: readonly A.Assignment[], input: PlanNode, scope: Scope, ctx: BindContext, span: Span): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const columns = passThrough(input.schema);
  const namer = new ColumnNamer();
  for (const a of assignments) {
    const expr = bindExpr(a.expr, env);
    if (a.names.length > 1) {
      ctx.report(diag.unsupportedFeature('tuple assignment outside summarize', a.span));
      continue;
    }
    const name = a.names[0] ?? expressionName(a.expr) ?? namer.next(0);
    const at = columns.findIndex((c) => c.name === name);
    if (at >= 0) columns[at] = { name, expr };
    else columns.push({ name, expr });
  }
  return project(input, columns, span);
}

export function bindProject(op: A.Project, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const namer = new ColumnNamer();
  const seen = new Set<string>();
  const columns: NamedExpr[] = [];
  for (const a of op.columns) {
    const expr = bindExpr(a.expr, env);
    const name = a.names[0] ?? expressionName(a.expr) ?? namer.next(0);
    if (seen.has(name)) {
      ctx.report(diag.duplicateColumn(name, a.span));
      continue;
    }
    seen.add(name);
    columns.push({ name, expr });
  }
  return project(input, columns, op.span);
}

/** Matches a column name against a `Prefix*`-style pattern. */
function matcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) return (n) => n === pattern;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (n) => re.test(n);
}

function matchPatterns(op: { patterns: readonly A.NamePattern[] }, input: PlanNode, ctx: BindContext): boolean[] | undefined {
  const keep = input.schema.map(() => false);
  let ok = true;
  for (const p of op.patterns) {
    const m = matcher(p.pattern);
    let any = false;
    input.schema.forEach((c, i) => {
      if (m(c.name)) {
        keep[i] = true;
        any = true;
      }
    });
    if (!any && !p.pattern.includes('*')) {
      ctx.report(diag.unknownColumn(p.pattern, input.schema.map((c) => c.name), p.span));
      ok = false;
    }
  }
  return ok ? keep : undefined;
}

export function bindProjectAway(op: A.ProjectAway, input: PlanNode, ctx: BindContext): PlanNode {
  const hit = matchPatterns(op, input, ctx);
  if (!hit) return input;
  return project(input, passThrough(input.schema).filter((_, i) => !hit[i]), op.span);
}

export function bindProjectKeep(op: A.ProjectKeep, input: PlanNode, ctx: BindContext): PlanNode {
  const hit = matchPatterns(op, input, ctx);
  if (!hit) return input;
  return project(input, passThrough(input.schema).filter((_, i) => hit[i]), op.span);
}

export function bindProjectRename(op: A.ProjectRename, input: PlanNode, ctx: BindContext): PlanNode {
  const columns = passThrough(input.schema);
  for (const r of op.renames) {
    const at = columns.findIndex((c) => c.name === r.from);
    if (at < 0) {
      ctx.report(diag.unknownColumn(r.from, input.schema.map((c) => c.name), r.span));
      continue;
    }
    columns[at] = { ...columns[at]!, name: r.to };
  }
  return project(input, columns, op.span);
}

/** project-reorder: the named columns first, in the order given; the others after, as they were. */
export function bindProjectReorder(op: A.ProjectReorder, input: PlanNode, ctx: BindContext): PlanNode {
  const all = passThrough(input.schema);
  const first: NamedExpr[] = [];
  for (const p of op.patterns) {
    const m = matcher(p.pattern);
    let matched = all.filter((c) => m(c.name) && !first.includes(c));
    if (matched.length === 0 && !p.pattern.includes('*')) {
      ctx.report(diag.unknownColumn(p.pattern, input.schema.map((c) => c.name), p.span));
      continue;
    }
    if (p.descending !== undefined) {
      matched = [...matched].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (p.descending) matched.reverse();
    }
    first.push(...matched);
  }
  return project(input, [...first, ...all.filter((c) => !first.includes(c))], op.span);
}
