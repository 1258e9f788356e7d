/**
 * XQL (Cortex XDR / XSIAM) as one language of kqlx: the chevrotain front end in syntax/xql/ (its
 * surface forms lowered onto the shared AST by syntax/xql/lower.ts), the XQL function library, and
 * XQL's rules for the shared binder: how comparison operands meet, and what `=` means — `*` in a
 * string constant is a wildcard, and a comparison with a null value is null (never true).
 * Case folding and `= null` are lowered before binding (see lower.ts).
 */
import * as ops from '../functions/operators.js';
import type { ArgInfo, ScalarImpl } from '../functions/types.js';
import { xqlAggregates, xqlRefusedFunctions, xqlScalarFunctions } from '../functions/xql/index.js';
import type { Dialect } from '../semantics/dialect.js';
import { lowerQuery } from '../syntax/xql/lower.js';
import { parseXql } from '../syntax/xql/parse.js';
import { isNumeric, type ScalarType, widerNumeric } from '../types/scalar-type.js';
import type { Language } from './language.js';

/**
 * The type two operands are compared in. Numbers compare across widths; a dynamic value takes the
 * other side's type; a string constant meets a number, bool or timestamp in that type (a CSV-typed
 * field against `"443"`), and a string field meets a number constant as text.
 */
function comparisonType(l: ArgInfo, r: ArgInfo): ScalarType | undefined {
  const a = l.type;
  const b = r.type;
  if (a === b) return a;
  if (isNumeric(a) && isNumeric(b)) return widerNumeric(a, b);
  if (a === 'dynamic') return b;
  if (b === 'dynamic') return a;
  const convertible = (t: ScalarType) => isNumeric(t) || t === 'bool' || t === 'datetime';
  if (a === 'string' && convertible(b)) return l.constant ? b : 'string';
  if (b === 'string' && convertible(a)) return r.constant ? a : 'string';
  return undefined;
}

/** `*` in a string constant matches any run of characters (the filter and Supported operators pages). */
function wildcardMatcher(pattern: string): (text: string) => boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);
  return (text) => re.test(text);
}

function stringEquality(op: '==' | '!=', right: ArgInfo): ScalarImpl {
  const pattern = right.constant?.value;
  const equal = op === '==';
  if (typeof pattern === 'string' && pattern.includes('*')) {
    const matches = wildcardMatcher(pattern);
    return (a) => (typeof a[0] === 'string' ? matches(a[0]) === equal : null);
  }
  return (a) => (typeof a[0] === 'string' && typeof a[1] === 'string' ? (a[0] === a[1]) === equal : null);
}

export const xqlDialect: Dialect = {
  name: 'XQL',
  functions: {
    scalar: (name) => xqlScalarFunctions.get(name),
    aggregate: (name) => xqlAggregates.get(name),
    multiColumn: () => undefined,
    refused: (name) => (xqlRefusedFunctions.has(name) ? { reason: xqlRefusedFunctions.get(name) } : undefined),
    isPlugin: () => false,
  },
  comparisonType,
  // `field = null` needs strings that can be null.
  stringNulls: 'keep',
  comparison: (op, type, operands) => {
    if (type === 'string' && (op === '==' || op === '!=')) return stringEquality(op, operands[1]);
    const compare = ops.comparison(op, type);
    // A null operand never makes a comparison true, whatever the type.
    return (a, ctx) => (a[0] === null || a[1] === null ? null : compare(a, ctx));
  },
};

export const xql: Language = {
  name: 'XQL',
  parse(text) {
    const { ast, diagnostics } = parseXql(text);
    return { ast: ast && lowerQuery(ast), diagnostics };
  },
  dialect: xqlDialect,
};
