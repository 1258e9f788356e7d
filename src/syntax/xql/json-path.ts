/**
 * `field -> a.b` is XQL's shorthand for json_extract_scalar(field, "$.a.b"); `-> a[]` for
 * json_extract_array and `-> a{}` for json_extract (the json_extract functions' pages). The parser
 * turns it into the call, so the functions alone define what it means.
 */
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../ast.js';
import { cover } from '../token-spans.js';

export type PathStep =
  | { readonly kind: 'key'; readonly name: string; readonly span: Span }
  | { readonly kind: 'index'; readonly index: number; readonly span: Span }
  | { readonly kind: 'array' | 'object'; readonly span: Span };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function jsonPathCall(object: A.Expr, steps: readonly PathStep[], arrow: Span, diagnostics: Diagnostic[]): A.Call {
  const last = steps[steps.length - 1];
  const ending = last?.kind === 'array' || last?.kind === 'object' ? last.kind : undefined;
  let path = '$';
  for (const [i, s] of steps.entries()) {
    if (s.kind === 'key') path += PLAIN_KEY.test(s.name) ? `.${s.name}` : `['${s.name}']`;
    else if (s.kind === 'index') path += `[${s.index}]`;
    else if (i !== steps.length - 1) diagnostics.push(diag.invalidJsonPath(`'${s.kind === 'array' ? '[]' : '{}'}' may only end the path`, s.span));
  }
  const name = ending === 'array' ? 'json_extract_array' : ending === 'object' ? 'json_extract' : 'json_extract_scalar';
  const pathSpan = cover(...steps.map((s) => ({ span: s.span })));
  const pathLiteral: A.Literal = { kind: 'Literal', type: 'string', value: path, quoting: 'triple', span: pathSpan };
  return { kind: 'Call', name, nameSpan: arrow, args: [object, pathLiteral], argNames: [undefined, undefined], span: cover(object, pathLiteral) };
}
