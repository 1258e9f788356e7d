/**
 * The abstract syntax tree every front end produces (today only KQL's, in syntax/kql/) and the one binder
 * reads, whatever the language. Every node carries its span.
 * Operators record the keyword the user wrote (`filter` vs `where`) only where it matters for messages.
 */
import type { Span } from '../common/span.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';

// ── expressions ───────────────────────────────────────────────────────────

export interface Literal {
  readonly kind: 'Literal';
  readonly type: ScalarType;
  readonly value: Value;
  readonly span: Span;
  /**
   * XQL only: how a string was quoted. `"..."` is taken literally and its `*` is a wildcard in
   * `=`, `!=` and `in`; `"""..."""` had its escapes processed.
   */
  readonly quoting?: 'plain' | 'triple';
}

export interface NameRef {
  readonly kind: 'Name';
  readonly name: string;
  readonly span: Span;
}

export interface Call {
  readonly kind: 'Call';
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
  /** Parallel to args: the name of a `name = value` argument, if given. */
  readonly argNames: readonly (string | undefined)[];
  readonly span: Span;
}

export type BinaryOp =
  | 'or' | 'and'
  | '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~'
  | '+' | '-' | '*' | '/' | '%'
  | StringOp;

/** The string predicates, each with its negation and case-sensitive form. */
export type StringOp =
  | 'has' | '!has' | 'has_cs' | '!has_cs'
  | 'hasprefix' | '!hasprefix' | 'hasprefix_cs' | '!hasprefix_cs'
  | 'hassuffix' | '!hassuffix' | 'hassuffix_cs' | '!hassuffix_cs'
  | 'contains' | '!contains' | 'contains_cs' | '!contains_cs'
  | 'startswith' | '!startswith' | 'startswith_cs' | '!startswith_cs'
  | 'endswith' | '!endswith' | 'endswith_cs' | '!endswith_cs'
  | 'matches regex' | 'like' | '!like';

export interface Binary {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly opSpan: Span;
  readonly span: Span;
}

export type ListOp = 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';

export interface InList {
  readonly kind: 'InList';
  readonly op: ListOp;
  readonly left: Expr;
  /** Scalars, dynamic arrays, or one tabular expression. */
  readonly items: readonly Expr[];
  readonly opSpan: Span;
  readonly span: Span;
}

export interface Between {
  readonly kind: 'Between';
  readonly negated: boolean;
  readonly left: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly span: Span;
}

export interface Unary {
  readonly kind: 'Unary';
  readonly op: '-' | '+';
  readonly operand: Expr;
  readonly span: Span;
}

export interface Member {
  readonly kind: 'Member';
  readonly object: Expr;
  readonly name: string;
  readonly span: Span;
}

export interface Index {
  readonly kind: 'Index';
  readonly object: Expr;
  readonly index: Expr;
  readonly span: Span;
}

/** `*` as a function argument (`arg_max(T, *)`), a column wildcard, or every column (`* has "x"`). */
export interface Star {
  readonly kind: 'Star';
  readonly span: Span;
}

/** A tabular pipeline: a source followed by `| operator` stages. */
export interface Pipeline {
  readonly kind: 'Pipeline';
  readonly source: Expr;
  readonly operators: readonly Operator[];
  readonly span: Span;
}

export interface Paren {
  readonly kind: 'Paren';
  readonly inner: Expr;
  readonly span: Span;
}

/** Tabular sources that have their own syntax. */
export interface Datatable {
  readonly kind: 'Datatable';
  readonly columns: readonly ColumnDecl[];
  readonly values: readonly Expr[];
  readonly span: Span;
}

export interface Union {
  readonly kind: 'Union';
  readonly params: readonly OperatorParam[];
  readonly tables: readonly Expr[];
  readonly span: Span;
}

/**
 * `search [kind=...] [in (Tables)] Predicate`. The parser has already turned the search syntax (bare
 * terms, `Col:"term"`, `*`, kind=case_sensitive) into an ordinary predicate over the row.
 */
export interface Search {
  readonly kind: 'Search';
  /** `in (...)`: names, `Prefix*` wildcards, `*` or subqueries; absent means every table (or the piped input). */
  readonly tables?: readonly Expr[];
  readonly predicate: Expr;
  readonly span: Span;
}

/** `find [withsource=Col] [in (Tables)] where Predicate [project-smart | project ...]`. */
export interface Find {
  readonly kind: 'Find';
  readonly withSource?: string;
  readonly tables?: readonly Expr[];
  /** As search's: the term syntax is already ordinary expressions. */
  readonly predicate: Expr;
  /** Absent: project-smart. */
  readonly project?: FindProject;
  readonly span: Span;
}

