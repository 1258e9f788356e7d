/** dcount_hll(): the distinct count a sketch from hll(), hll_if() or hll_merge() stands for. */
import { hllCardinality } from '../aggregate/hll.js';
import type { ScalarFunction } from '../types.js';
import { type ArgSpec, fixed } from './conversion.js';

const SKETCH: ArgSpec = { test: (t) => t === 'dynamic', expected: 'a dynamic (a sketch from hll() or hll_merge())' };

const dcountHll: ScalarFunction = {
  name: 'dcount_hll',
  minArgs: 1,
  maxArgs: 1,
  // A value that is not a sketch (including null) has no count.
  bind: (args) => fixed('dcount_hll', args, [SKETCH], 'long', (a) => hllCardinality(a[0] as never)),
};

export const hllFunctions: ScalarFunction[] = [dcountHll];
