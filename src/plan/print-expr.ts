/**
 * Bound expressions written back as text for the plan printer: column names, constants as KQL
 * literals, calls by the names the binder recorded. The text is for people (it names implicit
 * conversions and folded constants as the plan holds them), not meant to be parsed again.
 */
import type { ColumnSchema } from '../table/table.js';
import { dynamicToJson, formatReal } from '../types/convert.js';
import { formatDatetime } from '../types/datetime.js';
import type { ScalarType } from '../types/scalar-type.js';
import { formatTimespan } from '../types/timespan.js';
import type { Dynamic, Value } from '../types/value.js';
import type { ApplyExpr, PlanExpr, PlanNode } from './nodes.js';

/** What an expression's column indexes and subquery plans are shown as. */
export interface ExprContext {
  /** The text of each column of the row the expression reads, by index. */
  readonly row: readonly string[];
  /** The label of a subquery plan (`subquery 1`), under which the printer shows it. */
  readonly subquery: (plan: PlanNode) => string;
}

/** A column name as written in a query: bare when it is an identifier, `['...']` otherwise. */
export function identifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** The names of a schema's columns, as an expression row. */
export function rowOf(schema: readonly ColumnSchema[]): string[] {
  return schema.map((c) => identifier(c.name));
}

/** A constant as a KQL literal of its type. */
export function literal(value: Value, type: ScalarType): string {
  if (value === null) return `${type}(null)`;
  switch (type) {
    case 'string':
      return JSON.stringify(value);
    case 'bool':
      return value ? 'true' : 'false';
    case 'long':
      return formatReal(value as number);
    case 'real': {
      const text = formatReal(value as number);
      return /^-?\d+$/.test(text) ? `${text}.0` : text;
    }
    case 'int':
    case 'decimal':
      return `${type}(${formatReal(value as number)})`;
    case 'datetime':
      return `datetime(${formatDatetime(value as bigint)})`;
    case 'timespan':
      return `timespan(${formatTimespan(value as bigint)})`;
    case 'guid':
      return `guid(${value as string})`;
    case 'dynamic':
      return `dynamic(${dynamicToJson(value as Dynamic)})`;
  }
}

export function printExpr(e: PlanExpr, cx: ExprContext): string {
  switch (e.kind) {
    case 'Column':
      return cx.row[e.index] ?? `#${e.index}`;
    case 'Const':
      return literal(e.value, e.type);
    case 'Apply':
      return printApply(e, cx);
    case 'Logic':
      // Comparisons bind tighter than `and`/`or`; only a nested and/or of the other kind needs parentheses.
      return e.args.map((a) => (a.kind === 'Logic' && a.op !== e.op ? `(${printExpr(a, cx)})` : printExpr(a, cx))).join(` ${e.op} `);
    case 'Scalar':
      return `toscalar(${cx.subquery(e.plan)})`;
    case 'ColumnValues':
      return cx.subquery(e.plan);
    case 'Row':
      return 'pack_all()';
    case 'RowOrder':
      return `${e.fn}(${e.args.map((a) => printExpr(a, cx)).join(', ')})`;
  }
}

function printApply(e: ApplyExpr, cx: ExprContext): string {
  const all = [...e.args, ...(e.constants ?? [])];
  const [first, ...rest] = all;
  const list = (xs: readonly PlanExpr[]) => xs.map((x) => printExpr(x, cx)).join(', ');
  switch (e.notation) {
    case 'function':
      return `${e.name}(${list(all)})`;
    case 'prefix':
      return `${e.name}${operand(first!, cx)}`;
    case 'infix':
      return `${operand(first!, cx)} ${e.name} ${operand(rest[0]!, cx)}`;
    case 'list':
      return `${operand(first!, cx)} ${e.name} (${list(rest)})`;
    case 'range':
      return `${operand(first!, cx)} ${e.name} (${printExpr(rest[0]!, cx)} .. ${printExpr(rest[1]!, cx)})`;
    case 'member':
      return `${operand(first!, cx)}[${printExpr(rest[0]!, cx)}]`;
  }
}

/** An operand of an operator: parenthesized when it is itself written with an operator. */
function operand(e: PlanExpr, cx: ExprContext): string {
  const text = printExpr(e, cx);
  const compound = e.kind === 'Logic' || (e.kind === 'Apply' && e.notation !== 'function' && e.notation !== 'member');
  return compound ? `(${text})` : text;
}