/** find's `project Col[:type], ... [, pack_all()]`. */
export interface FindProject {
  readonly columns: readonly { readonly name: string; readonly type?: ScalarType; readonly span: Span }[];
  readonly packAll: boolean;
}

export interface Print {
  readonly kind: 'Print';
  readonly columns: readonly Assignment[];
  readonly span: Span;
}

export interface RangeSource {
  readonly kind: 'Range';
  readonly column: string;
  readonly from: Expr;
  readonly to: Expr;
  readonly step: Expr;
  readonly span: Span;
}

export interface ExternalData {
  readonly kind: 'ExternalData';
  readonly columns: readonly ColumnDecl[];
  readonly uris: readonly Expr[];
  readonly properties: readonly OperatorParam[];
  readonly span: Span;
}

/** A lambda: `(a:string, b:int = 5) { body }`, as `let` binds user-defined functions. */
export interface Lambda {
  readonly kind: 'Lambda';
  readonly params: readonly LambdaParam[];
  readonly body: Block;
  readonly span: Span;
}

export interface LambdaParam {
  readonly name: string;
  /** A scalar type, or a tabular schema (`T:(*)` has an empty, open schema). */
  readonly type: ScalarType | { readonly columns: readonly ColumnDecl[]; readonly open: boolean };
  readonly default?: Expr;
  readonly span: Span;
}

/** XQL's `ENUM.PROCESS`: a named value of an enumerated field. */
export interface EnumLiteral {
  readonly kind: 'Enum';
  readonly name: string;
  readonly span: Span;
}

/** One `config` setting of an XQL query: `case_sensitive = true`, `timeframe = 7d`, `timeframe between "a" and "b"`. */
export interface ConfigSetting {
  readonly name: string;
  readonly value: Value;
  /** The end of a `timeframe between ... and ...`. */
  readonly end?: Value;
  readonly span: Span;
}

/**
 * An XQL query's source: `dataset = x`, `dataset in (x, y)`, `cold_dataset = x`, `preset = x` or
 * `datamodel dataset = x`, with the `config` settings written before it. A query that names no source
 * reads the default dataset; `implicit` says so.
 */
export interface DatasetSource {
  readonly kind: 'Dataset';
  readonly form: 'dataset' | 'cold_dataset' | 'preset' | 'datamodel';
  readonly names: readonly { readonly name: string; readonly span: Span }[];
  readonly config: readonly ConfigSetting[];
  readonly implicit: boolean;
  readonly span: Span;
}

export type Expr =
  | Literal | NameRef | Call | Binary | InList | Between | Unary | Member | Index | Star
  | Pipeline | Paren | Datatable | Union | Search | Find | Print | RangeSource | ExternalData | Lambda
  | EnumLiteral | DatasetSource;

// ── operators ─────────────────────────────────────────────────────────────

export interface OperatorParam {
  readonly name: string;
  readonly value: Value;
  readonly span: Span;
}

/** `name = expr`, `(a, b) = expr`, or a bare `expr`. */
export interface Assignment {
  readonly names: readonly string[];
  readonly expr: Expr;
  readonly span: Span;
}

export interface ColumnDecl {
  readonly name: string;
  readonly type: ScalarType;
  readonly span: Span;
}

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
  readonly nulls?: 'first' | 'last';
  readonly span: Span;
}

export type JoinCondition =
  | { readonly kind: 'Same'; readonly name: string; readonly span: Span }
  | { readonly kind: 'Pair'; readonly left: string; readonly right: string; readonly span: Span };

export interface ParsePart {
  /** A literal delimiter, a `*` wildcard, or a named capture with an optional type. */
  readonly kind: 'text' | 'star' | 'column';
  readonly text?: string;
  readonly name?: string;
  readonly type?: ScalarType;
  readonly span: Span;
}

interface Op<K extends string> {
  readonly kind: K;
  readonly span: Span;
  /** The span of the operator keyword. */
  readonly keywordSpan: Span;
}

