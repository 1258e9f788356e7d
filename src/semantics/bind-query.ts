/**
 * Binding a whole query: its `let`, `set` and `declare` statements, then the final tabular expression.
 * A `let` value is tabular or scalar depending on what it is; the binder decides from its shape and
 * from what its names refer to.
 */
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanNode } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import { bindExpr, convertTo, type ExprEnv, exprEnv } from './bind-expr.js';
import { bindTabular } from './bind-tabular.js';
import { BindContext, type Catalog, type Probe } from './context.js';
import type { Dialect } from './dialect.js';
import { isTabular } from './is-tabular.js';
import { bindOperator } from './operators/index.js';
import { Scope } from './scope.js';

export interface Analysis {
  readonly plan?: PlanNode;
  /** The plan's columns depend on the data (bag_unpack, pivot): bind again with a probe before running. */
  readonly dataDependent: boolean;
  readonly diagnostics: Diagnostic[];
  /** Settings from `set` statements. */
  readonly settings: ReadonlyMap<string, unknown>;
}

function bindStatement(s: A.Statement, scope: Scope, env: ExprEnv, settings?: Map<string, unknown>): void {
  const { ctx } = env;
  switch (s.kind) {
    case 'Let': {
      const v = s.value;
      if (v.kind === 'Lambda') scope.define(s.name, { kind: 'function', lambda: v, scope });
      else if (isTabular(v, scope, ctx)) {
        // Every reference to a `let` table shares one evaluation per run.
        scope.define(s.name, { kind: 'tabular', plan: ctx.cached(bindTabular(v, scope, ctx)) });
      } else scope.define(s.name, { kind: 'scalar', expr: bindExpr(v, { ...env, scope }) });
      return;
    }
    case 'Set':
      settings?.set(s.name, s.value ?? true);
      return;
    case 'DeclareParameters':
      for (const p of s.params) {
        if (typeof p.type === 'object') {
          ctx.report(diag.unsupportedFeature('tabular query parameters', p.span));
          continue;
        }
        const value = p.default ? bindExpr(p.default, { ...env, scope }) : { kind: 'Const' as const, value: null, type: p.type };
        scope.define(p.name, { kind: 'scalar', expr: convertTo(value, p.type) });
      }
      return;
    case 'ExprStatement':
      return;
  }
}

export function analyze(block: A.Block, catalog: Catalog, dialect: Dialect, probe?: Probe): Analysis {
  const ctx = new BindContext(catalog, dialect, { tabular: bindTabular, operator: bindOperator, statement: (s, scope, env) => bindStatement(s, scope, env) }, probe);
  const scope = new Scope();
  const settings = new Map<string, unknown>();
  const env = exprEnv([], scope, ctx);
  const statements = block.statements;
  const last = statements[statements.length - 1];
  if (!last || last.kind !== 'ExprStatement') {
    for (const s of statements) bindStatement(s, scope, env, settings);
    ctx.report(diag.unexpectedEnd('a tabular expression', last?.span ?? block.span));
    return { diagnostics: ctx.diagnostics, settings, dataDependent: false };
  }
  // Each tabular expression statement is one result, in order (a batch); a let sees the statements before it.
  const results: { name: string; plan: PlanNode }[] = [];
  for (const s of statements) {
    if (s.kind !== 'ExprStatement') {
      bindStatement(s, scope, env, settings);
      continue;
    }
    if (!isTabular(s.expr, scope, ctx) && s.expr.kind !== 'Name' && s.expr.kind !== 'Call') {
      ctx.report(diag.notTabular('the query result', s.expr.span));
      return { diagnostics: ctx.diagnostics, settings, dataDependent: false };
    }
    const end = s.expr.kind === 'Pipeline' ? s.expr.operators[s.expr.operators.length - 1] : undefined;
    ctx.queryEnd = end;
    const plan = bindTabular(s.expr, scope, ctx);
    results.push({ name: end?.kind === 'As' ? end.name : `table_${results.length + 1}`, plan });
  }
  // One statement is the query's plan (several tables already if it forks); several make a batch,
  // into which fork and facet contribute their tables.
  const plan: PlanNode = results.length === 1
    ? results[0]!.plan
    : { kind: 'Results', results: results.flatMap((r) => (r.plan.kind === 'Results' ? r.plan.results : [r])), schema: results[0]!.plan.schema, span: block.span };
  return { plan: ctx.diagnostics.length ? undefined : plan, diagnostics: ctx.diagnostics, settings, dataDependent: ctx.dataDependent };
}
