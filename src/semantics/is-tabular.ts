/**
 * Whether an expression denotes a table rather than a scalar: a `let` value, an `in (...)` item, a
 * function argument and a query statement are bound as one or the other from their shape and from
 * what their names refer to.
 */
import type { PlanNode } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import { type ColumnSchema, Table } from '../table/table.js';
import type { BindContext } from './context.js';
import { Scope } from './scope.js';

/** Whether `e`, written where a row of columns `row` is in scope, denotes a table. */
export function isTabular(e: A.Expr, scope: Scope, ctx: BindContext, row: readonly ColumnSchema[] = []): boolean {
  const { catalog } = ctx;
  switch (e.kind) {
    case 'Pipeline': case 'Datatable': case 'Union': case 'Search': case 'Find': case 'Print': case 'Range': case 'ExternalData':
      return true;
    case 'Paren':
      return isTabular(e.inner, scope, ctx, row);
    case 'Name': {
      if (row.some((c) => c.name === e.name)) return false;
      const b = scope.lookup(e.name);
      if (b) return b.kind === 'tabular' || (b.kind === 'function' && lambdaIsTabular(b.lambda, b.scope, ctx));
      return catalog.tableSchema(e.name) !== undefined;
    }
    case 'Call': {
      if (e.name === 'materialize' || e.name === 'table' || e.name === 'view' || catalog.sourceFunction(e.name)) return true;
      const b = scope.lookup(e.name);
      if (b?.kind === 'function') return lambdaIsTabular(b.lambda, b.scope, ctx);
      if (ctx.dialect.functions.scalar(e.name) || ctx.dialect.functions.aggregate(e.name)) return false;
      return catalog.tableSchema(e.name) !== undefined;
    }
    default:
      return false;
  }
}

/** Stands for a table while deciding whether an expression is tabular; never bound or run. */
const PLACEHOLDER: PlanNode = { kind: 'Values', schema: [], table: Table.empty([]) };

function lambdaIsTabular(lambda: A.Lambda, defScope: Scope, ctx: BindContext): boolean {
  const scope = new Scope(defScope);
  for (const p of lambda.params) {
    if (typeof p.type === 'object') scope.define(p.name, { kind: 'tabular', plan: PLACEHOLDER });
  }
  const stmts = lambda.body.statements;
  // The body's own lets may name the result: `{ let x = T | where ...; x }`.
  for (const s of stmts.slice(0, -1)) {
    if (s.kind !== 'Let') continue;
    if (s.value.kind === 'Lambda') scope.define(s.name, { kind: 'function', lambda: s.value, scope });
    else if (isTabular(s.value, scope, ctx)) scope.define(s.name, { kind: 'tabular', plan: PLACEHOLDER });
    else scope.define(s.name, { kind: 'scalar', expr: { kind: 'Const', value: null, type: 'dynamic' } });
  }
  const last = stmts[stmts.length - 1];
  return last?.kind === 'ExprStatement' && isTabular(last.expr, scope, ctx);
}