export interface Where extends Op<'Where'> { readonly predicate: Expr }
export interface Extend extends Op<'Extend'> { readonly columns: readonly Assignment[] }
export interface Project extends Op<'Project'> { readonly columns: readonly Assignment[] }
export interface ProjectAway extends Op<'ProjectAway'> { readonly patterns: readonly NamePattern[] }
export interface ProjectKeep extends Op<'ProjectKeep'> { readonly patterns: readonly NamePattern[] }
export interface ProjectRename extends Op<'ProjectRename'> {
  readonly renames: readonly { readonly to: string; readonly from: string; readonly span: Span }[];
}
export interface ProjectReorder extends Op<'ProjectReorder'> { readonly patterns: readonly NamePattern[] }
export interface Summarize extends Op<'Summarize'> {
  readonly params: readonly OperatorParam[];
  readonly aggregates: readonly Assignment[];
  readonly by: readonly Assignment[];
}
export interface Count extends Op<'Count'> { readonly as?: string }
export interface Distinct extends Op<'Distinct'> { readonly columns: readonly Expr[]; readonly all: boolean }
export interface Sort extends Op<'Sort'> { readonly keys: readonly SortKey[] }
export interface Take extends Op<'Take'> { readonly count: Expr }
export interface Top extends Op<'Top'> { readonly count: Expr; readonly key: SortKey }
export interface UnionOp extends Op<'UnionOp'> { readonly union: Union }
/** `T | search ...`: search over the piped input. */
export interface SearchOp extends Op<'SearchOp'> { readonly search: Search }
export interface Join extends Op<'Join'> {
  readonly params: readonly OperatorParam[];
  readonly right: Expr;
  readonly on: readonly JoinCondition[];
}
export interface Lookup extends Op<'Lookup'> {
  readonly params: readonly OperatorParam[];
  readonly right: Expr;
  readonly on: readonly JoinCondition[];
}
export interface MvExpand extends Op<'MvExpand'> {
  /** The deprecated `mvexpand` spelling, whose default row limit is 128. */
  readonly legacy: boolean;
  readonly params: readonly OperatorParam[];
  readonly columns: readonly { readonly assignment: Assignment; readonly toType?: ScalarType }[];
  readonly limit?: Expr;
}
/** mv-apply: expand like mv-expand, then run `subquery` (operators with an implicit source) on each row's items. */
export interface MvApply extends Op<'MvApply'> {
  readonly params: readonly OperatorParam[];
  readonly columns: readonly { readonly assignment: Assignment; readonly toType?: ScalarType }[];
  readonly limit?: Expr;
  readonly subquery: readonly Operator[];
}
/** make-series: aggregates per bin of an axis, as arrays; `from`/`to` or `in range(start, stop, step)`. */
export interface MakeSeries extends Op<'MakeSeries'> {
  readonly params: readonly OperatorParam[];
  readonly aggregates: readonly { readonly assignment: Assignment; readonly default?: Expr }[];
  readonly axis: Expr;
  readonly from?: Expr;
  readonly to?: Expr;
  readonly step: Expr;
  /** `in range(start, stop, step)`: stop is part of the series, where `to` is not. */
  readonly inRange: boolean;
  readonly by: readonly Assignment[];
}
export interface Parse extends Op<'Parse'> {
  readonly keyword: 'parse' | 'parse-where';
  readonly params: readonly OperatorParam[];
  readonly source: Expr;
  readonly parts: readonly ParsePart[];
}
/**
 * parse-kv: the listed keys' values, read from the text of `source`. The `with (...)` parameters
 * (delimiters, quotes, escapes, greedy, or a regex) choose how keys and values are found.
 */
export interface ParseKv extends Op<'ParseKv'> {
  readonly source: Expr;
  readonly keys: readonly ColumnDecl[];
  readonly params: readonly OperatorParam[];
}
export interface As extends Op<'As'> { readonly name: string }
export interface Serialize extends Op<'Serialize'> { readonly columns: readonly Assignment[] }
export interface Evaluate extends Op<'Evaluate'> { readonly plugin: Call; readonly params: readonly OperatorParam[] }
export interface Invoke extends Op<'Invoke'> { readonly call: Call }
export type GetSchema = Op<'GetSchema'>;
/**
 * partition: the input's rows split by the values of one column, `subquery` run on each part, the
 * results unioned. `(operators)` run on the part itself; `{ expression }` has its own source and sees
 * the part's key value under the column's name.
 */
