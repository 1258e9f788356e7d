/**
 * Calls that produce several columns (series_fit_line, series_stats): in extend and project they
 * spread into one column per output, named by the tuple `(a, b, ...) =` or `fn_arg_output`; in any
 * other place the call stands for its first output.
 */
import { diag } from '../diagnostics/catalog.js';
import type { NamedExpr } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import { bindExpr, type ExprEnv, multiColumnOutput } from './bind-expr.js';
import { expressionName } from './naming.js';

export function isMultiColumnCall(e: A.Expr, env: ExprEnv): e is A.Call {
  return e.kind === 'Call' && env.ctx.dialect.functions.multiColumn(e.name) !== undefined;
}

/** The call's outputs as named expressions; undefined (after a diagnostic) when it does not bind. */
export function bindMultiColumn(a: A.Assignment, env: ExprEnv): NamedExpr[] | undefined {
  const call = a.expr as A.Call;
  const spec = env.ctx.dialect.functions.multiColumn(call.name)!;
  if (a.names.length > spec.outputs.length) {
    env.ctx.report(diag.invalidArgument(`${call.name}() has ${spec.outputs.length} outputs, not ${a.names.length}`, a.span));
    return undefined;
  }
  const bag = bindExpr({ ...call, name: spec.bag }, env);
  if (env.ctx.isError(bag)) return undefined;
  const base = `${call.name}_${(call.args[0] && expressionName(call.args[0])) ?? ''}`;
  return spec.outputs.map((o, i) => ({ name: a.names[i] ?? `${base}_${o.name}`, expr: multiColumnOutput(bag, o) }));
}
