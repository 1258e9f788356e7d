/**
 * The bound plan: what the binder produces and the evaluator runs. Names are resolved to column
 * indices, functions to implementations, types are known. The same for every language.
 */
import type { Span } from '../common/span.js';
import type { KeyValueSyntax } from '../functions/key-values.js';
import type { AggregateBinding, ScalarImpl } from '../functions/types.js';
import type { ColumnSchema, Table } from '../table/table.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';

// ── scalar expressions ────────────────────────────────────────────────────

export type PlanExpr =
  | { readonly kind: 'Column'; readonly index: number; readonly type: ScalarType }
  | { readonly kind: 'Const'; readonly value: Value; readonly type: ScalarType }
  | ApplyExpr
  /** Three-valued `and`/`or`, short-circuiting. */
  | { readonly kind: 'Logic'; readonly op: 'and' | 'or'; readonly args: readonly PlanExpr[]; readonly type: 'bool' }
  /** The value of a one-column, one-row tabular plan (toscalar), computed once per run. */
  | { readonly kind: 'Scalar'; readonly plan: PlanNode; readonly type: ScalarType }
  /** The first column of a tabular plan as a dynamic array (the right side of `in`), computed once per run. */
  | { readonly kind: 'ColumnValues'; readonly plan: PlanNode; readonly type: 'dynamic' }
  /** The whole input row as a property bag (pack_all). */
  | { readonly kind: 'Row'; readonly type: 'dynamic' }
  /**
   * Functions of the row order (serialized input): row_number(start), prev(x, offset, default),
   * next(x, offset, default), row_cumsum(x).
   */
  | {
      readonly kind: 'RowOrder';
      readonly fn: 'row_number' | 'prev' | 'next' | 'row_cumsum' | 'row_window_session';
      readonly args: readonly PlanExpr[];
      readonly type: ScalarType;
    };

/**
 * How the plan printer writes a call: `name(a, b)` (function), `a name b` (infix), `-a` (prefix),
 * `a name (b, c)` (list: `in`, `has_any`), `a name (b .. c)` (range: `between`), `a[b]` (member access).
 */
export type Notation = 'function' | 'infix' | 'prefix' | 'list' | 'range' | 'member';

/** What the printer shows of a call: the function or operator as written, and how. */
export interface CallLabel {
  readonly name: string;
  readonly notation: Notation;
  /**
   * Constant operands compiled into the implementation instead of passed to it (the items of a
   * constant `in` list, a regex pattern): the printer shows them after `args`.
   */
  readonly constants?: readonly PlanExpr[];
}

/** A call of a function or operator: `impl` over the values of `args`, labelled for the printer. */
export interface ApplyExpr extends CallLabel {
  readonly kind: 'Apply';
  readonly impl: ScalarImpl;
  readonly args: readonly PlanExpr[];
  readonly type: ScalarType;
}

// ── tabular plan ──────────────────────────────────────────────────────────

export interface NamedExpr {
  readonly name: string;
  readonly expr: PlanExpr;
}

export interface AggregateSpec {
  readonly name: string;
  /** The aggregate function's name (for the plan printer). */
  readonly fn: string;
  readonly binding: AggregateBinding;
  readonly args: readonly PlanExpr[];
}

/**
 * arg_max/arg_min: per group, the row where `by` is extreme; take_any with several columns or `*`:
 * the group's first row. The chosen row's `columns` are output.
 */
export interface ArgExtremeSpec {
  readonly which: 'max' | 'min' | 'any';
  readonly by: PlanExpr;
  /** Output name for the extremum value itself (arg_max/arg_min only). */
  readonly byName?: string;
  readonly columns: readonly NamedExpr[];
}

