/**
 * Cloud SIEM rule expressions as one language of kqlx: the front end in syntax/cse/ and the dialect
 * the shared binder binds them with — the rule functions (languages/cse/functions.ts), comparisons that
 * are case-sensitive and never true with a null operand ("null = \"foo\" // false", "null < 10 // false"),
 * LIKE as Cloud SIEM has it, and Java regular expressions refused by name where RE2 cannot run them.
 * An expression is analyzed as the one column of a projection over a named source,
 * `<source> | project value = <expression>`, so it binds against that source's fields (the rule's
 * records, or the threat indicators of hasThreatMatch's filter) and runs on the shared evaluator.
 */
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import * as ops from '../functions/operators.js';
import { compileRegex, isRegexError } from '../functions/regex.js';
import type { ArgInfo, ScalarFunction } from '../functions/types.js';
import type { Dialect } from '../semantics/dialect.js';
import type * as A from '../syntax/ast.js';
import { parseCseExpression } from '../syntax/cse/parse.js';
import { isNumeric, type ScalarType, widerNumeric } from '../types/scalar-type.js';
import { cseFunction, refusedCseFunction } from './cse/functions.js';
import { javaOnlyConstruct } from './cse/java-regex.js';
import { likeMatcher } from './cse/like.js';
import type { Language } from './language.js';

/** The name of the projected column holding an expression's value. */
export const VALUE_COLUMN = 'value';

/**
 * The type two operands compare in, as Spark SQL casts them: numbers across widths; text against a
 * number as a number (`dstPort = "445"`); a map value (`fields['x']`, dynamic) in the other side's type;
 * text against a boolean as text.
 */
function comparisonType(l: ArgInfo, r: ArgInfo): ScalarType | undefined {
  const [a, b] = [l.type, r.type];
  if (a === b) return a;
  if (isNumeric(a) && isNumeric(b)) return widerNumeric(a, b);
  if (a === 'dynamic') return b;
  if (b === 'dynamic') return a;
  if ((a === 'string' && isNumeric(b)) || (b === 'string' && isNumeric(a))) return 'real';
  if ((a === 'string' && b === 'bool') || (a === 'bool' && b === 'string')) return 'string';
  return undefined;
}

export interface CseLanguageOptions {
  /** The source an expression's fields come from. */
  readonly source: string;
  /** Functions of this run beside the catalogue's (hasThreatMatch over the loaded indicators). */
  readonly extraFunctions?: ReadonlyMap<string, ScalarFunction>;
  /** The source's field names, for names written in another letter case. */
  readonly fields?: readonly string[];
}

export function cseDialect(extra: ReadonlyMap<string, ScalarFunction> = new Map()): Dialect {
  return {
    name: 'Cloud SIEM',
    functions: {
      scalar: (name) => extra.get(name.toLowerCase()) ?? cseFunction(name),
      aggregate: () => undefined,
      multiColumn: () => undefined,
      refused: (name) => refusedCseFunction(name),
      isPlugin: () => false,
    },
    comparisonType,
    comparison: (op, type) => {
      const inner = ops.comparison(op, type);
      return (a, ctx) => (a[0] === null || a[1] === null ? false : inner(a, ctx) === true);
    },
    like: likeMatcher,
    // Records hold null strings: a field a record lacks is null, not '' ("null = \"foo\" // false").
    stringNulls: 'keep',
  };
}

/** Refusals the tree shows before binding: Java-only regular expression constructs. */
function javaRegexRefusals(e: A.Expr, out: Diagnostic[]): void {
  if (e.kind === 'Binary' && e.op === 'matches regex' && e.right.kind === 'Literal' && typeof e.right.value === 'string') {
    const construct = isRegexError(compileRegex(e.right.value)) ? javaOnlyConstruct(e.right.value) : undefined;
    if (construct) out.push(diag.cseJavaRegex(construct, e.right.span));
  }
  for (const child of Object.values(e)) {
    if (Array.isArray(child)) child.forEach((c) => c && typeof c === 'object' && 'kind' in c && javaRegexRefusals(c as A.Expr, out));
    else if (child && typeof child === 'object' && 'kind' in child) javaRegexRefusals(child as A.Expr, out);
  }
}

