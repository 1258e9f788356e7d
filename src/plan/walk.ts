/**
 * The shape of the plan as data: each node kind's tabular children and the expressions it holds, and
 * each expression's operands and subquery plans. The tables below are keyed by kind and typed so that a
 * new node or expression kind does not compile until it is listed here.
 */
import type { PlanExpr, PlanNode } from './nodes.js';

type NodeOf<K extends PlanNode['kind']> = Extract<PlanNode, { kind: K }>;
type ExprOf<K extends PlanExpr['kind']> = Extract<PlanExpr, { kind: K }>;

/** A tabular child of a node, with the role it plays there (`input`, `right`, a fork branch's name). */
export interface PlanChild {
  readonly role: string;
  readonly node: PlanNode;
}

const input = (n: { readonly input: PlanNode }): PlanChild[] => [{ role: 'input', node: n.input }];
const none = (): PlanChild[] => [];

const CHILDREN: { readonly [K in PlanNode['kind']]: (node: NodeOf<K>) => PlanChild[] } = {
  Scan: none,
  External: none,
  Values: none,
  Range: none,
  Input: none,
  Filter: input,
  Project: input,
  Summarize: input,
  Sort: input,
  Window: input,
  Take: input,
  Sample: input,
  MvExpand: input,
  Parse: input,
  ParseKv: input,
  BagUnpack: input,
  Pivot: input,
  MakeSeries: input,
  SequenceDetect: input,
  TopNested: input,
  ScanSteps: input,
  Cache: input,
  Partition: (n) => [...input(n), { role: 'subquery', node: n.subquery }],
  MvApply: (n) => [...input(n), { role: 'subquery', node: n.subquery }],
  IpLookup: (n) => [...input(n), { role: 'lookup', node: n.lookup }],
  Union: (n) => n.inputs.map((node, i) => ({ role: n.source?.labels[i] ?? 'input', node })),
  Join: (n) => [{ role: 'left', node: n.left }, { role: 'right', node: n.right }],
  Results: (n) => n.results.map((r) => ({ role: r.name, node: r.plan })),
  MakeGraph: (n) => [{ role: 'edges', node: n.edges }, ...n.nodeTables.map((t) => ({ role: 'nodes', node: t.plan }))],
  GraphMatch: (n) => [{ role: 'graph', node: n.graph }],
  GraphToTable: (n) => [{ role: 'graph', node: n.graph }],
};

const exprs = (...es: (PlanExpr | undefined)[]): PlanExpr[] => es.filter((e): e is PlanExpr => e !== undefined);
const named = (list: readonly { readonly expr: PlanExpr }[]): PlanExpr[] => list.map((c) => c.expr);
const aggregateArgs = (list: readonly { readonly args: readonly PlanExpr[] }[]): PlanExpr[] => list.flatMap((a) => a.args);

const EXPRESSIONS: { readonly [K in PlanNode['kind']]: (node: NodeOf<K>) => PlanExpr[] } = {
  Scan: () => [],
  External: () => [],
  Values: () => [],
  Input: () => [],
  Cache: () => [],
  Union: () => [],
  Join: () => [],
  Results: () => [],
  Partition: () => [],
  BagUnpack: () => [],
  IpLookup: () => [],
  MakeGraph: () => [],
  GraphMatch: () => [],
  GraphToTable: () => [],
  Range: (n) => [n.from, n.to, n.step],
  Filter: (n) => [n.predicate],
  Project: (n) => named(n.columns),
  Summarize: (n) => [
    ...named(n.keys), ...aggregateArgs(n.aggregates),
    ...n.extremes.flatMap((x) => [x.by, ...named(x.columns)]), ...named(n.outputs),
  ],
  Sort: (n) => n.keys.map((k) => k.expr),
  Window: (n) => [...n.partition, ...n.order.map((k) => k.expr), ...(n.fn.kind === 'aggregate' ? n.fn.args : 'arg' in n.fn ? [n.fn.arg] : [])],
  Take: (n) => [n.count],
  Sample: (n) => [n.count],
  MvExpand: (n) => named(n.expansions),
  Parse: (n) => [n.source],
  ParseKv: (n) => [n.source],
  Pivot: (n) => [n.pivot, ...n.aggregate.args],
  MakeSeries: (n) => [...named(n.keys), ...aggregateArgs(n.aggregates), ...exprs(n.axis, n.from, n.to, n.step)],
  SequenceDetect: (n) => [...n.steps, ...named(n.dims)],
  TopNested: (n) => n.levels.flatMap((l) => [...exprs(l.key, l.count, l.others), ...aggregateArgs(l.aggregates), l.value]),
  ScanSteps: (n) => n.steps.flatMap((s) => [s.condition, ...named(s.assignments)]),
  MvApply: (n) => named(n.expansions),
};

const OPERANDS: { readonly [K in PlanExpr['kind']]: (e: ExprOf<K>) => readonly PlanExpr[] } = {
  Column: () => [],
  Const: () => [],
  Row: () => [],
  Scalar: () => [],
  ColumnValues: () => [],
  Apply: (e) => e.args,
  Logic: (e) => e.args,
  RowOrder: (e) => e.args,
};

const SUBPLANS: { readonly [K in PlanExpr['kind']]: (e: ExprOf<K>) => PlanNode | undefined } = {
  Column: () => undefined,
  Const: () => undefined,
  Row: () => undefined,
  Apply: () => undefined,
  Logic: () => undefined,
  RowOrder: () => undefined,
  Scalar: (e) => e.plan,
  ColumnValues: (e) => e.plan,
};

/** The tabular children of a node: its inputs, join and union sides, subqueries, fork branches, the graph. */
export function nodeChildren(node: PlanNode): PlanChild[] {
  return (CHILDREN[node.kind] as (n: PlanNode) => PlanChild[])(node);
}

/** Every expression a node holds directly (predicates, assignments, keys, aggregate arguments, bounds). */
export function nodeExpressions(node: PlanNode): PlanExpr[] {
  return (EXPRESSIONS[node.kind] as (n: PlanNode) => PlanExpr[])(node);
}

/** The operands of an expression (not the plans of its subqueries). */
export function exprOperands(e: PlanExpr): readonly PlanExpr[] {
  return (OPERANDS[e.kind] as (x: PlanExpr) => readonly PlanExpr[])(e);
}

/** The tabular plan an expression runs (toscalar, the table of `in (T)`), if it is one. */
export function exprSubplan(e: PlanExpr): PlanNode | undefined {
  return (SUBPLANS[e.kind] as (x: PlanExpr) => PlanNode | undefined)(e);
}

/** The subquery plans inside an expression tree, outermost first. */
export function subplansOf(e: PlanExpr): PlanNode[] {
  const own = exprSubplan(e);
  return [...(own ? [own] : []), ...exprOperands(e).flatMap(subplansOf)];
}

/** A node's tabular children, then the subquery plans in its expressions (role `subquery`). */
export function allChildren(node: PlanNode): PlanChild[] {
  const inExpressions = nodeExpressions(node).flatMap(subplansOf).map((plan) => ({ role: 'subquery', node: plan }));
  return [...nodeChildren(node), ...inExpressions];
}

/**
 * Visits every node reachable from `root`, depth first, parents before children, each node object once
 * (a cached `let` table or a graph referenced twice is one node).
 */
export function walkPlan(root: PlanNode, visit: (node: PlanNode) => void): void {
  const seen = new Set<PlanNode>();
  const go = (node: PlanNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    visit(node);
    for (const child of allChildren(node)) go(child.node);
  };
  go(root);
}
