/**
 * How Kusto names a column nobody named, read off the official binder:
 *   a column keeps its name; `d.x`, `d['k']`, `d[0]` become `d_x`, `d_k`, `d_0`;
 *   conversions and bin (`tostring(x)`, `bin(t, 1h)`) take their first argument's name;
 *   a few functions prefix it (`strlen(a)` → `strlen_a`); anything else is `Column1`, `Column2`, ...
 */
import type * as A from '../syntax/ast.js';

/**
 * How each function names an unnamed result, as the official binder's ResultNameKind says
 * (test/oracle/naming.test.ts compares this table with it). Functions not listed get `ColumnN`.
 */
const FIRST_ARGUMENT = new Set([
  'split', 'tostring', 'tohex', 'todynamic', 'toobject', 'tolong', 'toint', 'toreal', 'todouble', 'todatetime',
  'totimespan', 'totime', 'tobool', 'toboolean', 'todecimal', 'toguid', 'parse_csv', 'parsejson', 'parse_json',
  'parse_xml', 'format_datetime', 'format_timespan', 'startofday', 'bin', 'floor', 'bin_at', 'bin_auto', 'binary_and',
  'binary_or', 'binary_xor', 'binary_not', 'binary_shift_right', 'binary_shift_left', 'bitset_count_ones',
  'series_fir', 'series_outliers', 'series_iir', 'series_fill_backward', 'series_fill_forward', 'series_fill_const',
  'series_fill_linear', '__hll_normalize', 'round', 'ceiling', 'pow', 'sqrt', 'log', 'log2', 'log10', 'exp', 'exp2', 'exp10', 'cos', 'sin',
  'tan', 'acos', 'asin', 'atan', 'atan2', 'abs', 'rand', 'gamma', 'loggamma', 'erf', 'erfc', 'format_bytes',
]);
/** `<function>_<first argument>`. */
const NAME_AND_FIRST_ARGUMENT = new Set(['strlen', 'string_size', 'percentile_tdigest', 'dcount_hll']);
/** `<prefix>_<first argument>`. */
const PREFIX_AND_FIRST_ARGUMENT: Record<string, string> = {
  gettype: 'type', treepath: 'tree', repeat: 'repeat', percentiles_array_tdigest: 'percentile_tdigest',
};
/** The argument's name when there is exactly one argument. */
const ONLY_ARGUMENT = new Set(['make_datetime', 'make_timespan']);
/** A fixed name. */
const PREFIX_ONLY: Record<string, string> = {
  tdigest_merge: 'tdigests_merge_result', merge_tdigest: 'tdigests_merge_result', hll_merge: 'hll_merged_result',
  ingestion_time: '$IngestionTime',
};

/** The official naming tables, exported for the oracle test. */
export const RESULT_NAME_KINDS = { FIRST_ARGUMENT, NAME_AND_FIRST_ARGUMENT, PREFIX_AND_FIRST_ARGUMENT, ONLY_ARGUMENT, PREFIX_ONLY };

export function expressionName(e: A.Expr): string | undefined {
  switch (e.kind) {
    case 'Name':
      return e.name;
    case 'Paren':
      return expressionName(e.inner);
    case 'Member': {
      const base = expressionName(e.object);
      return base === undefined ? undefined : `${base}_${e.name}`;
    }
    case 'Index': {
      const base = expressionName(e.object);
      const key = e.index.kind === 'Literal' ? String(e.index.value) : undefined;
      return base === undefined || key === undefined ? undefined : `${base}_${key}`;
    }
    case 'Call': {
      const first = e.args[0];
      if (PREFIX_ONLY[e.name] !== undefined) return PREFIX_ONLY[e.name];
      if (!first) return undefined;
      // column_ifexists('Name', default): named after the column when it is a constant.
      if (e.name === 'column_ifexists' || e.name === 'columnifexists') return first.kind === 'Literal' ? String(first.value) : undefined;
      const inner = expressionName(first);
      if (inner === undefined) return undefined;
      if (FIRST_ARGUMENT.has(e.name)) return inner;
      if (NAME_AND_FIRST_ARGUMENT.has(e.name)) return `${e.name}_${inner}`;
      if (PREFIX_AND_FIRST_ARGUMENT[e.name] !== undefined) return `${PREFIX_AND_FIRST_ARGUMENT[e.name]}_${inner}`;
      if (ONLY_ARGUMENT.has(e.name) && e.args.length === 1) return inner;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Hands out `Column1`, `Column2`, ... (or `print_0`, ... for print) for unnamed columns of one operator. */
export class ColumnNamer {
  private n = 0;
  constructor(private readonly style: 'column' | 'print' = 'column') {}

  next(position: number): string {
    if (this.style === 'print') return `print_${position}`;
    return `Column${++this.n}`;
  }
}

/** `name`, or `name1`, `name2`, ... when taken: how Kusto resolves clashing output names. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) if (!taken.has(`${name}${i}`)) return `${name}${i}`;
}