export interface Partition extends Op<'Partition'> {
  readonly params: readonly OperatorParam[];
  readonly by: { readonly name: string; readonly span: Span };
  readonly subquery: Subquery | { readonly kind: 'WithSource'; readonly expr: Expr; readonly span: Span };
}
/** top-hitters: the `count` values of `of` with the most rows, or the largest sum of `by`. */
export interface TopHitters extends Op<'TopHitters'> {
  readonly count: Expr;
  readonly of: NameRef;
  readonly by?: Expr;
}
/** render: a visualization request for the client; the data pass through unchanged. */
export interface Render extends Op<'Render'> { readonly visualization: string }
/** sample: up to `count` rows picked at random. */
export interface Sample extends Op<'Sample'> { readonly count: Expr }
/** sample-distinct: up to `count` distinct values of `column`, picked at random. */
export interface SampleDistinct extends Op<'SampleDistinct'> { readonly count: Expr; readonly column: NameRef }
/** A fork leg or facet `with` clause: operators over the pipe's input, and the result's name when given. */
export interface Subquery {
  readonly name?: string;
  readonly operators: readonly Operator[];
  readonly span: Span;
}
/** fork: each leg runs on the same input; the query returns one table per leg. */
export interface Fork extends Op<'Fork'> { readonly legs: readonly Subquery[] }
/** facet: one table of value counts per column, and the `with` subquery's table first when given. */
export interface Facet extends Op<'Facet'> {
  readonly columns: readonly { readonly name: string; readonly span: Span }[];
  readonly with?: Subquery;
}
/** One `top-nested [N] of Expr [with others = ConstExpr] by Aggregation [asc|desc]` clause. */
export interface TopNestedLevel {
  /** Absent: every distinct value is kept. */
  readonly count?: Expr;
  readonly key: Assignment;
  readonly others?: Expr;
  readonly aggregation: Assignment;
  readonly descending: boolean;
  readonly span: Span;
}
/** top-nested: hierarchical top-N, each clause refining the groups the clause before it selected. */
export interface TopNested extends Op<'TopNested'> { readonly levels: readonly TopNestedLevel[] }
/** A column scan adds to its input: `Name:Type [= Default]`. */
export interface ScanDeclaration {
  readonly name: string;
  readonly type: ScalarType;
  readonly default?: Expr;
  readonly span: Span;
}
/** One `step Name [output=all|last|none]: Condition [=> Column = Expr, ...];` of scan. */
export interface ScanStep {
  readonly name: string;
  readonly nameSpan: Span;
  readonly output: 'all' | 'last' | 'none';
  readonly condition: Expr;
  readonly assignments: readonly Assignment[];
  readonly span: Span;
}
/** scan: records matched against a sequence of steps, each step keeping the state of the match it holds. */
export interface Scan extends Op<'Scan'> {
  readonly matchId?: { readonly name: string; readonly span: Span };
  readonly declarations: readonly ScanDeclaration[];
  readonly steps: readonly ScanStep[];
}
/** An operator kqlx recognises by name but does not run: parsed by skipping to the next `|`. */
export interface Unsupported extends Op<'Unsupported'> { readonly name: string }

/** make-graph: the pipe's rows are the edges, from `source` to `target`; each `with` table adds node properties. */
export interface MakeGraph extends Op<'MakeGraph'> {
  readonly source: { readonly name: string; readonly span: Span };
  readonly target: { readonly name: string; readonly span: Span };
  readonly nodes: readonly { readonly table: Expr; readonly id: { readonly name: string; readonly span: Span } }[];
}
/** A node of a graph pattern, `(n)` or `()`. */
export interface GraphNodePattern {
  readonly name?: string;
  readonly span: Span;
}
/** An edge of a graph pattern: `-[e]->`, `<--`, `--`, `-[e*1..3]-` ...; `hops` only for a variable-length edge. */
export interface GraphEdgePattern {
  readonly name?: string;
  readonly direction: 'right' | 'left' | 'any';
  readonly hops?: { readonly min: number; readonly max: number };
  readonly span: Span;
}
/** `(a)-[e]->(b)...`: nodes[i] and nodes[i + 1] are joined by edges[i]. */
export interface GraphSequence {
  readonly nodes: readonly GraphNodePattern[];
  readonly edges: readonly GraphEdgePattern[];
  readonly span: Span;
}
export interface GraphMatch extends Op<'GraphMatch'> {
  readonly params: readonly OperatorParam[];
  readonly pattern: readonly GraphSequence[];
  readonly where?: Expr;
  readonly project: readonly Assignment[];
  readonly projectSpan: Span;
}
/** One part of graph-to-table: `nodes` or `edges`, its `as` name and its `with_*_id=` parameters. */
export interface GraphTablePart {
  readonly what: 'nodes' | 'edges';
  readonly as?: string;
  readonly params: readonly OperatorParam[];
  readonly span: Span;
}
export interface GraphToTable extends Op<'GraphToTable'> { readonly parts: readonly GraphTablePart[] }

