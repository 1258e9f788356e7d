/**
 * scan: the declared columns with their defaults, then each step's condition and assignments, bound
 * over the scan row: the input columns, the declared columns, and every step's state record (the
 * same columns again). Each step name is a record in scope whose fields are the columns of its
 * state record, so `s1.x` reads step s1's part of the state.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanExpr, PlanNode, ScanStepPlan } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { convert } from '../../types/convert.js';
import { isNumeric, type ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { bindExpr, convertTo, type ExprEnv, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { Scope } from '../scope.js';

type Declared = ColumnSchema & { readonly default: Value };

export function bindScan(op: A.Scan, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const declared = bindDeclarations(op, input, scope, ctx);
  if (!declared) return ctx.errorPlan();
  const record: ColumnSchema[] = [...input.schema, ...declared.map(({ name, type }) => ({ name, type }))];
  if (op.matchId && record.some((c) => c.name === op.matchId!.name)) {
    ctx.report(diag.duplicateColumn(op.matchId.name, op.matchId.span));
    return ctx.errorPlan();
  }

  const stepScope = new Scope(scope);
  for (const [j, step] of op.steps.entries()) {
    if (op.steps.findIndex((s) => s.name === step.name) !== j) {
      ctx.report(diag.invalidArgument(`step name '${step.name}' is used twice; each step needs its own name`, step.nameSpan));
      return ctx.errorPlan();
    }
    // Step j's state record follows the scan row's own columns and the records of the steps before it.
    const offset = record.length * (j + 1);
    const fields = new Map(record.map((c, i): [string, PlanExpr] => [c.name, { kind: 'Column', index: offset + i, type: c.type }]));
    stepScope.define(step.name, { kind: 'record', fields });
  }

  const env = exprEnv(record, stepScope, ctx);
  const steps: ScanStepPlan[] = [];
  for (const step of op.steps) {
    const bound = bindStep(step, declared, env);
    if (!bound) return ctx.errorPlan();
    steps.push(bound);
  }
  const schema = op.matchId ? [...record, { name: op.matchId.name, type: 'long' as const }] : record;
  return { kind: 'ScanSteps', input, declared, steps, withMatchId: op.matchId !== undefined, schema, span: op.span };
}

function bindDeclarations(op: A.Scan, input: PlanNode, scope: Scope, ctx: BindContext): Declared[] | undefined {
  const declared: Declared[] = [];
  for (const d of op.declarations) {
    if (input.schema.some((c) => c.name === d.name) || declared.some((c) => c.name === d.name)) {
      ctx.report(diag.duplicateColumn(d.name, d.span));
      return undefined;
    }
    let value: Value = null;
    if (d.default) {
      const e = bindExpr(d.default, exprEnv([], scope, ctx));
      if (ctx.isError(e)) return undefined;
      if (e.kind !== 'Const') {
        ctx.report(diag.constantRequired(`the default value of '${d.name}'`, d.default.span));
        return undefined;
      }
      if (!assignable(e.type, d.type)) {
        ctx.report(diag.typeMismatch(`the default value of '${d.name}' must be ${d.type}, not ${e.type}`, d.default.span));
        return undefined;
      }
      value = convert(e.value, e.type, d.type);
    }
    // Strings are never null: an undeclared string default is the empty string.
    declared.push({ name: d.name, type: d.type, default: value ?? (d.type === 'string' ? '' : null) });
  }
  return declared;
}

function bindStep(step: A.ScanStep, declared: readonly Declared[], env: ExprEnv): ScanStepPlan | undefined {
  const { ctx } = env;
  const condition = bindExpr(step.condition, env);
  if (ctx.isError(condition)) return undefined;
  if (condition.type !== 'bool' && condition.type !== 'dynamic') {
    ctx.report(diag.typeMismatch(`the condition of step '${step.name}' must be bool, not ${condition.type}`, step.condition.span));
    return undefined;
  }
  const assignments: ScanStepPlan['assignments'][number][] = [];
  for (const a of step.assignments) {
    const [name] = a.names;
    const index = declared.findIndex((c) => c.name === name);
    if (a.names.length !== 1 || index < 0) {
      const what = name === undefined ? 'a value without a name' : `'${a.names.join(', ')}'`;
      ctx.report(diag.invalidArgument(`step '${step.name}' assigns ${what}: a step assigns only columns of scan's declare clause`, a.span));
      return undefined;
    }
    const expr = bindExpr(a.expr, env);
    if (ctx.isError(expr)) return undefined;
    const type = declared[index]!.type;
    if (!assignable(expr.type, type)) {
      ctx.report(diag.typeMismatch(`'${name}' is declared ${type}, so it cannot be assigned a ${expr.type}`, a.expr.span));
      return undefined;
    }
    assignments.push({ declared: index, expr: convertTo(expr, type) });
  }
  return { name: step.name, output: step.output, condition, assignments };
}

/** Values a declared column takes: its own type, another number type, or dynamic (converted). */
function assignable(from: ScalarType, to: ScalarType): boolean {
  return from === to || from === 'dynamic' || (isNumeric(from) && isNumeric(to));
}
