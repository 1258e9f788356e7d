/**
 * The graph operators. make-graph turns its input rows into the edges of a graph (and the `with`
 * tables into node properties); the graph is no table, so its plan node is only ever the input of
 * graph-match or graph-to-table, which hold it. graph-match's plan is its matches (one row per match,
 * every named variable's properties as columns), then a Filter for `where` and a Project for
 * `project`: each pattern variable is a record in scope, so `n.prop` reads its column.
 */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { GraphMatchNode, GraphPatternEdge, GraphPatternNode, MakeGraphNode, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import { expressionName } from '../naming.js';
import { Scope } from '../scope.js';
import { bindProject } from './columns.js';

/** The operators that read a graph; anything else after make-graph is refused. */
export const GRAPH_READERS: ReadonlySet<A.Operator['kind']> = new Set(['GraphMatch', 'GraphToTable']);

export function bindMakeGraph(op: A.MakeGraph, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const source = nodeIdColumn(input.schema, op.source, ctx);
  const target = nodeIdColumn(input.schema, op.target, ctx);
  if (source === undefined || target === undefined) return ctx.errorPlan();

  const nodeSchema: ColumnSchema[] = [];
  const nodeTables: MakeGraphNode['nodeTables'][number][] = [];
  for (const n of op.nodes) {
    const plan = ctx.bindTabular(n.table, scope);
    const id = nodeIdColumn(plan.schema, n.id, ctx);
    if (id === undefined) return ctx.errorPlan();
    const columns: number[] = [];
    for (const c of plan.schema) {
      let at = nodeSchema.findIndex((m) => m.name === c.name);
      if (at < 0) at = nodeSchema.push(c) - 1;
      else if (nodeSchema[at]!.type !== c.type) {
        ctx.report(diag.unsupportedFeature(`make-graph node property '${c.name}' of two types (${nodeSchema[at]!.type} and ${c.type})`, n.table.span));
        return ctx.errorPlan();
      }
      columns.push(at);
    }
    nodeTables.push({ plan, id, columns });
  }
  return { kind: 'MakeGraph', edges: input, source, target, nodeTables, nodeSchema, schema: [], span: op.span };
}

/** A node id column: present, and not dynamic (as the official binder requires). */
function nodeIdColumn(schema: readonly ColumnSchema[], column: { name: string; span: Span }, ctx: BindContext): number | undefined {
  const at = schema.findIndex((c) => c.name === column.name);
  if (at < 0) {
    ctx.report(diag.unknownColumn(column.name, schema.map((c) => c.name), column.span));
    return undefined;
  }
  if (schema[at]!.type === 'dynamic') {
    ctx.report(diag.typeMismatch(`node id column '${column.name}' cannot be dynamic; convert it first (tostring)`, column.span));
    return undefined;
  }
  return at;
}

/** graph-match, graph-to-table: the input must be make-graph's graph. */
function graphInput(input: PlanNode, name: string, span: Span, ctx: BindContext): MakeGraphNode | undefined {
  if (input.kind === 'MakeGraph') return input;
  ctx.report(diag.misplacedOperator(name, 'here: its input must be a graph, made by make-graph', span));
  return undefined;
}

const CYCLES = ['unique_edges', 'none', 'all'] as const;

export function bindGraphMatch(op: A.GraphMatch, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const graph = graphInput(input, 'graph-match', op.keywordSpan, ctx);
  if (!graph) return ctx.errorPlan();
  const cycles = cyclesOption(op.params, ctx);
  if (!cycles) return ctx.errorPlan();

  // Each named variable gets its properties' columns in the match row, once per name.
  const row: ColumnSchema[] = [];
  const variables = new Map<string, { kind: 'node' | 'edge'; offset: number; fields: Map<string, PlanExpr> }>();
  const declare = (name: string, kind: 'node' | 'edge', properties: readonly ColumnSchema[], span: Span): number | undefined => {
    const known = variables.get(name);
    if (known) {
      // A node variable named twice is one node; an edge is matched once.
      if (known.kind === 'node' && kind === 'node') return known.offset;
      ctx.report(diag.invalidArgument(`graph pattern variable '${name}' is already ${known.kind === 'node' ? 'a node' : 'an edge'}`, span));
      return undefined;
    }
    const offset = row.length;
    const fields = new Map<string, PlanExpr>();
    for (const p of properties) {
      fields.set(p.name, { kind: 'Column', index: row.length, type: p.type });
      row.push({ name: `${name}.${p.name}`, type: p.type });
    }
    variables.set(name, { kind, offset, fields });
    return offset;
  };

  const edgeProperties = graph.edges.schema;
  const sequences: GraphMatchNode['sequences'][number][] = [];
  for (const s of op.pattern) {
    const nodes: GraphPatternNode[] = [];
    const edges: GraphPatternEdge[] = [];
    for (const n of s.nodes) {
      if (n.name === undefined) nodes.push({});
      else {
        const offset = declare(n.name, 'node', graph.nodeSchema, n.span);
        if (offset === undefined) return ctx.errorPlan();
        nodes.push({ name: n.name, offset });
      }
    }
    for (const e of s.edges) {
      const variable = e.hops !== undefined;
      const hops = e.hops ?? { min: 1, max: 1 };
      let offset: number | undefined;
      if (e.name !== undefined) {
        const properties = variable ? edgeProperties.map((c) => ({ name: c.name, type: 'dynamic' as const })) : edgeProperties;
        offset = declare(e.name, 'edge', properties, e.span);
        if (offset === undefined) return ctx.errorPlan();
      }
      edges.push({ direction: e.direction, min: hops.min, max: hops.max, variable, offset });
    }
    sequences.push({ nodes, edges });
  }

  const matchScope = new Scope(scope);
  for (const [name, v] of variables) matchScope.define(name, { kind: 'record', fields: v.fields });
  let plan: PlanNode = { kind: 'GraphMatch', graph, sequences, cycles, schema: row, span: op.span };
  if (op.where) {
    const predicate = bindExpr(op.where, exprEnv(row, matchScope, ctx));
    if (ctx.isError(predicate)) return ctx.errorPlan();
    if (predicate.type !== 'bool' && predicate.type !== 'dynamic') {
      ctx.report(diag.typeMismatch(`the graph-match where clause must be bool, not ${predicate.type}`, op.where.span));
      return ctx.errorPlan();
    }
    plan = { kind: 'Filter', input: plan, predicate, schema: row, span: op.where.span };
  }
  const columns = op.project.map((a) => (a.names.length ? a : { ...a, names: projectName(a.expr, variables) }));
  return bindProject({ kind: 'Project', columns, span: op.span, keywordSpan: op.projectSpan }, plan, matchScope, ctx);
}

/**
 * The official binder names `v.p` itself `v_p`, but a function of it after the property alone
 * (`tostring(v.p)` is `p`): the property is named as a column would be.
 */
function projectName(e: A.Expr, variables: ReadonlyMap<string, unknown>): string[] {
  const isProperty = (x: A.Expr): x is A.Member => x.kind === 'Member' && x.object.kind === 'Name' && variables.has(x.object.name);
  const asColumn = (x: A.Expr): A.Expr => {
    if (isProperty(x)) return { kind: 'Name', name: x.name, span: x.span };
    if (x.kind === 'Paren') return { ...x, inner: asColumn(x.inner) };
    if (x.kind === 'Call' && x.args[0]) return { ...x, args: [asColumn(x.args[0]), ...x.args.slice(1)] };
    return x;
  };
  const name = expressionName(isProperty(e) ? e : asColumn(e));
  return name === undefined ? [] : [name];
}

function cyclesOption(params: readonly A.OperatorParam[], ctx: BindContext): GraphMatchNode['cycles'] | undefined {
  const given = params.find((p) => p.name === 'cycles');
  if (!given) return 'unique_edges';
  const value = CYCLES.find((c) => c === given.value);
  if (!value) ctx.report(diag.invalidArgument(`cycles must be one of ${CYCLES.join(', ')}`, given.span));
  return value;
}

export function bindGraphToTable(op: A.GraphToTable, input: PlanNode, ctx: BindContext): PlanNode {
  const graph = graphInput(input, 'graph-to-table', op.keywordSpan, ctx);
  if (!graph) return ctx.errorPlan();
  const [part, second] = op.parts;
  if (!part) return ctx.errorPlan();
  if (second) {
    ctx.report(diag.unsupportedFeature('graph-to-table with both nodes and edges (a query with two results)', second.span));
    return ctx.errorPlan();
  }
  const idParameter = part.params[0];
  if (idParameter) {
    // The ids are Kusto's own hash of each node, which kqlx cannot give the same values.
    ctx.report(diag.unsupportedFeature(`graph-to-table ${idParameter.name} (Kusto's node hash ids)`, idParameter.span));
    return ctx.errorPlan();
  }
  const schema = part.what === 'nodes' ? graph.nodeSchema : graph.edges.schema;
  return { kind: 'GraphToTable', graph, what: part.what, schema, span: op.span };
}
