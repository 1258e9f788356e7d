/**
 * XQL's windowcomp: `windowcomp fn(args) [by f, ...] [sort asc|desc g, ...] [between a and b
 * [frame_type = range]] as alias`. fn is lag or lead (with an optional row offset, 1 by default),
 * first_value, last_value, rank, row_number, or any aggregate of the language.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanExpr, PlanNode, SortSpec, WindowFunction } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { isBindError } from '../../functions/types.js';
import { argInfo, bindExpr, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';

const ARITY: Record<string, [number, number]> = { lag: [1, 2], lead: [1, 2], first_value: [1, 1], last_value: [1, 1], rank: [0, 0], row_number: [0, 0] };

export function bindWindowComp(op: A.WindowComp, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const env = exprEnv(input.schema, scope, ctx);
  const bindAll = (es: readonly A.Expr[]) => es.map((e) => bindExpr(e, env));
  const partition = bindAll(op.by);
  const order: SortSpec[] = op.sort.map((k) => {
    const expr = bindExpr(k.expr, env);
    return { expr, descending: k.descending, nullsFirst: !k.descending };
  });
  const call = op.call;
  const args = bindAll(call.args);
  if ([...partition, ...order.map((o) => o.expr), ...args].some((e) => ctx.isError(e))) return ctx.errorPlan();
  let fn: WindowFunction;
  const arity = ARITY[call.name];
  if (arity) {
    if (args.length < arity[0] || args.length > arity[1]) {
      ctx.report(diag.wrongArgCount(call.name, arity[0] === arity[1] ? String(arity[0]) : `${arity[0]} to ${arity[1]}`, args.length, call.span));
      return ctx.errorPlan();
    }
    if (call.name === 'lag' || call.name === 'lead') {
      const offset = args[1]?.kind === 'Const' ? Number(args[1].value) : args.length > 1 ? NaN : 1;
      if (!Number.isInteger(offset) || offset < 0) {
        ctx.report(diag.constantRequired(`the offset of ${call.name} (a whole number of rows)`, call.args[1]!.span));
        return ctx.errorPlan();
      }
      fn = { kind: call.name, arg: args[0]!, offset };
    } else if (call.name === 'first_value' || call.name === 'last_value') fn = { kind: call.name, arg: args[0]! };
    else fn = { kind: call.name as 'rank' | 'row_number' };
  } else {
    const aggregate = ctx.dialect.functions.aggregate(call.name);
    if (!aggregate) {
      ctx.report(diag.unknownFunction(call.name, [...(ctx.dialect.functions.names?.('aggregate') ?? [])], call.nameSpan));
      return ctx.errorPlan();
    }
    const binding = aggregate.bind(args.map((a: PlanExpr) => argInfo(a)));
    if (isBindError(binding)) {
      ctx.report(diag.invalidArgument(binding.error, call.span));
      return ctx.errorPlan();
    }
    fn = { kind: 'aggregate', binding, args };
  }
  if (op.frame?.range && !(order.length > 0 && ['int', 'long', 'real', 'decimal'].includes(order[0]!.expr.type))) {
    ctx.report(diag.invalidArgument('frame_type = range measures the frame on the first sort field, which must be a number', op.frame.span));
    return ctx.errorPlan();
  }
  const type = fn.kind === 'aggregate' ? fn.binding.type : 'arg' in fn ? fn.arg.type : 'long';
  const name = op.alias.name;
  const at = input.schema.findIndex((c) => c.name === name);
  const schema = at >= 0 ? input.schema.map((c, i) => (i === at ? { name, type } : c)) : [...input.schema, { name, type }];
  return { kind: 'Window', input, partition, order, fn, frame: op.frame, name, schema, span: op.span };
}