// ── XQL stages that no KQL operator means ─────────────────────────────────

/** `fields [-] a [as x], b*`: the listed fields in order (wildcards allowed), or all but them. */
export interface Fields extends Op<'Fields'> {
  readonly exclude: boolean;
  readonly items: readonly { readonly pattern: string; readonly alias?: string; readonly span: Span }[];
}
/** `dedup a, b [by asc|desc f]`: one row per distinct combination, the first under the `by` order. */
export interface Dedup extends Op<'Dedup'> { readonly columns: readonly NameRef[]; readonly by?: SortKey }
/**
 * `join [type = inner|left|right] [conflict_strategy = right|left|both] (subquery) as name condition`:
 * the condition is any boolean expression over both sides, the right side's fields written `name.field`.
 */
export interface XqlJoin extends Op<'XqlJoin'> {
  readonly params: readonly OperatorParam[];
  readonly right: Pipeline;
  readonly alias: { readonly name: string; readonly span: Span };
  readonly condition: Expr;
}
/** `bin f span = 1h [timeshift = n] [timezone = "tz"]` or `bin f bins = n`: values replaced by their bucket. */
export interface Bin extends Op<'Bin'> { readonly column: NameRef; readonly params: readonly OperatorParam[] }
/** `replacenull f = "text"`. */
export interface ReplaceNull extends Op<'ReplaceNull'> { readonly column: NameRef; readonly value: Expr }
/** `windowcomp fn(f) [by a, b] [sort asc|desc c] [between n|null and n|null [frame_type = range]] as alias`. */
export interface WindowComp extends Op<'WindowComp'> {
  readonly call: Call;
  readonly by: readonly NameRef[];
  readonly sort: readonly SortKey[];
  readonly frame?: { readonly from: number | null; readonly to: number | null; readonly range: boolean; readonly span: Span };
  readonly alias: { readonly name: string; readonly span: Span };
}
/** `transaction a, b [span = 1h] [startswith = cond endswith = cond] [allowunclosed = b] [maxevents = n]`. */
export interface Transaction extends Op<'Transaction'> {
  readonly fields: readonly NameRef[];
  readonly params: readonly OperatorParam[];
  readonly startsWith?: Expr;
  readonly endsWith?: Expr;
}
/** `top [n] f, g [by h, i] [top_count as a] [top_percent as b]`: the most frequent value combinations. */
export interface XqlTop extends Op<'XqlTop'> {
  readonly count?: number;
  readonly fields: readonly NameRef[];
  readonly by: readonly NameRef[];
  readonly countAlias?: string;
  readonly percentAlias?: string;
}
/** `tag add "t1", "t2"`: values appended to the `_tag` system field. */
export interface Tag extends Op<'Tag'> { readonly tags: readonly string[] }

export interface NamePattern {
  /** A column name, or a wildcard pattern such as `Device*`. */
  readonly pattern: string;
  readonly descending?: boolean;
  readonly span: Span;
}

export type Operator =
  | Where | Extend | Project | ProjectAway | ProjectKeep | ProjectRename | ProjectReorder
  | Summarize | Count | Distinct | Sort | Take | Top | UnionOp | SearchOp | Join | Lookup | MvExpand | MvApply | MakeSeries
  | Parse | ParseKv | As | Serialize | Evaluate | Invoke | GetSchema | TopNested | Render | Partition | TopHitters | Sample | SampleDistinct | Fork | Facet | Scan
  | MakeGraph | GraphMatch | GraphToTable | Unsupported
  | Fields | Dedup | XqlJoin | Bin | ReplaceNull | WindowComp | Transaction | XqlTop | Tag;

// ── statements ────────────────────────────────────────────────────────────

export interface LetStatement {
  readonly kind: 'Let';
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: Expr;
  readonly span: Span;
}

export interface SetStatement {
  readonly kind: 'Set';
  readonly name: string;
  readonly value?: Value;
  readonly span: Span;
}

export interface DeclareParameters {
  readonly kind: 'DeclareParameters';
  readonly params: readonly LambdaParam[];
  readonly span: Span;
}

export interface ExprStatement {
  readonly kind: 'ExprStatement';
  readonly expr: Expr;
  readonly span: Span;
}

export type Statement = LetStatement | SetStatement | DeclareParameters | ExprStatement;

/** A lambda body or a whole query: statements, the last of which gives the value. */
export interface Block {
  readonly kind: 'Block';
  readonly statements: readonly Statement[];
  readonly span: Span;
}
