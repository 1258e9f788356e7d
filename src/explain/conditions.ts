/**
 * A filter conjunct read as a condition on one field: the field, the operator (its positive form), the
 * constant values, and whether it excludes (a negated operator, `not(...)`, `f(x) == false`) or selects.
 * Read from the bound plan, so the values are the ones the rule really compares against.
 */
import { IPV4_PRIVATE_RANGES } from '../functions/scalar/ip.js';
import type { PlanExpr } from '../plan/nodes.js';
import { printExpr } from '../plan/print-expr.js';

export interface Condition {
  readonly field: string;
  /** The operator in its positive form (`in`, `has`, `between`, `==`, `ipv4_is_private`). */
  readonly kind: string;
  readonly values: readonly string[];
  readonly negated: boolean;
}

/** What a boolean function of one field is true for, where it is a fixed set (so `f(x) == false` excludes it). */
const FUNCTION_SETS: Readonly<Record<string, readonly string[]>> = {
  ipv4_is_private: IPV4_PRIVATE_RANGES,
};

/** A constant's value as plain text (strings without quotes). */
function valueText(e: PlanExpr, row: readonly string[]): string | undefined {
  if (e.kind === 'Const') {
    if (typeof e.value === 'string') return e.value;
    if (typeof e.value === 'number') return String(e.value);
    return printExpr(e, { row, subquery: () => 'subquery' });
  }
  // A constant converted by the binder (toint(49512)) is still a constant.
  if (e.kind === 'Apply' && e.notation === 'function' && e.args.length === 1 && e.args[0]!.kind === 'Const') return valueText(e.args[0]!, row);
  return undefined;
}

/** The field a condition tests: a column, or a column under a conversion (tostring(x)). */
export function fieldOf(e: PlanExpr, row: readonly string[]): string | undefined {
  if (e.kind === 'Column') return row[e.index];
  if (e.kind === 'Apply' && e.notation === 'function' && e.args.length === 1 && /^to/.test(e.name)) return fieldOf(e.args[0]!, row);
  return undefined;
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '=~', '!~']);
const NEGATED_COMPARISON: Record<string, string> = { '!=': '==', '!~': '=~' };

export function readCondition(e: PlanExpr, row: readonly string[]): Condition | undefined {
  if (e.kind !== 'Apply') return undefined;
  // not(inner)
  if (e.name === 'not' && e.notation === 'function' && e.args.length === 1) {
    const inner = readCondition(e.args[0]!, row);
    return inner && { ...inner, negated: !inner.negated };
  }
  const [subject, ...rest] = [...e.args, ...(e.constants ?? [])];
  if (!subject) return undefined;
  // f(x) == false / f(x) == true, for a boolean function of one field.
  if ((e.name === '==' || e.name === '!=') && rest.length === 1 && rest[0]!.kind === 'Const' && typeof rest[0]!.value === 'boolean'
    && subject.kind === 'Apply' && subject.notation === 'function' && subject.args.length === 1) {
    const field = fieldOf(subject.args[0]!, row);
    if (field === undefined) return undefined;
    const truth = (rest[0]!.value as boolean) === (e.name === '==');
    return { field, kind: subject.name, values: FUNCTION_SETS[subject.name] ?? [], negated: !truth };
  }
  // A test of one field by a function with no other operands: isnotempty(x), isnull(x). It selects rows.
  if (e.notation === 'function' && rest.length === 0) {
    const field = fieldOf(subject, row);
    if (field === undefined) return undefined;
    return { field, kind: e.name, values: [], negated: false };
  }
  if (e.notation !== 'infix' && e.notation !== 'list' && e.notation !== 'range') return undefined;
  if (e.notation === 'infix' && !COMPARISONS.has(e.name) && !/^!?[a-z_~]+$/.test(e.name)) return undefined;
  const field = fieldOf(subject, row);
  const values = rest.map((x) => valueText(x, row));
  if (field === undefined || values.some((v) => v === undefined)) return undefined;
  const negated = e.name.startsWith('!');
  const kind = NEGATED_COMPARISON[e.name] ?? (negated ? e.name.slice(1) : e.name);
  return { field, kind, values: values as string[], negated };
}
