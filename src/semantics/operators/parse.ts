/**
 * parse and parse-where. The pattern becomes one RE2 regex: text parts match literally (kind=simple)
 * or as regex (kind=regex); a column captures lazily up to the next text part, the last one greedily.
 * Typed columns capture only text of their type (kind=relaxed: any text, null when it does not
 * convert). Unmatched rows get empty/null captures (parse) or are dropped (parse-where).
 */
import { RE2JS } from 're2js';
import { diag } from '../../diagnostics/catalog.js';
import type { PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { bindExpr, convertTo, exprEnv } from '../bind-expr.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';

const TYPE_PATTERNS: Partial<Record<ScalarType, string>> = {
  int: '-?\\d+',
  long: '-?\\d+',
  real: '-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?',
  decimal: '-?\\d+(?:\\.\\d+)?',
  bool: '(?i:true|false)',
};

export function bindParse(op: A.Parse, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const kind = String(op.params.find((p) => p.name === 'kind')?.value ?? 'simple');
  const flags = String(op.params.find((p) => p.name === 'flags')?.value ?? '');
  if (kind !== 'simple' && kind !== 'regex' && kind !== 'relaxed') {
    ctx.report(diag.unsupportedFeature(`parse kind=${kind}`, op.keywordSpan));
    return ctx.errorPlan();
  }
  const source = bindExpr(op.source, exprEnv(input.schema, scope, ctx));
  if (ctx.isError(source)) return ctx.errorPlan();

  let pattern = '';
  const columns: { name: string; type: ScalarType }[] = [];
  op.parts.forEach((part, i) => {
    if (part.kind === 'text') {
      pattern += kind === 'regex' ? part.text! : RE2JS.quote(part.text!);
    } else if (part.kind === 'star') {
      pattern += kind === 'regex' ? '.*?' : '.*?';
    } else {
      const type = part.type ?? 'string';
      const last = op.parts.slice(i + 1).every((p) => p.kind !== 'text');
      // kind=relaxed: a typed column takes whatever stands there and is null when it is not of its type.
      const body = (kind === 'relaxed' ? undefined : TYPE_PATTERNS[type]) ?? (last ? '.*' : '.*?');
      pattern += `(${body})`;
      columns.push({ name: part.name!, type });
    }
  });
  let re: RE2JS;
  try {
    const reFlags = (flags.includes('i') || flags.includes('U') ? 0 : 0) | (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0);
    re = RE2JS.compile(`^(?:${pattern})`, reFlags);
  } catch (err) {
    ctx.report(diag.invalidRegex(pattern, (err as Error).message, op.span));
    return ctx.errorPlan();
  }
  const groups = columns.length;
  const matcher = (text: string) => {
    const m = re.matcher(text);
    if (!m.find()) return undefined;
    const out: (string | undefined)[] = [];
    for (let g = 1; g <= groups; g++) out.push(m.group(g) ?? undefined);
    return out;
  };
  const schema: ColumnSchema[] = [...input.schema];
  const captures = columns.map((c) => {
    let outIndex = schema.findIndex((s) => s.name === c.name);
    if (outIndex < 0) {
      outIndex = schema.length;
      schema.push({ name: c.name, type: c.type });
    } else schema[outIndex] = { name: c.name, type: c.type };
    return { outIndex, type: c.type };
  });
  return {
    kind: 'Parse', input, source: convertTo(source, 'string'), matcher, pattern: re.pattern(), captures,
    dropUnmatched: op.keyword === 'parse-where', schema, span: op.span,
  };
}
