/**
 * How Kusto names a column nobody named, read off the official binder:
 *   a column keeps its name; `d.x`, `d['k']`, `d[0]` become `d_x`, `d_k`, `d_0`;
 *   conversions and bin (`tostring(x)`, `bin(t, 1h)`) take their first argument's name;
 *   a few functions prefix it (`strlen(a)` → `strlen_a`); anything else is `Column1`, `Column2`, ...
 */
import { scalarFunctions } from '../functions/index.js';
import type * as A from '../syntax/ast.js';

/** Functions whose unnamed result is `<name>_<first argument>`. */
const NAME_AND_FIRST_ARGUMENT = new Set(['strlen', 'countof', 'isempty', 'isnotempty', 'isnull', 'isnotnull', 'array_length']);

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
      if (!first) return undefined;
      if (NAME_AND_FIRST_ARGUMENT.has(e.name)) {
        const inner = expressionName(first);
        return inner === undefined ? undefined : `${e.name}_${inner}`;
      }
      if (scalarFunctions.get(e.name)?.resultName === 'firstArgument' || e.name === 'column_ifexists') {
        return e.name === 'column_ifexists' && first.kind === 'Literal' ? String(first.value) : expressionName(first);
      }
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
