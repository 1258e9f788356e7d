/**
 * The plan printer: the bound plan as an indented tree, one node per line with its operator, its
 * arguments (expressions written back as text) and its output columns with their types; or the same
 * tree as data for machines. A node's children follow it, indented, named by their role when they are
 * not its plain input (`right:`, a fork branch's name, `subquery 1:` for a toscalar or `in (T)` plan).
 */
import type { ColumnSchema } from '../table/table.js';
import type {
  AggregateSpec, ArgExtremeSpec, NamedExpr, PlanExpr, PlanNode, SortSpec,
} from './nodes.js';
import { identifier, literal, printExpr, rowOf } from './print-expr.js';
import { allChildren, nodeChildren } from './walk.js';

/** One node of the printed tree, as data (`kqlx query --plan -o json`). */
export interface PrintedNode {
  /** The role it plays for its parent (`input`, `right`, `subquery 1`, a fork branch); absent at the root. */
  readonly role?: string;
  readonly operator: string;
  /** Its arguments as text ('' when it has none). */
  readonly details: string;
  readonly columns: readonly ColumnSchema[];
  /** The node already appeared earlier in the tree (a `let` table read twice): its children are not repeated. */
  readonly shownAbove?: boolean;
  readonly children: readonly PrintedNode[];
}

type NodeOf<K extends PlanNode['kind']> = Extract<PlanNode, { kind: K }>;

/** Writes expressions for one node: its input row, and the labels of its subquery plans. */
interface NodeContext {
  /** An expression over the given row (the node's first input's columns when absent). */
  expr(e: PlanExpr, row?: readonly string[]): string;
  /** The node's first input's columns, as an expression row. */
  readonly input: readonly string[];
}

const list = (xs: readonly string[]) => xs.join(', ');
const assigned = (name: string, text: string) => (text === identifier(name) ? text : `${identifier(name)} = ${text}`);
const namedList = (xs: readonly NamedExpr[], cx: NodeContext, row?: readonly string[]) =>
  list(xs.map((x) => assigned(x.name, cx.expr(x.expr, row))));
const aggregate = (a: AggregateSpec, cx: NodeContext) => `${a.fn}(${list(a.args.map((x) => cx.expr(x)))})`;
const sortKey = (k: SortSpec, cx: NodeContext) =>
  `${cx.expr(k.expr)} ${k.descending ? 'desc' : 'asc'} nulls ${k.nullsFirst ? 'first' : 'last'}`;
const typed = (name: string, type: string) => `${identifier(name)}:${type}`;
const clauses = (...parts: (string | false | undefined)[]) => parts.filter((p) => p).join(' ');

