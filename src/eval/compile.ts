/**
 * Compiles a plan expression, once per input table, into a closure over the table's columns:
 * `(row) => value`. No source text is generated; closures keep the hot loop free of dispatch on
 * node kinds.
 */
import type { PlanExpr } from '../plan/nodes.js';
import { type Column, GatherColumn, NumberColumn, StringColumn, TicksColumn } from '../table/column.js';
import type { Table } from '../table/table.js';
import { toDynamic } from '../types/convert.js';
import type { Dynamic, Value } from '../types/value.js';
import type { RunState } from './state.js';

export type RowFn = (row: number) => Value;

/** Runs a tabular plan; injected by run.ts so this module does not import the executor. */
export type PlanRunner = (node: import('../plan/nodes.js').PlanNode, state: RunState) => Table;

export function compileExpr(e: PlanExpr, input: Table, state: RunState, runPlan: PlanRunner): RowFn {
  switch (e.kind) {
    case 'Const': {
      const v = e.value;
      return () => v;
    }
    case 'Column':
      return readColumn(input.columns[e.index]!);
    case 'Apply': {
      if (e.args[0]?.kind === 'Apply' && e.args[0].args[0]?.kind === 'Apply') return compileApplyChain(e, input, state, runPlan);
      const impl = e.impl;
      const ctx = state.ctx;
      const fns = e.args.map((a) => compileExpr(a, input, state, runPlan));
      const args: Value[] = new Array(fns.length);
      switch (fns.length) {
        case 0:
          return () => impl(args, ctx);
        case 1: {
          const [f0] = fns as [RowFn];
          return (r) => {
            args[0] = f0(r);
            return impl(args, ctx);
          };
        }
        case 2: {
          const [f0, f1] = fns as [RowFn, RowFn];
          return (r) => {
            args[0] = f0(r);
            args[1] = f1(r);
            return impl(args, ctx);
          };
        }
        default:
          return (r) => {
            for (let i = 0; i < fns.length; i++) args[i] = fns[i]!(r);
            return impl(args, ctx);
          };
      }
    }
    case 'Logic': {
      const fns = e.args.map((a) => compileExpr(a, input, state, runPlan));
      // Three-valued logic: false wins an `and`, true wins an `or`, otherwise null is contagious.
      if (e.op === 'and') {
        return (r) => {
          let sawNull = false;
          for (const f of fns) {
            const v = f(r);
            if (v === false) return false;
            if (v === null) sawNull = true;
          }
          return sawNull ? null : true;
        };
      }
      return (r) => {
        let sawNull = false;
        for (const f of fns) {
          const v = f(r);
          if (v === true) return true;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : false;
      };
    }
    case 'Scalar': {
      const table = subquery(e.plan, state, runPlan);
      const v = table.rowCount > 0 && table.columns.length > 0 ? table.columns[0]!.get(0) : null;
      return () => v;
    }
    case 'ColumnValues': {
      const table = subquery(e.plan, state, runPlan);
      const col = table.columns[0];
      const type = table.schema[0]?.type ?? 'dynamic';
      const values: Dynamic[] = [];
      if (col) for (let i = 0; i < table.rowCount; i++) values.push(toDynamic(col.get(i), type));
      return () => values;
    }
    case 'RowOrder':
      return compileRowOrder(e, input, state, runPlan);
    case 'Row': {
      const cols = input.columns;
      const schema = input.schema;
      return (r) => {
        const bag: Record<string, Dynamic> = {};
        cols.forEach((c, i) => (bag[schema[i]!.name] = toDynamic(c.get(r), schema[i]!.type)));
        return bag;
      };
    }
  }
}

type Apply = Extract<PlanExpr, { kind: 'Apply' }>;

/**
 * `x + y + z ...`: calls whose first argument is another call, as deep as the chain is long. The chain
 * is compiled with a loop, into one closure that applies each call in turn, so neither compiling nor
 * running it recurses once per link.
 */
function compileApplyChain(top: Apply, input: Table, state: RunState, runPlan: PlanRunner): RowFn {
  const links: Apply[] = [];
  let first: PlanExpr = top;
  while (first.kind === 'Apply' && first.args.length > 0) {
    links.push(first);
    first = first.args[0]!;
  }
  links.reverse();
  const start = compileExpr(first, input, state, runPlan);
  const ctx = state.ctx;
  const impls = links.map((l) => l.impl);
  const rest = links.map((l) => l.args.slice(1).map((a) => compileExpr(a, input, state, runPlan)));
  const argArrays = links.map((l) => new Array<Value>(l.args.length));
  return (r) => {
    let v = start(r);
    for (let k = 0; k < impls.length; k++) {
      const args = argArrays[k]!;
      const fns = rest[k]!;
      args[0] = v;
      for (let i = 0; i < fns.length; i++) args[i + 1] = fns[i]!(r);
      v = impls[k]!(args, ctx);
    }
    return v;
  };
}

/**
 * A column read specialised for its store, so the row loop indexes the typed array itself: a loaded
 * column, or one a filter or sort gathered (its row list read first). Numbers and ticks get closures of
 * their own, so each read site sees one kind of array.
 */
function readColumn(col: Column): RowFn {
  if (col instanceof GatherColumn) {
    const rows = col.rows;
    const base = col.base;
    if (base instanceof StringColumn) {
      const { data, nulls } = base;
      if (nulls === null) return (r) => data[rows[r]!]!;
      return (r) => {
        const i = rows[r]!;
        return nulls[i] ? null : data[i]!;
      };
    }
    if (base instanceof NumberColumn) {
      const { data, nulls } = base;
      if (nulls === null) return (r) => data[rows[r]!]!;
      return (r) => {
        const i = rows[r]!;
        return nulls[i] ? null : data[i]!;
      };
    }
    if (base instanceof TicksColumn) {
      const { data, nulls } = base;
      if (nulls === null) return (r) => data[rows[r]!]!;
      return (r) => {
        const i = rows[r]!;
        return nulls[i] ? null : data[i]!;
      };
    }
    return (r) => base.get(rows[r]!);
  }
  if (col instanceof StringColumn) {
    const { data, nulls } = col;
    if (nulls === null) return (r) => data[r]!;
    return (r) => (nulls[r] ? null : data[r]!);
  }
  if (col instanceof NumberColumn) {
    const { data, nulls } = col;
    if (nulls === null) return (r) => data[r]!;
    return (r) => (nulls[r] ? null : data[r]!);
  }
  if (col instanceof TicksColumn) {
    const { data, nulls } = col;
    if (nulls === null) return (r) => data[r]!;
    return (r) => (nulls[r] ? null : data[r]!);
  }
  return (r) => col.get(r);
}

function subquery(plan: import('../plan/nodes.js').PlanNode, state: RunState, runPlan: PlanRunner): Table {
  let t = state.subqueries.get(plan);
  if (!t) {
    t = runPlan(plan, state);
    state.subqueries.set(plan, t);
  }
  return t;
}

/**
 * Row-order functions read other rows of the input in its current order. prev/next take an offset
 * (default 1) and a default value for rows outside the table; row_cumsum sums from the first row.
 */
function compileRowOrder(e: Extract<PlanExpr, { kind: 'RowOrder' }>, input: Table, state: RunState, runPlan: PlanRunner): RowFn {
  const fns = e.args.map((a) => compileExpr(a, input, state, runPlan));
  const n = input.rowCount;
  switch (e.fn) {
    case 'row_number': {
      const start = fns[0] ? (fns[0](0) as number | null) ?? 1 : 1;
      return (r) => r + start;
    }
    case 'prev':
    case 'next': {
      const [value, offsetFn, defaultFn] = fns as [RowFn, RowFn | undefined, RowFn | undefined];
      const offset = offsetFn ? ((offsetFn(0) as number | null) ?? 1) : 1;
      const step = e.fn === 'prev' ? -offset : offset;
      return (r) => {
        const at = r + step;
        return at >= 0 && at < n ? value(at) : defaultFn ? defaultFn(r) : null;
      };
    }
    case 'row_window_session': {
      // A session starts at a row farther than maxFromFirst from the session's first value, or
      // farther than maxBetween from the previous row's, or where `restart` is true; each row gets
      // its session's first value.
      const [value, fromFirst, between, restart] = fns as [RowFn, RowFn, RowFn, RowFn | undefined];
      let starts: Value[] | undefined;
      return (r) => {
        if (!starts) {
          starts = new Array(n);
          let first: bigint | number | null = null;
          let prev: bigint | number | null = null;
          const maxFirst = fromFirst(0) as bigint | number | null;
          const maxBetween = between(0) as bigint | number | null;
          for (let i = 0; i < n; i++) {
            const v = value(i) as bigint | number | null;
            if (v === null) {
              starts[i] = null;
              continue;
            }
            const far = (a: bigint | number, b: bigint | number, max: bigint | number | null) =>
              max !== null && (typeof a === 'bigint' ? (a as bigint) - (b as bigint) > (max as bigint) : (a as number) - (b as number) > (max as number));
            const restarts = restart !== undefined && restart(i) === true;
            if (first === null || restarts || far(v, first, maxFirst) || (prev !== null && far(v, prev, maxBetween))) first = v;
            prev = v;
            starts[i] = first;
          }
        }
        return starts[r] ?? null;
      };
    }
    case 'row_cumsum': {
      const value = fns[0]!;
      let sums: (number | null)[] | undefined;
      return (r) => {
        if (!sums) {
          sums = new Array(n);
          let acc = 0;
          for (let i = 0; i < n; i++) {
            const v = value(i);
            if (typeof v === 'number') acc += v;
            sums[i] = acc;
          }
        }
        return sums[r] ?? null;
      };
    }
  }
}
