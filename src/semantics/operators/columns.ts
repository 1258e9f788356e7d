/** extend, project and the project-* family: operators that compute, pick, rename or reorder columns. */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { NamedExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { bindMultiColumn, isMultiColumnCall } from '../multi-column.js';
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
  const put = (c: NamedExpr) => {
    const at = columns.findIndex((x) => x.name === c.name);
    if (at >= 0) columns[at] = c;
    else columns.push(c);
  };
  for (const a of assignments) {
    if (isMultiColumnCall(a.expr, env)) {
      bindMultiColumn(a, env)?.forEach(put);
      continue;
    }
    const expr = bindExpr(a.expr, env);
    if (a.names.length > 1) {
      // An unknown or refused function has said so already; anything else cannot fill a tuple.
      if (!ctx.isError(expr)) ctx.report(diag.invalidArgument('only a function with several outputs can be assigned to (a, b, ...)', a.span));
      continue;
    }
    put({ name: a.names[0] ?? expressionName(a.expr) ?? namer.next(0), expr });
  }
  return project(input, columns, span);
}

export function bindProject(op: A.Project, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const namer = new ColumnNamer();
  const seen = new Set<string>();
  const columns: NamedExpr[] = [];
  for (const a of op.columns) {
    const produced = isMultiColumnCall(a.expr, env)
      ? bindMultiColumn(a, env) ?? []
      : [{ name: a.names[0] ?? expressionName(a.expr) ?? namer.next(0), expr: bindExpr(a.expr, env) }];
    for (const c of produced) {
      if (seen.has(c.name)) {
        ctx.report(diag.duplicateColumn(c.name, a.span));
        continue;
      }
      seen.add(c.name);
      columns.push(c);
    }
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
