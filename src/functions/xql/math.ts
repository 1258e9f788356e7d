/**
 * XQL's arithmetic functions (the *add*, *subtract*, *multiply*, *divide*, *round*, *floor* and
 * *pow* pages). add/subtract/multiply take integers, or strings holding integers; their result is
 * an integer when both arguments are, else a float. divide always gives a float: the *round* page's
 * example rounds a divide() result, which only means something for a fraction (docs/semantics.md).
 * round gives the nearest integer, halves away from zero, typed as an integer so to_string prints `2`.
 */
import type { ScalarType } from '../../types/scalar-type.js';
import { checkArgs } from '../scalar/conversion.js';
import type { ArgInfo, ScalarFunction } from '../types.js';
import { NUMERIC_OR_TEXT, numberOf } from './values.js';

/** Text arguments are documented as integers written as strings. */
function isIntegral(t: ScalarType): boolean {
  return t === 'int' || t === 'long' || t === 'string' || t === 'dynamic';
}

function binaryArith(name: string, op: (a: number, b: number) => number | null, alwaysReal = false): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args: readonly ArgInfo[]) {
      const bad = checkArgs(name, args, [NUMERIC_OR_TEXT, NUMERIC_OR_TEXT]);
      if (bad) return bad;
      const type: ScalarType = !alwaysReal && args.every((a) => isIntegral(a.type)) ? 'long' : 'real';
      return {
        type,
        impl: (a) => {
          const x = numberOf(a[0] ?? null);
          const y = numberOf(a[1] ?? null);
          if (x === null || y === null) return null;
          const r = op(x, y);
          return r === null || !Number.isFinite(r) ? null : r;
        },
      };
    },
  };
}

/** Nearest integer, halves away from zero. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function unaryToInteger(name: string, f: (x: number) => number): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args) {
      return checkArgs(name, args, [NUMERIC_OR_TEXT]) ?? {
        type: 'long',
        impl: (a) => {
          const x = numberOf(a[0] ?? null);
          return x === null ? null : f(x);
        },
      };
    },
  };
}

const pow: ScalarFunction = {
  name: 'pow',
  minArgs: 2,
  maxArgs: 2,
  bind(args) {
    return checkArgs('pow', args, [NUMERIC_OR_TEXT, NUMERIC_OR_TEXT]) ?? {
      type: 'real',
      impl: (a) => {
        const x = numberOf(a[0] ?? null);
        const y = numberOf(a[1] ?? null);
        if (x === null || y === null) return null;
        const r = x ** y;
        return Number.isFinite(r) ? r : null;
      },
    };
  },
};

export const xqlMathFunctions: ScalarFunction[] = [
  binaryArith('add', (a, b) => a + b),
  binaryArith('subtract', (a, b) => a - b),
  binaryArith('multiply', (a, b) => a * b),
  binaryArith('divide', (a, b) => (b === 0 ? null : a / b), true),
  unaryToInteger('round', roundHalfAway),
  unaryToInteger('floor', Math.floor),
  pow,
];