export interface SortSpec {
  readonly expr: PlanExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export type JoinKind =
  | 'inner' | 'innerunique' | 'leftouter' | 'rightouter' | 'fullouter'
  | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

interface Node<K extends string> {
  readonly kind: K;
  readonly schema: readonly ColumnSchema[];
  /** The source span of the operator this node came from (for runtime errors and traces). */
  readonly span?: Span;
}

export interface ScanNode extends Node<'Scan'> {
  readonly table: string;
  /** An absent table reads as empty instead of failing (watchlists that were not provided). */
  readonly optional?: boolean;
}
/** externaldata: rows come from a local file the user mapped to the URL, converted to the declared columns. */
export interface ExternalNode extends Node<'External'> { readonly uris: readonly string[] }
export interface ValuesNode extends Node<'Values'> { readonly table: Table }
export interface RangeNode extends Node<'Range'> { readonly from: PlanExpr; readonly to: PlanExpr; readonly step: PlanExpr }
export interface FilterNode extends Node<'Filter'> { readonly input: PlanNode; readonly predicate: PlanExpr }
/** Computes `columns` over the input rows; the output is exactly those columns, in order. */
export interface ProjectNode extends Node<'Project'> { readonly input: PlanNode; readonly columns: readonly NamedExpr[] }
export interface SummarizeNode extends Node<'Summarize'> {
  readonly input: PlanNode;
  readonly keys: readonly NamedExpr[];
  readonly aggregates: readonly AggregateSpec[];
  readonly extremes: readonly ArgExtremeSpec[];
  /** Output columns computed from the group row [keys..., aggregates..., extreme outputs...]. */
  readonly outputs: readonly NamedExpr[];
}
export interface SortNode extends Node<'Sort'> { readonly input: PlanNode; readonly keys: readonly SortSpec[] }
export interface TakeNode extends Node<'Take'> { readonly input: PlanNode; readonly count: PlanExpr }
/**
 * partition: the input's rows grouped by the key column (groups in order of first appearance); each
 * group is the Input `inputId` of one run of `subquery`; the results are concatenated.
 */
export interface PartitionNode extends Node<'Partition'> {
  readonly input: PlanNode;
  readonly key: number;
  readonly inputId: number;
  readonly subquery: PlanNode;
  /** The legacy strategy's limit on the number of partitions, when it applies. */
  readonly maxPartitions?: number;
}
/** sample: up to `count` rows chosen by the run's random source, kept in input order. */
export interface SampleNode extends Node<'Sample'> { readonly input: PlanNode; readonly count: PlanExpr }
export interface UnionNode extends Node<'Union'> {
  readonly inputs: readonly PlanNode[];
  /** For each input, the output column index of each of its columns. */
  readonly mappings: readonly (readonly number[])[];
  /** withsource: the name of the column that says which input a row came from, and each input's label. */
  readonly source?: { readonly labels: readonly string[] };
}
export interface JoinNode extends Node<'Join'> {
  readonly left: PlanNode;
  readonly right: PlanNode;
  readonly joinKind: JoinKind;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** Output columns: which side and which column index. */
  readonly outputs: readonly { readonly side: 'left' | 'right'; readonly index: number }[];
  /** lookup: a key column takes the right side's value when the left has none (not needed: left always has it). */
}
/** A window function of XQL's windowcomp: what each row gets from the rows of its partition. */
export type WindowFunction =
  | { readonly kind: 'lag' | 'lead'; readonly arg: PlanExpr; readonly offset: number }
  | { readonly kind: 'first_value' | 'last_value'; readonly arg: PlanExpr }
  | { readonly kind: 'rank' | 'row_number' }
  | { readonly kind: 'aggregate'; readonly binding: AggregateBinding; readonly args: readonly PlanExpr[] };

/**
 * windowcomp: rows partitioned by `partition`, ordered by `order`, each row given `fn` over its
 * partition (or the frame of rows around it); the rows keep their input order and fields, and the
 * result is the column `name` (appended, or replacing a field of that name).
 */
export interface WindowNode extends Node<'Window'> {
  readonly input: PlanNode;
  readonly partition: readonly PlanExpr[];
  readonly order: readonly SortSpec[];
  readonly fn: WindowFunction;
  /** Row offsets around the current row (null: unbounded); `range` measures them on the first order key. */
  readonly frame?: { readonly from: number | null; readonly to: number | null; readonly range: boolean };
  readonly name: string;
}
export interface MvExpandNode extends Node<'MvExpand'> {
  readonly input: PlanNode;
  /** Output column index → how it is produced: kept from input, or the nth expanded value. */
  readonly expansions: readonly { readonly expr: PlanExpr; readonly outIndex: number; readonly toType: ScalarType }[];
  readonly bagExpansion: 'bag' | 'array';
  readonly itemIndex?: number;
  readonly limit?: number;
  /** For each output column that is not an expansion: the input column index. */
  readonly passThrough: readonly { readonly outIndex: number; readonly inIndex: number }[];
}
export interface ParseNode extends Node<'Parse'> {
  readonly input: PlanNode;
  readonly source: PlanExpr;
  readonly matcher: (text: string) => (string | undefined)[] | undefined;
  /** The regex `matcher` runs (for the plan printer). */
  readonly pattern: string;
  readonly captures: readonly { readonly outIndex: number; readonly type: ScalarType }[];
  /** parse-where drops rows that do not match; parse keeps them with empty captures. */
  readonly dropUnmatched: boolean;
}
/**
 * The scan operator (`ScanNode` is the table scan). Its expressions read a scan row: the input
 * columns, then the declared columns, then for each step in order its state record (the input
 * columns and declared columns again), which `StepName.Column` refers to.
 */
export interface ScanStepsNode extends Node<'ScanSteps'> {
  readonly input: PlanNode;
  readonly declared: readonly { readonly name: string; readonly type: ScalarType; readonly default: Value }[];
  readonly steps: readonly ScanStepPlan[];
  readonly withMatchId: boolean;
}
export interface ScanStepPlan {
  readonly name: string;
  readonly output: 'all' | 'last' | 'none';
  readonly condition: PlanExpr;
  /** In order; `declared` is the index of the assigned column among the declared ones. */
  readonly assignments: readonly { readonly declared: number; readonly expr: PlanExpr }[];
}
/** parse-kv: each listed key's value, read from the source text, as a column of the key's type. */
export interface ParseKvNode extends Node<'ParseKv'> {
  readonly input: PlanNode;
  readonly source: PlanExpr;
  readonly syntax: KeyValueSyntax;
  /** The listed keys in order, each with its output column (a new one, or the input column it replaces). */
  readonly keys: readonly { readonly name: string; readonly type: ScalarType; readonly outIndex: number }[];
}
/** bag_unpack: each slot of the bag column becomes a column (found by probing the data at bind time). */
export interface BagUnpackNode extends Node<'BagUnpack'> {
  readonly input: PlanNode;
  readonly column: number;
  /** Input columns kept, by index, in output order; then one output column per slot. */
  readonly keep: readonly number[];
  readonly slots: readonly { readonly key: string; readonly type: ScalarType }[];
}
/** pivot: one output column per distinct value of the pivot column, holding the aggregate of its rows. */
export interface PivotNode extends Node<'Pivot'> {
  readonly input: PlanNode;
  readonly keys: readonly number[];
  readonly pivot: PlanExpr;
  /** The pivot column's distinct values, as the output columns' names, in output order. */
  readonly values: readonly string[];
  readonly aggregate: AggregateSpec;
}
/**
 * make-series: per group, each aggregate over the rows of each axis bin, as an array (bins without
 * rows hold the default); then the bins' start values as the axis column.
 */
export interface MakeSeriesNode extends Node<'MakeSeries'> {
  readonly input: PlanNode;
  readonly keys: readonly NamedExpr[];
  readonly aggregates: readonly (AggregateSpec & { readonly default: Value })[];
  readonly axis: PlanExpr;
  readonly from?: PlanExpr;
  readonly to?: PlanExpr;
  readonly step: PlanExpr;
  /** `in range(start, stop, step)`: the bin holding stop belongs to the series. */
  readonly inRange: boolean;
}
/** ipv4_lookup and ipv6_lookup: each row joined with the lookup rows whose range holds its address. */
export interface IpLookupNode extends Node<'IpLookup'> {
  readonly input: PlanNode;
  readonly lookup: PlanNode;
  readonly sourceKey: number;
  readonly lookupKey: number;
  /** Further equality keys: input column, lookup column. */
  readonly extraKeys: readonly (readonly [number, number])[];
  readonly returnUnmatched: boolean;
  /** Lookup columns appended to the input's, by index. */
  readonly lookupColumns: readonly number[];
  readonly family: 'ipv4' | 'ipv6';
  /** ipv4_is_in_range or ipv6_is_in_range (address, range), bound once. */
  readonly inRange: ScalarImpl;
}
/**
 * sequence_detect: per dimension group, every chain of rows, one per step in step order, later in
 * time than the one before by at most stepWindow, the whole chain within maxSpan.
 */
export interface SequenceDetectNode extends Node<'SequenceDetect'> {
  readonly input: PlanNode;
  /** The timeline column (datetime). */
  readonly timeline: number;
  readonly stepWindow: bigint;
  readonly maxSpan: bigint;
  /** The steps' boolean predicates, in step order. */
  readonly steps: readonly PlanExpr[];
  readonly dims: readonly NamedExpr[];
}
/** The implicit source of a subquery (mv-apply): a table the evaluator supplies by id. */
export interface InputNode extends Node<'Input'> { readonly id: number }
/** mv-apply: each input row's expanded items form a table, `subquery` runs on it, the results are unioned. */
export interface MvApplyNode extends Node<'MvApply'> {
  readonly input: PlanNode;
  readonly expansions: readonly { readonly expr: PlanExpr; readonly toType: ScalarType }[];
  readonly itemIndex: boolean;
  readonly limit?: number;
  readonly inputId: number;
  readonly subquery: PlanNode;
  /** The row's columns the subquery sees and the output keeps, by input index. */
  readonly keep: readonly number[];
  /** For each kept column, the subquery result column that replaces it, or -1. */
  readonly fromSubquery: readonly number[];
  /** The subquery's other result columns, appended. */
  readonly rest: readonly number[];
}
/** One top-nested clause: the groups of its key within each group the clauses before it kept. */
export interface TopNestedLevel {
  /** The `of` expression over the input rows. */
  readonly key: PlanExpr;
  /** How many key values to keep per parent group (a constant); absent: all of them. */
  readonly count?: PlanExpr;
  /** `with others = ConstExpr` (a constant, of the key's type): the key of the row of left-over rows. */
  readonly others?: PlanExpr;
  /** The aggregate calls of the aggregation; `value` reads their results as columns 0, 1, ... */
  readonly aggregates: readonly AggregateSpec[];
  readonly value: PlanExpr;
  /** The largest values are the top ones (`desc`, the default), or the smallest (`asc`). */
  readonly descending: boolean;
}
/** top-nested: per clause, a key column and an aggregate column; one row per path of kept groups. */
export interface TopNestedNode extends Node<'TopNested'> { readonly input: PlanNode; readonly levels: readonly TopNestedLevel[] }
/** Evaluated once per run and shared: `materialize()`, and every reference to one `let` table. */
export interface CacheNode extends Node<'Cache'> { readonly input: PlanNode; readonly id: number }

/**
 * fork and facet: the query returns several tables. Only ever the root of a plan; as a table it is its
 * first result, which is also its schema.
 */
export interface ResultsNode extends Node<'Results'> {
  readonly results: readonly { readonly name: string; readonly plan: PlanNode }[];
}

/**
 * make-graph's graph. It is not a table: only graph-match and graph-to-table take it as input (the
 * binder refuses anything else after make-graph), and their nodes hold it; its schema is empty.
 */
export interface MakeGraphNode extends Node<'MakeGraph'> {
  /** The edges: one per row, with the row's columns as properties. */
  readonly edges: PlanNode;
  readonly source: number;
  readonly target: number;
  /** The node tables: each row's `id` column names its node; `columns` maps its columns into `nodeSchema`. */
  readonly nodeTables: readonly { readonly plan: PlanNode; readonly id: number; readonly columns: readonly number[] }[];
  /** Node properties: the node tables' columns, merged by name. */
  readonly nodeSchema: readonly ColumnSchema[];
}
/** One element of a bound graph pattern: which match-row columns a named variable's properties fill. */
export interface GraphPatternNode {
  /** The variable name; anonymous nodes bind afresh each time. */
  readonly name?: string;
  /** Where its properties start in the match row (named variables only). */
  readonly offset?: number;
}
export interface GraphPatternEdge {
  readonly direction: 'right' | 'left' | 'any';
  readonly min: number;
  readonly max: number;
  /** Whether it is a variable-length edge: its properties are arrays, one value per edge of the path. */
  readonly variable: boolean;
  readonly offset?: number;
}
/**
 * graph-match's matches, one row each: for every named variable its properties (node variables:
 * the graph's node properties; edge variables: the edge columns). A Filter (where) and Project
 * (project) follow this node in the plan.
 */
export interface GraphMatchNode extends Node<'GraphMatch'> {
  readonly graph: MakeGraphNode;
  readonly sequences: readonly { readonly nodes: readonly GraphPatternNode[]; readonly edges: readonly GraphPatternEdge[] }[];
  /** unique_edges: no edge twice in a match; none: no node twice either (but a repeated variable); all: anything. */
  readonly cycles: 'unique_edges' | 'none' | 'all';
}
/** graph-to-table: the graph's nodes (with their properties) or edges (the edge rows) as a table. */
export interface GraphToTableNode extends Node<'GraphToTable'> {
  readonly graph: MakeGraphNode;
  readonly what: 'nodes' | 'edges';
}

export type PlanNode =
  | ScanNode | ValuesNode | RangeNode | FilterNode | ProjectNode | SummarizeNode | SortNode | TakeNode
  | UnionNode | JoinNode | MvExpandNode | ParseNode | ParseKvNode | CacheNode | ExternalNode | BagUnpackNode | PivotNode | InputNode | MvApplyNode | IpLookupNode | MakeSeriesNode
  | SequenceDetectNode | TopNestedNode | SampleNode | ResultsNode | PartitionNode | ScanStepsNode
  | MakeGraphNode | GraphMatchNode | GraphToTableNode | WindowNode;