/** Each node kind's arguments as text; a new node kind does not compile until it has a line here. */
const DETAILS: { readonly [K in PlanNode['kind']]: (node: NodeOf<K>, cx: NodeContext) => string } = {
  Scan: (n) => clauses(identifier(n.table), n.optional && '(optional)'),
  External: (n) => list(n.uris.map((u) => JSON.stringify(u))),
  Values: (n) => `${n.table.rowCount} row${n.table.rowCount === 1 ? '' : 's'}`,
  Range: (n, cx) => `${identifier(n.schema[0]?.name ?? '')} from ${cx.expr(n.from, [])} to ${cx.expr(n.to, [])} step ${cx.expr(n.step, [])}`,
  Input: (n) => `#${n.id}`,
  Filter: (n, cx) => cx.expr(n.predicate),
  Project: (n, cx) => namedList(n.columns, cx),
  Summarize: (n, cx) => {
    // The outputs read a group row (keys, aggregate results, arg_max/arg_min picks): shown as the calls.
    const group = [
      ...n.keys.map((k) => identifier(k.name)),
      ...n.aggregates.map((a) => aggregate(a, cx)),
      ...n.extremes.flatMap((x) => extremeRow(x, cx)),
    ];
    const outputs = n.outputs.filter((o, i) => !(i < n.keys.length && o.expr.kind === 'Column' && o.expr.index === i));
    return clauses(namedList(outputs, cx, group), n.keys.length > 0 && `by ${namedList(n.keys, cx)}`);
  },
  Sort: (n, cx) => `by ${list(n.keys.map((k) => sortKey(k, cx)))}`,
  Window: (n, cx) => {
    const fn = n.fn;
    const args = fn.kind === 'aggregate' ? fn.args : 'arg' in fn ? [fn.arg] : [];
    const name = fn.kind === 'aggregate' ? 'aggregate' : fn.kind;
    const offset = fn.kind === 'lag' || fn.kind === 'lead' ? [String(fn.offset)] : [];
    const frame = n.frame && `between ${n.frame.from ?? 'null'} and ${n.frame.to ?? 'null'}${n.frame.range ? ' range' : ''}`;
    return clauses(
      assigned(n.name, `${name}(${list([...args.map((a) => cx.expr(a)), ...offset])})`),
      n.partition.length > 0 && `by ${list(n.partition.map((e) => cx.expr(e)))}`,
      n.order.length > 0 && `sort ${list(n.order.map((k) => sortKey(k, cx)))}`,
      frame,
    );
  },
  Take: (n, cx) => cx.expr(n.count),
  Sample: (n, cx) => cx.expr(n.count),
  Partition: (n, cx) => clauses(`by ${cx.input[n.key]}`, n.maxPartitions !== undefined && `maxpartitions=${n.maxPartitions}`, `as #${n.inputId}`),
  Union: (n) => (n.source ? 'withsource' : ''),
  Join: (n) => {
    const left = rowOf(n.left.schema);
    const right = rowOf(n.right.schema);
    const keys = n.leftKeys.map((l, i) => `$left.${left[l]} == $right.${right[n.rightKeys[i]!]}`);
    return `kind=${n.joinKind} on ${list(keys)}`;
  },
  MvExpand: (n, cx) => clauses(
    `bagexpansion=${n.bagExpansion}`,
    n.itemIndex !== undefined && `with_itemindex=${identifier(n.schema[n.itemIndex]?.name ?? '')}`,
    list(n.expansions.map((x) => `${assigned(n.schema[x.outIndex]?.name ?? '', cx.expr(x.expr))} to typeof(${x.toType})`)),
    n.limit !== undefined && `limit ${n.limit}`,
  ),
  Parse: (n, cx) => clauses(
    cx.expr(n.source), `with regex ${JSON.stringify(n.pattern)}`,
    `into ${list(n.captures.map((c) => typed(n.schema[c.outIndex]?.name ?? '', c.type)))}`,
    n.dropUnmatched && '(drops unmatched rows)',
  ),
  ParseKv: (n, cx) => `${cx.expr(n.source)} as (${list(n.keys.map((k) => typed(k.name, k.type)))})`,
  BagUnpack: (n, cx) => `${cx.input[n.column]} into (${list(n.slots.map((s) => typed(s.key, s.type)))})`,
  Pivot: (n, cx) => clauses(cx.expr(n.pivot), `values (${list(n.values.map((v) => JSON.stringify(v)))})`, aggregate(n.aggregate, cx),
    n.keys.length > 0 && `by ${list(n.keys.map((k) => cx.input[k]!))}`),
  MakeSeries: (n, cx) => clauses(
    list(n.aggregates.map((a) => `${identifier(a.name)} = ${aggregate(a, cx)} default=${literal(a.default, a.binding.type)}`)),
    `on ${cx.expr(n.axis)}`, n.inRange ? 'in range(' : '',
    n.from && `from ${cx.expr(n.from)}`, n.to && `to ${cx.expr(n.to)}`, `step ${cx.expr(n.step)}`, n.inRange ? ')' : '',
    n.keys.length > 0 && `by ${namedList(n.keys, cx)}`,
  ),
  IpLookup: (n, cx) => {
    const lookup = rowOf(n.lookup.schema);
    return clauses(`${n.family}_lookup ${cx.input[n.sourceKey]} in ${lookup[n.lookupKey]}`,
      n.extraKeys.length > 0 && `and ${list(n.extraKeys.map(([a, b]) => `${cx.input[a]} == ${lookup[b]}`))}`,
      n.returnUnmatched && 'return_unmatched');
  },
  SequenceDetect: (n, cx) => clauses(
    `on ${cx.input[n.timeline]}`, `step_window=${literal(n.stepWindow, 'timespan')}`, `max_span=${literal(n.maxSpan, 'timespan')}`,
    `steps (${list(n.steps.map((s) => cx.expr(s)))})`, n.dims.length > 0 && `by ${namedList(n.dims, cx)}`,
  ),
  TopNested: (n, cx) => list(n.levels.map((l) => {
    const results = l.aggregates.map((a) => aggregate(a, cx));
    return clauses('top-nested', l.count && cx.expr(l.count), `of ${cx.expr(l.key)}`, l.others && `with others=${cx.expr(l.others)}`,
      `by ${cx.expr(l.value, results)}`, l.descending ? 'desc' : 'asc');
  })),
  ScanSteps: (n, cx) => {
    // A scan row: the input columns, the declared ones, then each step's state record (the same again).
    const own = [...cx.input, ...n.declared.map((d) => identifier(d.name))];
    const row = [...own, ...n.steps.flatMap((s) => own.map((c) => `${identifier(s.name)}.${c}`))];
    return clauses(
      n.declared.length > 0 && `declare (${list(n.declared.map((d) => `${typed(d.name, d.type)} = ${literal(d.default, d.type)}`))})`,
      n.withMatchId && 'with_match_id',
      list(n.steps.map((s) => clauses(`step ${identifier(s.name)}`, s.output !== 'all' && `output=${s.output}`, `: ${cx.expr(s.condition, row)}`,
        s.assignments.length > 0 && `=> ${list(s.assignments.map((a) => `${identifier(n.declared[a.declared]!.name)} = ${cx.expr(a.expr, row)}`))}`))),
    );
  },
  MvApply: (n, cx) => clauses(
    list(n.expansions.map((x) => `${cx.expr(x.expr)} to typeof(${x.toType})`)),
    n.itemIndex && 'with_itemindex', n.limit !== undefined && `limit ${n.limit}`, `as #${n.inputId}`,
  ),
  Cache: (n) => `#${n.id}`,
  Results: (n) => list(n.results.map((r) => identifier(r.name))),
  MakeGraph: (n) => {
    const edges = rowOf(n.edges.schema);
    return `${edges[n.source]} --> ${edges[n.target]}`;
  },
  GraphMatch: (n) => clauses(
    list(n.sequences.map((s) => s.nodes.map((p, i) => {
      const edge = s.edges[i];
      const arrow = edge ? ` ${edge.direction === 'left' ? '<-' : '-'}[${edge.min}..${edge.max}]${edge.direction === 'right' ? '->' : '-'} ` : '';
      return `(${p.name ?? ''})${arrow}`;
    }).join(''))),
    `cycles=${n.cycles}`,
  ),
  GraphToTable: (n) => n.what,
};

