/**
 * KQL as one language of kqlx: the chevrotain front end in syntax/kql/ and Kusto's rules for the
 * shared binder — the built-in function library, Kusto's implicit conversions for comparisons, and
 * its comparisons themselves (case-sensitive `==`; a null operand makes the result null).
 */
import { aggregates, MULTI_COLUMN_FUNCTIONS, refusedFunctions, scalarFunctions } from '../functions/index.js';
import * as ops from '../functions/operators.js';
import type { ArgInfo } from '../functions/types.js';
import type { Dialect } from '../semantics/dialect.js';
import { parseKql } from '../syntax/kql/parse.js';
import { isNumeric, type ScalarType, widerNumeric } from '../types/scalar-type.js';
import { isKustoFunction, isKustoPlugin } from './kql/kusto-names.js';
import type { Language } from './language.js';

/**
 * The common type two comparison operands are compared in, or undefined when Kusto rejects the pair.
 * As the official binder has it: numbers compare across widths; dynamic compares with anything (the
 * dynamic value is converted); a string compares with a number, bool or guid, but not with a datetime
 * or timespan. In a mixed pair the constant side is converted to the other side's type
 * (`DestinationPort == "443"` compares numbers); with no constant, text is converted to the other type.
 */
function comparisonType(l: ArgInfo, r: ArgInfo): ScalarType | undefined {
  const a = l.type;
  const b = r.type;
  if (a === b) return a;
  if (isNumeric(a) && isNumeric(b)) return widerNumeric(a, b);
  if (a === 'dynamic') return b;
  if (b === 'dynamic') return a;
  const textLike = (t: ScalarType) => isNumeric(t) || t === 'bool' || t === 'guid';
  if (a === 'string' && textLike(b)) return l.constant || !r.constant ? b : 'string';
  if (b === 'string' && textLike(a)) return r.constant || !l.constant ? a : 'string';
  return undefined;
}

export const kqlDialect: Dialect = {
  name: 'KQL',
  functions: {
    scalar: (name) => scalarFunctions.get(name),
    aggregate: (name) => aggregates.get(name),
    multiColumn: (name) => MULTI_COLUMN_FUNCTIONS.get(name),
    refused: (name) => {
      const reason = refusedFunctions.get(name);
      return reason !== undefined || isKustoFunction(name) ? { reason } : undefined;
    },
    isPlugin: isKustoPlugin,
    names: (kind) => (kind === 'scalar' ? scalarFunctions : aggregates).keys(),
  },
  comparisonType,
  comparison: (op, type) => ops.comparison(op, type),
  stringNulls: 'empty',
};

export const kql: Language = { name: 'KQL', parse: parseKql, dialect: kqlDialect };
