/**
 * The graph operators at run time: make-graph's graph is built from its tables when graph-match or
 * graph-to-table runs; graph-match enumerates the pattern's matches by depth-first search.
 */
import type { GraphMatchNode, GraphPatternEdge, GraphPatternNode, GraphToTableNode, MakeGraphNode } from '../../plan/nodes.js';
import { Table } from '../../table/table.js';
import { convert } from '../../types/convert.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Dynamic, Value } from '../../types/value.js';
import type { PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';

interface Graph {
  /** Per node, its properties in the order of the plan's nodeSchema. */
  readonly nodes: Value[][];
  readonly edges: Table;
  /** Per edge (an edge table row), its source and target node. */
  readonly source: number[];
  readonly target: number[];
  /** Per node, the edges leaving it and the edges entering it, in edge order. */
  readonly outgoing: number[][];
  readonly incoming: number[][];
}

const isEmpty = (v: Value) => v === null || v === '';

/**
 * Nodes come first from the node tables, in their row order, then those only the edges name. A row
 * or edge whose node id is null is left out. Properties of one id in several rows merge, the first
 * non-empty value winning; a node's id fills the id columns of the node tables.
 */
function buildGraph(node: MakeGraphNode, state: RunState, runPlan: PlanRunner): Graph {
  const ids = new Map<string, number>();
  const nodes: Value[][] = [];
  const idOf: { value: Value; type: ScalarType }[] = [];
  const nodeIndex = (value: Value, type: ScalarType): number => {
    const key = `${typeof value}:${String(value)}`;
    let at = ids.get(key);
    if (at === undefined) {
      at = nodes.push(node.nodeSchema.map(() => null)) - 1;
      idOf.push({ value, type });
      ids.set(key, at);
    }
    return at;
  };

  for (const t of node.nodeTables) {
    const table = runPlan(t.plan, state);
    const idType = table.schema[t.id]!.type;
    for (let r = 0; r < table.rowCount; r++) {
      const id = table.columns[t.id]!.get(r);
      if (id === null) continue;
      const props = nodes[nodeIndex(id, idType)]!;
      t.columns.forEach((to, c) => {
        if (isEmpty(props[to]!)) props[to] = table.columns[c]!.get(r);
      });
    }
  }

  const edges = runPlan(node.edges, state);
  const endType = (column: number) => edges.schema[column]!.type;
  const source: number[] = [];
  const target: number[] = [];
  const kept: number[] = [];
  for (let r = 0; r < edges.rowCount; r++) {
    const from = edges.columns[node.source]!.get(r);
    const to = edges.columns[node.target]!.get(r);
    if (from === null || to === null) continue;
    source.push(nodeIndex(from, endType(node.source)));
    target.push(nodeIndex(to, endType(node.target)));
    kept.push(r);
  }

  nodes.forEach((props, n) => {
    for (const t of node.nodeTables) {
      const column = t.columns[t.id]!;
      const { value, type } = idOf[n]!;
      if (isEmpty(props[column]!)) props[column] = convert(value, type, node.nodeSchema[column]!.type);
    }
  });

  const outgoing: number[][] = nodes.map(() => []);
  const incoming: number[][] = nodes.map(() => []);
  source.forEach((s, e) => outgoing[s]!.push(e));
  target.forEach((t, e) => incoming[t]!.push(e));
  const edgeTable = kept.length === edges.rowCount ? edges : edges.take(Uint32Array.from(kept));
  return { nodes, edges: edgeTable, source, target, outgoing, incoming };
}

export function runGraphToTable(node: GraphToTableNode, state: RunState, runPlan: PlanRunner): Table {
  const graph = buildGraph(node.graph, state, runPlan);
  if (node.what === 'edges') return graph.edges;
  return Table.fromRows(node.schema, graph.nodes).withStringNulls(state.stringNulls);
}

/** One step along an edge: the edge taken and the node reached. */
interface Step {
  readonly edge: number;
  readonly to: number;
}

/** The steps from `at` along one edge of the pattern's direction; an any-direction edge goes both ways. */
function steps(graph: Graph, at: number, direction: GraphPatternEdge['direction']): Step[] {
  const out: Step[] = [];
  if (direction !== 'left') for (const e of graph.outgoing[at]!) out.push({ edge: e, to: graph.target[e]! });
  if (direction !== 'right') for (const e of graph.incoming[at]!) out.push({ edge: e, to: graph.source[e]! });
  return out;
}

export function runGraphMatch(node: GraphMatchNode, state: RunState, runPlan: PlanRunner): Table {
  const graph = buildGraph(node.graph, state, runPlan);
  const nodeWidth = node.graph.nodeSchema.length;
  const edgeWidth = graph.edges.schema.length;
  const rows: Value[][] = [];
  const row: Value[] = node.schema.map(() => null);
  const bound = new Map<string, number>();
  const usedEdges = new Set<number>();
  const visits = new Map<number, number>();

  /** Whether node `n` may be the next node of the match under the cycles option. */
  const mayVisit = (n: number) => node.cycles !== 'none' || !visits.get(n);
  const visit = (n: number, by: number) => visits.set(n, (visits.get(n) ?? 0) + by);
  const mayUse = (e: number) => node.cycles === 'all' || !usedEdges.has(e);

  /** Binds a pattern node to graph node `n` around `then`; a variable already bound must be `n`. */
  const withNode = (p: GraphPatternNode, n: number, then: () => void) => {
    const already = p.name === undefined ? undefined : bound.get(p.name);
    if (already !== undefined) {
      if (already === n) then();
      return;
    }
    if (!mayVisit(n)) return;
    if (p.name !== undefined) bound.set(p.name, n);
    if (p.offset !== undefined) for (let i = 0; i < nodeWidth; i++) row[p.offset + i] = graph.nodes[n]![i]!;
    visit(n, 1);
    then();
    visit(n, -1);
    if (p.name !== undefined) bound.delete(p.name);
  };

  const writeEdges = (p: GraphPatternEdge, path: readonly number[]) => {
    if (p.offset === undefined) return;
    for (let c = 0; c < edgeWidth; c++) {
      const column = graph.edges.columns[c]!;
      const type = graph.edges.schema[c]!.type;
      row[p.offset + c] = p.variable ? path.map((e) => convert(column.get(e), type, 'dynamic') as Dynamic) : column.get(path[0]!);
    }
  };

  /** Paths of exactly `hops` edges from `at`, in search order; the inner nodes obey the cycles option. */
  const paths = (p: GraphPatternEdge, at: number, hops: number, path: number[], then: (end: number) => void) => {
    if (path.length === hops) {
      then(at);
      return;
    }
    for (const s of steps(graph, at, p.direction)) {
      if (!mayUse(s.edge)) continue;
      const inner = path.length + 1 < hops;
      if (inner && !mayVisit(s.to)) continue;
      usedEdges.add(s.edge);
      path.push(s.edge);
      if (inner) visit(s.to, 1);
      paths(p, s.to, hops, path, then);
      if (inner) visit(s.to, -1);
      path.pop();
      usedEdges.delete(s.edge);
    }
  };

  const sequence = (si: number) => {
    const s = node.sequences[si];
    if (!s) {
      rows.push([...row]);
      return;
    }
    const walk = (ei: number, at: number) => {
      const edge = s.edges[ei];
      if (!edge) {
        sequence(si + 1);
        return;
      }
      // Shorter paths first, as the page's variable-length example lists its matches.
      for (let hops = edge.min; hops <= edge.max; hops++) {
        const path: number[] = [];
        paths(edge, at, hops, path, (end) =>
          withNode(s.nodes[ei + 1]!, end, () => {
            writeEdges(edge, path);
            walk(ei + 1, end);
          }),
        );
      }
    };
    const first = s.nodes[0]!;
    const start = first.name === undefined ? undefined : bound.get(first.name);
    const candidates = start !== undefined ? [start] : graph.nodes.keys();
    for (const n of candidates) withNode(first, n, () => walk(0, n));
  };

  sequence(0);
  return Table.fromRows(node.schema, rows).withStringNulls(state.stringNulls);
}
