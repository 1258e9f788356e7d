/**
 * The implementations of KQL's operators (`==`, `has`, `+`, `in`, `between`, ...), chosen by the binder
 * from the operand types, like functions. Null rules: a comparison or arithmetic with a null operand
 * (of a non-string type) is null; `where` keeps only rows whose predicate is true.
 */
import { RE2JS } from 're2js';
import type { StringOp } from '../syntax/ast.js';
import { compareValues } from '../types/compare.js';
import { EPOCH_TICKS, inDatetimeRange } from '../types/datetime.js';
import { isNumeric, type ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';
import type { ScalarImpl } from './types.js';

// ── terms (has and friends) ───────────────────────────────────────────────

/** Letters and digits make terms; everything else separates them (also parse-kv's words). */
export function isTermChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/**
 * `has`: the needle occurs in the text aligned on term boundaries. A needle that starts (ends) with a
 * term character must not be preceded (followed) by one, so "tcp-fin" matches "reason=tcp-fin;" but
 * not "xtcp-fin"; an empty needle always matches.
 */
export function hasTerm(text: string, needle: string, kind: 'has' | 'prefix' | 'suffix', caseSensitive: boolean): boolean {
  if (needle.length === 0) return true;
  const hay = caseSensitive ? text : text.toLowerCase();
  const n = caseSensitive ? needle : needle.toLowerCase();
  const needBefore = kind !== 'suffix' && isTermChar(n.charCodeAt(0));
  const needAfter = kind !== 'prefix' && isTermChar(n.charCodeAt(n.length - 1));
  for (let i = hay.indexOf(n); i !== -1; i = hay.indexOf(n, i + 1)) {
    const before = i === 0 || !isTermChar(hay.charCodeAt(i - 1));
    const after = i + n.length === hay.length || !isTermChar(hay.charCodeAt(i + n.length));
    if ((!needBefore || before) && (!needAfter || after)) return true;
  }
  return false;
}

function stringPredicate(op: StringOp): ((a: string, b: string) => boolean) | undefined {
  const lower = (f: (a: string, b: string) => boolean) => (a: string, b: string) => f(a.toLowerCase(), b.toLowerCase());
  switch (op.replace(/^!/, '')) {
    case 'has': return (a, b) => hasTerm(a, b, 'has', false);
    case 'has_cs': return (a, b) => hasTerm(a, b, 'has', true);
    case 'hasprefix': return (a, b) => hasTerm(a, b, 'prefix', false);
    case 'hasprefix_cs': return (a, b) => hasTerm(a, b, 'prefix', true);
    case 'hassuffix': return (a, b) => hasTerm(a, b, 'suffix', false);
    case 'hassuffix_cs': return (a, b) => hasTerm(a, b, 'suffix', true);
    case 'contains': return lower((a, b) => a.includes(b));
    case 'contains_cs': return (a, b) => a.includes(b);
    case 'startswith': return lower((a, b) => a.startsWith(b));
    case 'startswith_cs': return (a, b) => a.startsWith(b);
    case 'endswith': return lower((a, b) => a.endsWith(b));
    case 'endswith_cs': return (a, b) => a.endsWith(b);
    default: return undefined;
  }
}

/** A string operator over two strings; the `!` forms negate. */
export function stringOperator(op: StringOp): ScalarImpl | undefined {
  const pred = stringPredicate(op);
  if (!pred) return undefined;
  if (op.startsWith('!')) return (args) => !pred(args[0] as string, args[1] as string);
  return (args) => pred(args[0] as string, args[1] as string);
}

/** `matches regex` with a constant pattern compiled once (RE2 syntax, search semantics). */
export function regexMatcher(pattern: string): ScalarImpl {
  const re = RE2JS.compile(pattern);
  return (args) => re.matcher(args[0] as string).find();
}

// ── comparison ────────────────────────────────────────────────────────────

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** Comparison of two values of the same type; null operands give null. */
export function comparison(op: CompareOp, type: ScalarType): ScalarImpl {
  const test = {
    '==': (c: number) => c === 0,
    '!=': (c: number) => c !== 0,
    '<': (c: number) => c < 0,
    '<=': (c: number) => c <= 0,
    '>': (c: number) => c > 0,
    '>=': (c: number) => c >= 0,
  }[op];
  if (type === 'string') {
    if (op === '==') return (a) => a[0] === a[1];
    if (op === '!=') return (a) => a[0] !== a[1];
    return (a) => test(compareValues(a[0], a[1], 'string'));
  }
  if (isNumeric(type) || type === 'datetime' || type === 'timespan') {
    return (a) => {
      const x = a[0];
      const y = a[1];
      if (x === null || y === null) return null;
      return test(x < y! ? -1 : x > y! ? 1 : x === y ? 0 : Number.NaN);
    };
  }
  return (a) => {
    if (a[0] === null || a[1] === null) return null;
    return test(compareValues(a[0], a[1], type));
  };
}

/** `=~` and `!~`: case-insensitive string equality. */
export function caseInsensitiveEquality(negated: boolean): ScalarImpl {
  return (a) => ((a[0] as string).toLowerCase() === (a[1] as string).toLowerCase()) !== negated;
}

// ── arithmetic ────────────────────────────────────────────────────────────

export type ArithOp = '+' | '-' | '*' | '/' | '%';

const isInteger = (t: ScalarType) => t === 'int' || t === 'long';

/**
 * Arithmetic between two numbers. Integer division truncates toward zero, as in Kusto, and integer
 * division or modulo by zero gives null; int results wrap to 32 bits.
 */
export function numericArithmetic(op: ArithOp, result: ScalarType): ScalarImpl {
  const integral = isInteger(result);
  const wrap = result === 'int' ? (n: number) => n | 0 : (n: number) => n;
  switch (op) {
    case '+': return (a) => (a[0] === null || a[1] === null ? null : wrap((a[0] as number) + (a[1] as number)));
    case '-': return (a) => (a[0] === null || a[1] === null ? null : wrap((a[0] as number) - (a[1] as number)));
    case '*': return (a) => (a[0] === null || a[1] === null ? null : wrap((a[0] as number) * (a[1] as number)));
    case '/':
      return (a) => {
        if (a[0] === null || a[1] === null) return null;
        const y = a[1] as number;
        if (integral) return y === 0 ? null : wrap(Math.trunc((a[0] as number) / y));
        return (a[0] as number) / y;
      };
    case '%':
      return (a) => {
        if (a[0] === null || a[1] === null) return null;
        const y = a[1] as number;
        if (integral && y === 0) return null;
        return (a[0] as number) % y;
      };
  }
}

/** Datetime and timespan arithmetic on ticks; the binder decides which combinations are legal. */
export function ticksArithmetic(op: ArithOp, left: ScalarType, right: ScalarType): ScalarImpl | undefined {
  const bothTicks = (left === 'datetime' || left === 'timespan') && (right === 'datetime' || right === 'timespan');
  if (bothTicks && (op === '+' || op === '-')) {
    return op === '+'
      ? (a) => (a[0] === null || a[1] === null ? null : (a[0] as bigint) + (a[1] as bigint))
      : (a) => (a[0] === null || a[1] === null ? null : (a[0] as bigint) - (a[1] as bigint));
  }
  if (left === 'timespan' && right === 'timespan' && op === '/') {
    return (a) => (a[0] === null || a[1] === null || a[1] === 0n ? null : Number(a[0] as bigint) / Number(a[1] as bigint));
  }
  if (left === 'timespan' && isNumeric(right) && (op === '*' || op === '/')) {
    return (a) => {
      if (a[0] === null || a[1] === null) return null;
      const t = Number(a[0] as bigint);
      const n = a[1] as number;
      const r = op === '*' ? t * n : t / n;
      return Number.isFinite(r) ? BigInt(Math.round(r)) : null;
    };
  }
  if (isNumeric(left) && right === 'timespan' && op === '*') {
    return (a) => (a[0] === null || a[1] === null ? null : BigInt(Math.round((a[0] as number) * Number(a[1] as bigint))));
  }
  if (left === 'timespan' && right === 'timespan' && op === '%') {
    return (a) => (a[0] === null || a[1] === null || a[1] === 0n ? null : (a[0] as bigint) % (a[1] as bigint));
  }
  return undefined;
}

/**
 * Arithmetic the official binder accepts on datetimes beyond the documented combinations
 * (`datetime / long`, `datetime % timespan`, `long * datetime`, `timespan * timespan`, ...): each
 * operand counts as its ticks, a datetime's counted from 0001-01-01 as tolong() reads them, and the
 * result's ticks (or, for a real result, the number) is converted back to `result`. Integer operands
 * keep exact tick arithmetic; a real operand makes it floating point, truncated back to ticks.
 */
export function tickCountArithmetic(op: ArithOp, left: ScalarType, right: ScalarType, result: ScalarType): ScalarImpl {
  const toCount = (type: ScalarType) => (v: Value): bigint | number =>
    type === 'datetime' ? (v as bigint) + EPOCH_TICKS : type === 'timespan' ? (v as bigint) : (v as number);
  const l = toCount(left);
  const r = toCount(right);
  const exact = [left, right].every((t) => t !== 'real' && t !== 'decimal') && result !== 'real';
  const fromCount = (n: bigint): Value => {
    if (result === 'timespan') return n;
    return inDatetimeRange(n - EPOCH_TICKS);
  };
  return (a) => {
    if (a[0] === null || a[1] === null) return null;
    const x = l(a[0]);
    const y = r(a[1]);
    if (exact) {
      const [bx, by] = [BigInt(x), BigInt(y)];
      if ((op === '/' || op === '%') && by === 0n) return null;
      const n = op === '+' ? bx + by : op === '-' ? bx - by : op === '*' ? bx * by : op === '/' ? bx / by : bx % by;
      return fromCount(n);
    }
    const [nx, ny] = [Number(x), Number(y)];
    const n = op === '+' ? nx + ny : op === '-' ? nx - ny : op === '*' ? nx * ny : op === '/' ? nx / ny : nx % ny;
    if (!Number.isFinite(n)) return null;
    return result === 'real' ? n : fromCount(BigInt(Math.trunc(n)));
  };
}

export function negate(type: ScalarType): ScalarImpl {
  if (type === 'timespan') return (a) => (a[0] === null ? null : -(a[0] as bigint));
  return (a) => (a[0] === null ? null : -(a[0] as number));
}

// ── membership ────────────────────────────────────────────────────────────

/**
 * `in`/`!in`/`in~`/`!in~` against a set fixed before the row loop. Sets hold the values in the left
 * operand's representation; case-insensitive sets hold lower-cased strings.
 */
export function membership(set: ReadonlySet<Value>, negated: boolean, caseInsensitive: boolean): ScalarImpl {
  if (caseInsensitive) return (a) => set.has((a[0] as string).toLowerCase()) !== negated;
  return (a) => {
    const v = a[0];
    if (v === null) return negated ? null : false;
    return set.has(v) !== negated;
  };
}

/**
 * `has_any` / `has_all` with constant terms. A term made only of term characters matches exactly a
 * whole term of the text (hasTerm needs a boundary on both sides), so such terms go in a set built
 * once, and each text is split into its terms once: a list of 100,000 terms costs one pass over the
 * text, not 100,000 searches. Other terms (`10.0.0.1`, `evil.com`, empty) are searched as `has` does.
 */
export function hasAnyAll(terms: readonly string[], all: boolean): ScalarImpl {
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const t of terms) {
    const lower = t.toLowerCase();
    if (lower.length > 0 && isWord(lower)) words.add(lower);
    else phrases.push(t);
  }
  const hasPhrase = (text: string, p: string) => hasTerm(text, p, 'has', false);
  if (!all) {
    return (a) => {
      const text = a[0] as string;
      return phrases.some((p) => hasPhrase(text, p)) || (words.size > 0 && someTerm(text.toLowerCase(), (w) => words.has(w)));
    };
  }
  return (a) => {
    const text = a[0] as string;
    if (!phrases.every((p) => hasPhrase(text, p))) return false;
    if (words.size === 0) return true;
    const found = new Set<string>();
    someTerm(text.toLowerCase(), (w) => words.has(w) && found.add(w).size === words.size);
    return found.size === words.size;
  };
}

function isWord(t: string): boolean {
  for (let i = 0; i < t.length; i++) if (!isTermChar(t.charCodeAt(i))) return false;
  return true;
}

/** Calls `test` on each maximal run of term characters of `text` until it returns true. */
function someTerm(text: string, test: (term: string) => boolean): boolean {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inTerm = i < text.length && isTermChar(text.charCodeAt(i));
    if (inTerm && start < 0) start = i;
    else if (!inTerm && start >= 0) {
      if (test(text.slice(start, i))) return true;
      start = -1;
    }
  }
  return false;
}

/** `between` is inclusive at both ends; null operands give null. */
export function between(negated: boolean, type: ScalarType): ScalarImpl {
  return (a) => {
    const [v, lo, hi] = a;
    if (v === null || lo === null || hi === null) return null;
    const inside = compareValues(v, lo, type) >= 0 && compareValues(v, hi, type) <= 0;
    return inside !== negated;
  };
}