/**
 * `hasThreatMatch([fields], filter)`: the filter is over threat indicators, not the record, so it travels
 * to the function as its source text (a constant), and the function binds it against the indicators.
 */
function threatFilterAsText(e: A.Expr, text: string): A.Expr {
  const rewrite = (x: A.Expr): A.Expr => threatFilterAsText(x, text);
  switch (e.kind) {
    case 'Call': {
      const args = e.args.map(rewrite);
      if (e.name.toLowerCase() === 'hasthreatmatch' && args.length === 2) {
        const filter = e.args[1]!;
        args[1] = { kind: 'Literal', type: 'string', value: text.slice(filter.span.start, filter.span.end), span: filter.span };
      }
      return { ...e, args };
    }
    case 'Binary':
      return { ...e, left: rewrite(e.left), right: rewrite(e.right) };
    case 'Paren':
      return { ...e, inner: rewrite(e.inner) };
    case 'InList':
      return { ...e, left: rewrite(e.left), items: e.items.map(rewrite) };
    case 'Between':
      return { ...e, left: rewrite(e.left), low: rewrite(e.low), high: rewrite(e.high) };
    case 'Unary':
      return { ...e, operand: rewrite(e.operand) };
    default:
      return e;
  }
}

/**
 * Field names resolve without regard to case when no field has the name exactly, as Spark SQL
 * resolves columns (the catalog's MATCH-S00576 writes `commandline` for `commandLine`); a name that
 * matches several fields in another case is left for the binder to report.
 */
function resolveCase(e: A.Expr, fields: ReadonlyMap<string, string[]>, exact: ReadonlySet<string>): A.Expr {
  const again = (x: A.Expr) => resolveCase(x, fields, exact);
  switch (e.kind) {
    case 'Name': {
      if (exact.has(e.name)) return e;
      const candidates = fields.get(e.name.toLowerCase());
      return candidates?.length === 1 ? { ...e, name: candidates[0]! } : e;
    }
    case 'Call':
      return { ...e, args: e.args.map(again) };
    case 'Binary':
      return { ...e, left: again(e.left), right: again(e.right) };
    case 'Paren':
      return { ...e, inner: again(e.inner) };
    case 'InList':
      return { ...e, left: again(e.left), items: e.items.map(again) };
    case 'Between':
      return { ...e, left: again(e.left), low: again(e.low), high: again(e.high) };
    case 'Unary':
      return { ...e, operand: again(e.operand) };
    case 'Index':
      return { ...e, object: again(e.object), index: again(e.index) };
    case 'Member':
      return { ...e, object: again(e.object) };
    default:
      return e;
  }
}

function projection(source: string, expr: A.Expr): A.Block {
  const span = expr.span;
  const project = { kind: 'Project', keywordSpan: span, span, columns: [{ names: [VALUE_COLUMN], expr, span }] } as A.Project;
  const pipeline: A.Pipeline = { kind: 'Pipeline', source: { kind: 'Name', name: source, span }, operators: [project], span };
  return { kind: 'Block', statements: [{ kind: 'ExprStatement', expr: pipeline, span }], span } as A.Block;
}

export function cseLanguage(options: CseLanguageOptions): Language {
  const exact = new Set(options.fields ?? []);
  const byLower = new Map<string, string[]>();
  for (const f of exact) byLower.set(f.toLowerCase(), [...(byLower.get(f.toLowerCase()) ?? []), f]);
  return {
    name: 'Cloud SIEM',
    parse(text) {
      const { ast, diagnostics } = parseCseExpression(text);
      if (!ast) return { diagnostics };
      const refusals: Diagnostic[] = [];
      javaRegexRefusals(ast, refusals);
      if (refusals.length > 0) return { diagnostics: refusals };
      return { ast: projection(options.source, resolveCase(threatFilterAsText(ast, text), byLower, exact)), diagnostics };
    },
    dialect: cseDialect(options.extraFunctions),
  };
}
