/**
 * partition: a subquery run once per value of a key column, over that value's rows, the results
 * unioned. The native and shuffle strategies allow only the operators their page lists; the legacy
 * strategy (the default) allows any, a subquery with its own source (`{ ... }`), and at most 64
 * partitions. An `as Name` in the subquery names the partition for the operators after it.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { BindContext } from '../context.js';
import { Scope } from '../scope.js';
import { bindSubquery } from './subquery.js';

const STRATEGIES = new Set(['legacy', 'native', 'shuffle']);

/** What the native and shuffle strategies allow in the subquery (reduce is refused anyway). */
const NATIVE_OPERATORS: ReadonlySet<A.Operator['kind']> = new Set<A.Operator['kind']>([
  'Count', 'Distinct', 'Extend', 'MakeSeries', 'MvApply', 'MvExpand', 'Parse', 'Project', 'ProjectAway', 'ProjectKeep',
  'ProjectRename', 'ProjectReorder', 'Sample', 'SampleDistinct', 'SearchOp', 'Serialize', 'Sort', 'Summarize', 'Take',
  'Top', 'TopHitters', 'TopNested', 'Where', 'Scan', 'Unsupported',
]);

/** The legacy strategy's documented limit. */
const LEGACY_MAX_PARTITIONS = 64;

export function bindPartition(op: A.Partition, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const key = input.schema.findIndex((c) => c.name === op.by.name);
  if (key < 0) {
    ctx.report(diag.unknownColumn(op.by.name, input.schema.map((c) => c.name), op.by.span));
    return ctx.errorPlan();
  }
  const strategyParam = op.params.find((p) => p.name === 'hint.strategy');
  const strategy = String(strategyParam?.value ?? 'legacy');
  if (!STRATEGIES.has(strategy)) {
    ctx.report(diag.invalidArgument(`hint.strategy must be legacy, native or shuffle, not '${strategy}'`, strategyParam!.span));
    return ctx.errorPlan();
  }
  const inputId = ctx.nextCacheId();
  const part: PlanNode = { kind: 'Input', id: inputId, schema: input.schema, span: op.span };
  const subquery = 'kind' in op.subquery
    ? bindWithSource(op, op.subquery.expr, part, key, strategy, scope, ctx)
    : bindSubquery(op.subquery.operators, part, scope, ctx,
      strategy === 'legacy' ? undefined : { kinds: NATIVE_OPERATORS, where: `in a partition subquery with hint.strategy=${strategy}` });
  if (!subquery) return ctx.errorPlan();
  return {
    kind: 'Partition', input, key, inputId, subquery, schema: subquery.schema, span: op.span,
    maxPartitions: strategy === 'legacy' ? LEGACY_MAX_PARTITIONS : undefined,
  };
}

/** `{ expression }`: its own source; the key column's name stands for the partition's key value. */
function bindWithSource(op: A.Partition, expr: A.Expr, part: PlanNode, key: number, strategy: string, scope: Scope, ctx: BindContext): PlanNode | undefined {
  if (strategy !== 'legacy') {
    ctx.report(diag.invalidArgument('a partition subquery with its own source needs the legacy strategy', op.subquery.span));
    return undefined;
  }
  const column = part.schema[key]!;
  const first: PlanNode = {
    kind: 'Project', input: { kind: 'Take', input: part, count: { kind: 'Const', value: 1, type: 'long' }, schema: part.schema },
    columns: [{ name: column.name, expr: { kind: 'Column', index: key, type: column.type } }], schema: [column],
  };
  const value: PlanExpr = { kind: 'Scalar', plan: first, type: column.type };
  const inner = new Scope(scope);
  inner.define(column.name, { kind: 'scalar', expr: value });
  return ctx.bindTabular(expr, inner);
}