function extremeRow(x: ArgExtremeSpec, cx: NodeContext): string[] {
  const fn = x.which === 'any' ? 'take_any' : `arg_${x.which}`;
  const by = x.which === 'any' ? [] : [cx.expr(x.by)];
  return [
    ...(x.byName !== undefined ? [`${fn}(${list(by)})`] : []),
    ...x.columns.map((c) => `${fn}(${list([...by, cx.expr(c.expr)])})`),
  ];
}

/** The plan as a tree of printed nodes. */
export function planTree(root: PlanNode): PrintedNode {
  const shown = new Set<PlanNode>();
  const build = (node: PlanNode, role: string | undefined): PrintedNode => {
    const tabular = nodeChildren(node);
    // Subquery plans in expressions come after the tabular children, numbered in the order listed.
    const inExpressions = allChildren(node).slice(tabular.length);
    const labels = new Map<PlanNode, string>();
    for (const c of inExpressions) if (!labels.has(c.node)) labels.set(c.node, `subquery ${labels.size + 1}`);
    const input = rowOf(tabular[0]?.node.schema ?? []);
    const cx: NodeContext = {
      input,
      expr: (e, row = input) => printExpr(e, { row, subquery: (plan) => labels.get(plan)! }),
    };
    const details = (DETAILS[node.kind] as (n: PlanNode, c: NodeContext) => string)(node, cx);
    const printed = { role, operator: node.kind, details, columns: node.schema };
    if (shown.has(node)) return { ...printed, shownAbove: true, children: [] };
    shown.add(node);
    const subqueries = [...labels].map(([plan, label]) => build(plan, label));
    return { ...printed, children: [...tabular.map((c) => build(c.node, c.role)), ...subqueries] };
  };
  return build(root, undefined);
}

const sameColumns = (a: readonly ColumnSchema[], b: readonly ColumnSchema[]) =>
  a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type);

/**
 * The plan as indented text. A node's columns are written in full unless they are exactly its plain
 * input's (a filter, a sort), which the line says instead of repeating them.
 */
export function printPlan(root: PlanNode): string {
  const lines: string[] = [];
  const write = (p: PrintedNode, depth: number): void => {
    const role = p.role !== undefined && p.role !== 'input' ? `${p.role}: ` : '';
    const head = `${'  '.repeat(depth)}${role}${p.operator}${p.details ? ` ${p.details}` : ''}`;
    if (p.shownAbove) {
      lines.push(`${head} (shown above)`);
      return;
    }
    const input = p.children.find((c) => c.role === 'input');
    const columns = input && sameColumns(input.columns, p.columns) ? '(columns as input)' : list(p.columns.map((c) => typed(c.name, c.type)));
    lines.push(`${head} → ${columns || '(no columns)'}`);
    for (const c of p.children) write(c, depth + 1);
  };
  write(planTree(root), 0);
  return lines.join('\n') + '\n';
}
