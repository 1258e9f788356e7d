/** Turning literal tokens into values: string escapes, typed literals, and `int(null)`-style constructors. */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { parseDatetime } from '../../types/datetime.js';
import { parseTypeName } from '../../types/scalar-type.js';
import { parseTimespanText } from '../../types/timespan.js';
import type * as A from '../ast.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/**
 * The value of a string literal: `'..'`/`".."` with backslash escapes, verbatim `@'..'` with doubled
 * quotes, ```` ```..``` ```` multi-line, and the obfuscated `h'..'` forms (same value).
 * An unknown escape keeps its backslash (`"\d"` is `\d`), as regex patterns expect.
 */
export function decodeString(image: string): string {
  if (image.startsWith('```') || image.startsWith('~~~')) return image.slice(3, -3);
  let s = image;
  if (s[0] === 'h' || s[0] === 'H') s = s.slice(1);
  if (s[0] === '@') {
    const q = s[1]!;
    return s.slice(2, -1).split(q + q).join(q);
  }
  return s.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (whole, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? whole;
  });
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `datetime(2024-01-01)`, `time(1.02:03)`, `timespan(5m)`, `guid(...)` and their `(null)` forms. */
export function typedLiteral(image: string, span: Span, diagnostics: Diagnostic[]): A.Literal | A.Call {
  const open = image.indexOf('(');
  const word = image.slice(0, open).trim();
  // The text may also be quoted: `datetime('2009-01-01')`, as the official parser accepts.
  const content = image.slice(open + 1, -1).trim().replace(/^(["'])(.*)\1$/s, '$2').trim();
  const type = parseTypeName(word)!;
  const lit = (value: A.Literal['value']): A.Literal => ({ kind: 'Literal', type, value, span });
  if (content === 'null') return lit(null);
  // `datetime(now)` is written in some rules; Kusto reads it as the query's now().
  if (type === 'datetime' && content === 'now') return { kind: 'Call', name: 'now', nameSpan: span, args: [], argNames: [], span };
  let value: A.Literal['value'] | undefined;
  if (type === 'datetime') value = parseDatetime(content);
  else if (type === 'timespan') value = parseTimespanText(content);
  else if (GUID.test(content)) value = content.toLowerCase();
  if (value === undefined) {
    diagnostics.push(diag.invalidLiteral(content, type, span));
    return lit(null);
  }
  return lit(value);
}

const CONSTRUCTOR_TYPES = new Set(['int', 'long', 'real', 'double', 'decimal', 'bool', 'boolean', 'string']);

/**
 * `int(null)`, `long(5)`, `real(nan)`, `bool(true)`: literals written as calls. Returns undefined for
 * an ordinary call, so that `string(x)` on a non-constant stays a call the binder can refuse.
 */
export function typeConstructorLiteral(call: A.Call, diagnostics: Diagnostic[]): A.Literal | undefined {
  if (!CONSTRUCTOR_TYPES.has(call.name) || call.args.length !== 1) return undefined;
  const type = parseTypeName(call.name)!;
  const arg = call.args[0];
  if (!arg) return undefined; // left out by error recovery
  const lit = (value: A.Literal['value']): A.Literal => ({ kind: 'Literal', type, value, span: call.span });
  if (arg.kind === 'Name') {
    if (arg.name === 'null') return lit(type === 'string' ? '' : null);
    if (type === 'real' && arg.name === 'nan') return lit(Number.NaN);
    if (type === 'real' && arg.name === 'inf') return lit(Number.POSITIVE_INFINITY);
    return undefined;
  }
  if (arg.kind === 'Unary' && arg.operand?.kind === 'Name' && arg.operand.name === 'inf' && type === 'real') {
    return lit(Number.NEGATIVE_INFINITY);
  }
  if (arg.kind !== 'Literal') return undefined;
  const v = arg.value;
  if (type === 'bool') return typeof v === 'boolean' ? lit(v) : undefined;
  if (type === 'string') return typeof v === 'string' ? lit(v) : undefined;
  if (typeof v !== 'number') return undefined;
  if ((type === 'int' || type === 'long') && !Number.isInteger(v)) {
    diagnostics.push(diag.invalidLiteral(String(v), type, call.span));
    return lit(null);
  }
  return lit(type === 'int' ? v | 0 : v);
}

/** Operator words a KQL user might write that kqlx's grammar has no rule for: reported as unsupported, not unknown. */
const OTHER_OPERATORS = new Set(['externaldata', 'datatable', 'print', 'range', 'union']);

/** The operators that may follow `|`, for "did you mean" when a word there is none of them. */
export const PIPE_OPERATOR_NAMES: readonly string[] = [
  'as', 'consume', 'count', 'distinct', 'evaluate', 'extend', 'facet', 'filter', 'fork', 'getschema', 'graph-match',
  'graph-to-table', 'invoke', 'join', 'limit', 'lookup', 'make-graph', 'make-series', 'mv-apply', 'mv-expand', 'order',
  'parse', 'parse-kv', 'parse-where', 'partition', 'project', 'project-away', 'project-keep', 'project-rename',
  'project-reorder', 'render', 'sample', 'sample-distinct', 'scan', 'search', 'serialize', 'sort', 'summarize', 'take',
  'top', 'top-hitters', 'top-nested', 'union', 'where',
];

export function isPlainOperatorName(word: string): boolean {
  return OTHER_OPERATORS.has(word);
}
