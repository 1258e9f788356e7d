/**
 * Arithmetic and ordering aggregates: sum(), sumif(), avg(), avgif(), min(), max(), minif(),
 * maxif(), binary_all_and(), binary_all_or(), binary_all_xor().
 *
 * Types (as Kusto types them):
 *   sum:  int/long → long, real → real, decimal → decimal, timespan → timespan, datetime → datetime
 *   avg:  int/long/real → real, decimal → decimal, timespan → timespan, datetime → datetime
 *   min/max: the argument's own type (numbers, datetime, timespan, string, bool)
 *   binary_all_*: int → int, long → long (64-bit two's complement)
 * Nulls are ignored everywhere. Defaults for a group with no values (the documented defaults of
 * summarize over an empty input): sum → 0, avg → NaN ("due to dividing by 0"; null for
 * timespan/datetime, which have no NaN), min/max/binary_all_* → null (empty string for strings).
 */
import type { Accumulator, AggregateBinding, AggregateFunction, ArgInfo, BindResult } from '../types.js';
import { compareValues } from '../../types/compare.js';
import { EPOCH_TICKS, inDatetimeRange } from '../../types/datetime.js';
import type { Value } from '../../types/value.js';
import { checkPredicate, error, isOrderable, isSummable, onlyWhere, prefixedName } from './common.js';

/** Builds a function and its `<name>if(expr, predicate)` twin from one accumulator factory. */
function withIf(
  name: string,
  bind: (fn: string, args: readonly ArgInfo[]) => BindResult<AggregateBinding>,
): AggregateFunction[] {
  const plain: AggregateFunction = {
    name,
    minArgs: 1,
    maxArgs: 1,
    defaultName: prefixedName(name),
    bind: (args) => bind(name, args),
  };
  const ifName = `${name}if`;
  const conditional: AggregateFunction = {
    name: ifName,
    minArgs: 2,
    maxArgs: 2,
    defaultName: prefixedName(ifName),
    bind(args) {
      const bad = checkPredicate(ifName, args, 1);
      if (bad) return error(bad);
      const r = bind(ifName, args);
      return 'error' in r ? r : { type: r.type, create: onlyWhere(r.create, 1) };
    },
  };
  return [plain, conditional];
}

// ── sum ────────────────────────────────────────────────────────────────────

function bindSum(fn: string, args: readonly ArgInfo[]): BindResult<AggregateBinding> {
  const t = args[0]!.type;
  if (!isSummable(t)) return error(`${fn}(): the value must be a number, timespan or datetime, not '${t}'`);
  if (t === 'timespan') {
    return {
      type: 'timespan',
      create(): Accumulator {
        let s = 0n;
        return {
          add(a) {
            if (a[0] !== null) s += a[0] as bigint;
          },
          result: () => s,
        };
      },
    };
  }
  if (t === 'datetime') {
    // Kusto adds the ticks since 0001-01-01; re-based on the Unix epoch that is Σt + (n−1)·offset.
    return {
      type: 'datetime',
      create(): Accumulator {
        let s = 0n;
        let n = 0n;
        return {
          add(a) {
            if (a[0] === null) return;
            s += a[0] as bigint;
            n++;
          },
          result: () => inDatetimeRange(s + (n - 1n) * EPOCH_TICKS),
        };
      },
    };
  }
  return {
    type: t === 'int' ? 'long' : t,
    create(): Accumulator {
      let s = 0;
      return {
        add(a) {
          if (a[0] !== null) s += a[0] as number;
        },
        result: () => s,
      };
    },
  };
}

// ── avg ────────────────────────────────────────────────────────────────────

function bindAvg(fn: string, args: readonly ArgInfo[]): BindResult<AggregateBinding> {
  const t = args[0]!.type;
  if (!isSummable(t)) return error(`${fn}(): the value must be a number, timespan or datetime, not '${t}'`);
  if (t === 'timespan' || t === 'datetime') {
    return {
      type: t,
      create(): Accumulator {
        let s = 0n;
        let n = 0n;
        return {
          add(a) {
            if (a[0] === null) return;
            s += a[0] as bigint;
            n++;
          },
          result() {
            if (n === 0n) return null;
            const q = s / n; // truncates toward zero, as .NET long division does
            // A datetime's ticks are positive in Kusto (counted from 0001-01-01), so its quotient
            // truncates downwards; re-based on the Unix epoch that is floor division.
            return t === 'datetime' && s % n !== 0n && s < 0n ? q - 1n : q;
          },
        };
      },
    };
  }
  return {
    type: t === 'decimal' ? 'decimal' : 'real',
    create(): Accumulator {
      let s = 0;
      let n = 0;
      return {
        add(a) {
          if (a[0] === null) return;
          s += a[0] as number;
          n++;
        },
        result: () => (n === 0 ? Number.NaN : s / n),
      };
    },
  };
}

// ── min / max ──────────────────────────────────────────────────────────────

function bindExtreme(sign: 1 | -1): (fn: string, args: readonly ArgInfo[]) => BindResult<AggregateBinding> {
  return (fn, args) => {
    const t = args[0]!.type;
    if (!isOrderable(t)) {
      return error(`${fn}(): the value must be orderable (a number, timespan, datetime, string or bool), not '${t}'`);
    }
    return {
      type: t,
      create(): Accumulator {
        let best: Value = null;
        return {
          add(a) {
            const v = a[0];
            if (v === null || v === undefined) return;
            if (best === null || sign * compareValues(v, best, t) > 0) best = v;
          },
          result: () => (best === null && t === 'string' ? '' : best),
        };
      },
    };
  };
}

// ── binary_all_and / or / xor ──────────────────────────────────────────────

type BitOp = 'and' | 'or' | 'xor';

function binaryAll(op: BitOp): AggregateFunction {
  const name = `binary_all_${op}`;
  const apply32 = (x: number, y: number): number => (op === 'and' ? x & y : op === 'or' ? x | y : x ^ y);
  const apply64 = (x: bigint, y: bigint): bigint => (op === 'and' ? x & y : op === 'or' ? x | y : x ^ y);
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    // Kusto names the result after the column itself (`binary_all_and(X)` → `X`); for any other
    // expression it gives the generic `Column1` (the binder numbers such columns).
    defaultName: (args) => args[0] ?? 'Column1',
    bind(args) {
      const t = args[0]!.type;
      if (t !== 'int' && t !== 'long') return error(`${name}(): the value must be int or long, not '${t}'`);
      if (t === 'int') {
        return {
          type: 'int',
          create(): Accumulator {
            let acc: number | null = null;
            return {
              add(a) {
                const v = a[0];
                if (typeof v !== 'number' || !Number.isFinite(v)) return;
                const x = Math.trunc(v) | 0;
                acc = acc === null ? x : apply32(acc, x);
              },
              result: () => acc,
            };
          },
        };
      }
      return {
        type: 'long',
        create(): Accumulator {
          let acc: bigint | null = null;
          return {
            add(a) {
              const v = a[0];
              if (typeof v !== 'number' || !Number.isFinite(v)) return;
              const x = BigInt.asIntN(64, BigInt(Math.trunc(v)));
              acc = acc === null ? x : apply64(acc, x);
            },
            result: () => (acc === null ? null : Number(acc)),
          };
        },
      };
    },
  };
}

export const numericFunctions: AggregateFunction[] = [
  ...withIf('sum', bindSum),
  ...withIf('avg', bindAvg),
  ...withIf('min', bindExtreme(-1)),
  ...withIf('max', bindExtreme(1)),
  binaryAll('and'),
  binaryAll('or'),
  binaryAll('xor'),
];
