/**
 * parse-kv: checks the listed keys and the `with (...)` parameters, and resolves them into one of the
 * three documented forms (src/functions/key-values.ts reads the text):
 *
 *   with (pair_delimiter=..., kv_delimiter=... [, quote=...] [, escape=...] [, greedy=true])
 *   with ([quote=...] [, escape=...])            (or no `with`: delimiters inferred)
 *   with (regex=...)                             (two capturing groups: key, value)
 *
 * A combination outside these forms is refused by name (KX303): the page does not say what it means.
 */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { KeyValueSyntax, Quote } from '../../functions/key-values.js';
import { compileRegex, isRegexError } from '../../functions/regex.js';
import type { ParseKvNode, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import { bindExpr, convertTo, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';

const TEXT_PARAMETERS = ['pair_delimiter', 'kv_delimiter', 'quote', 'escape', 'regex'];
const PARAMETERS = [...TEXT_PARAMETERS, 'greedy'];
/** The page allows several quote pairs and several escape characters. */
const REPEATABLE = new Set(['quote', 'escape']);

export function bindParseKv(op: A.ParseKv, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const source = bindExpr(op.source, exprEnv(input.schema, scope, ctx));
  const keysOk = checkKeys(op.keys, ctx);
  const syntax = resolveSyntax(op, ctx);
  if (ctx.isError(source) || !keysOk || !syntax) return ctx.errorPlan();

  // A key named like an input column replaces that column in place, as parse and extend do.
  const schema: ColumnSchema[] = [...input.schema];
  const keys: ParseKvNode['keys'][number][] = op.keys.map((k) => {
    let outIndex = schema.findIndex((c) => c.name === k.name);
    if (outIndex < 0) outIndex = schema.push({ name: k.name, type: k.type }) - 1;
    else schema[outIndex] = { name: k.name, type: k.type };
    return { name: k.name, type: k.type, outIndex };
  });
  return { kind: 'ParseKv', input, source: convertTo(source, 'string'), syntax, keys, schema, span: op.span };
}

/** Each key at most once (the official binder reports a repeated key as an already declared column). */
function checkKeys(keys: readonly A.ColumnDecl[], ctx: BindContext): boolean {
  const seen = new Set<string>();
  let ok = true;
  for (const k of keys) {
    if (seen.has(k.name)) {
      ctx.report(diag.duplicateColumn(k.name, k.span));
      ok = false;
    }
    seen.add(k.name);
  }
  return ok;
}

interface Given {
  readonly pairDelimiter?: A.OperatorParam;
  readonly kvDelimiter?: A.OperatorParam;
  readonly regex?: A.OperatorParam;
  readonly greedy?: A.OperatorParam;
  readonly quotes: readonly A.OperatorParam[];
  readonly escapes: readonly A.OperatorParam[];
}

function resolveSyntax(op: A.ParseKv, ctx: BindContext): KeyValueSyntax | undefined {
  const given = readParameters(op.params, ctx);
  if (!given) return undefined;
  const { pairDelimiter, kvDelimiter, regex, greedy } = given;
  const refuse = (what: string, span: Span) => {
    ctx.report(diag.unsupportedFeature(`parse-kv ${what}`, span));
    return undefined;
  };

  if (regex) {
    const extra = op.params.find((p) => p !== regex);
    if (extra) return refuse(`'regex' with '${extra.name}' (regex takes no other parameter)`, extra.span);
    return regexSyntax(regex, ctx);
  }
  const quoting = quotingOf(given, ctx);
  if (!quoting) return undefined;
  if (!pairDelimiter && !kvDelimiter) {
    if (greedy) return refuse("'greedy' without 'pair_delimiter' and 'kv_delimiter'", greedy.span);
    return { mode: 'words', ...quoting };
  }
  if (!pairDelimiter || !kvDelimiter) {
    const [has, lacks] = pairDelimiter ? [pairDelimiter, 'kv_delimiter'] : [kvDelimiter!, 'pair_delimiter'];
    return refuse(`'${has.name}' without '${lacks}'`, has.span);
  }
  const pair = delimiterOf(pairDelimiter, ctx);
  const kv = delimiterOf(kvDelimiter, ctx);
  if (pair === undefined || kv === undefined) return undefined;
  if (pair === kv) {
    ctx.report(diag.invalidArgument('parse-kv pair_delimiter and kv_delimiter must differ', kvDelimiter.span));
    return undefined;
  }
  return { mode: 'delimited', pairDelimiter: pair, kvDelimiter: kv, greedy: greedy?.value === true, ...quoting };
}

/** The parameters by name, each checked for a known name, its repetition and the kind of its value. */
function readParameters(params: readonly A.OperatorParam[], ctx: BindContext): Given | undefined {
  let ok = true;
  const fail = (message: string, span: Span) => {
    ctx.report(diag.invalidArgument(message, span));
    ok = false;
  };
  const byName = new Map<string, A.OperatorParam[]>();
  for (const p of params) {
    if (!PARAMETERS.includes(p.name)) {
      fail(`unknown parse-kv parameter '${p.name}': expected one of ${PARAMETERS.join(', ')}`, p.span);
      continue;
    }
    const same = byName.get(p.name) ?? [];
    if (same.length > 0 && !REPEATABLE.has(p.name)) fail(`parse-kv parameter '${p.name}' is given more than once`, p.span);
    byName.set(p.name, [...same, p]);
    // A value of the wrong token kind was reported by the parser, and is null here.
    if (p.value === null) ok = false;
    else if (p.name === 'greedy' && typeof p.value !== 'boolean') fail("parse-kv parameter 'greedy' takes true or false", p.span);
    else if (TEXT_PARAMETERS.includes(p.name) && typeof p.value !== 'string') fail(`parse-kv parameter '${p.name}' takes a string literal`, p.span);
  }
  if (!ok) return undefined;
  const one = (name: string) => byName.get(name)?.[0];
  return {
    pairDelimiter: one('pair_delimiter'), kvDelimiter: one('kv_delimiter'), regex: one('regex'), greedy: one('greedy'),
    quotes: byName.get('quote') ?? [], escapes: byName.get('escape') ?? [],
  };
}

/** `quote='"'` opens and closes with one character, `quote='()'` opens with the first and closes with the second. */
function quotingOf(given: Given, ctx: BindContext): { quotes: Quote[]; escapes: string[] } | undefined {
  let ok = true;
  const quotes: Quote[] = [];
  for (const q of given.quotes) {
    const chars = [...(q.value as string)];
    if (chars.length < 1 || chars.length > 2) {
      ctx.report(diag.invalidArgument('parse-kv quote must be one character, or two (opening and closing)', q.span));
      ok = false;
    } else quotes.push({ open: chars[0]!, close: chars[1] ?? chars[0]! });
  }
  const escapes: string[] = [];
  for (const e of given.escapes) {
    const chars = [...(e.value as string)];
    if (chars.length !== 1) {
      ctx.report(diag.invalidArgument('parse-kv escape must be one character', e.span));
      ok = false;
    } else escapes.push(chars[0]!);
  }
  return ok ? { quotes, escapes } : undefined;
}

function delimiterOf(p: A.OperatorParam, ctx: BindContext): string | undefined {
  const text = p.value as string;
  if (text !== '') return text;
  ctx.report(diag.invalidArgument(`parse-kv ${p.name} must not be empty`, p.span));
  return undefined;
}

function regexSyntax(p: A.OperatorParam, ctx: BindContext): KeyValueSyntax | undefined {
  const pattern = p.value as string;
  const compiled = compileRegex(pattern);
  if (isRegexError(compiled)) {
    const prefix = `invalid regex '${pattern}': `;
    const reason = compiled.error.startsWith(prefix) ? compiled.error.slice(prefix.length) : compiled.error;
    ctx.report(diag.invalidRegex(pattern, reason, p.span));
    return undefined;
  }
  const groups = compiled.regex.groupCount;
  if (groups !== 2) {
    ctx.report(diag.invalidArgument(`the parse-kv regex must have exactly two capturing groups (key, value), not ${groups}`, p.span));
    return undefined;
  }
  return { mode: 'regex', regex: compiled.regex };
}
