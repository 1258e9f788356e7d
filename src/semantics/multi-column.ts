/**
 * Calls that produce several columns (series_fit_line, series_stats): in extend and project they
 * spread into one column per output, named by the tuple `(a, b, ...) =` or `fn_arg_output`; in any
 * other place the call stands for its first output.
 */
import { diag } from '../diagnostics/catalog.js';
import { MULTI_COLUMN_FUNCTIONS } from '../functions/index.js';
import type { NamedExpr, PlanExpr } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import { castDynamic } from '../types/convert.js';
import { isPlainObject } from '../types/value.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { expressionName } from './naming.js';

export function isMultiColumnCall(e: A.Expr): e is A.Call {
  return e.kind === 'Call' && MULTI_COLUMN_FUNCTIONS.has(e.name);
}

/** The call's outputs as named expressions; undefined (after a diagnostic) when it does not bind. */
export function bindMultiColumn(a: A.Assignment, env: ExprEnv): NamedExpr[] | undefined {
  const call = a.expr as A.Call;
  const spec = MULTI_COLUMN_FUNCTIONS.get(call.name)!;
  if (a.names.length > spec.outputs.length) {
    env.ctx.report(diag.invalidArgument(`${call.name}() has ${spec.outputs.length} outputs, not ${a.names.length}`, a.span));
    return undefined;
  }
  const bag = bindExpr({ ...call, name: spec.bag }, env);
  if (env.ctx.isError(bag)) return undefined;
  const base = `${call.name}_${(call.args[0] && expressionName(call.args[0])) ?? ''}`;
  return spec.outputs.map((o, i) => ({ name: a.names[i] ?? `${base}_${o.name}`, expr: output(bag, o.name, o.type) }));
}

/** One output of a multi-column call, anywhere a single value is needed: the first. */
export function firstOutput(call: A.Call, env: ExprEnv): PlanExpr {
  const spec = MULTI_COLUMN_FUNCTIONS.get(call.name)!;
  const bag = bindExpr({ ...call, name: spec.bag }, env);
  return env.ctx.isError(bag) ? bag : output(bag, spec.outputs[0]!.name, spec.outputs[0]!.type);
}

function output(bag: PlanExpr, key: string, type: PlanExpr['type']): PlanExpr {
  return {
    kind: 'Apply', name: '[]', notation: 'member', constants: [{ kind: 'Const', value: key, type: 'string' }],
    impl: (a) => (isPlainObject(a[0]) ? castDynamic(a[0][key] ?? null, type) : null), args: [bag], type,
  };
}
