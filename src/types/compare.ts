/**
 * Ordering of non-null values of one type, for sort, top, min/max and between.
 * Strings compare by UTF-16 code unit (ordinal); dynamic values by their JSON text.
 */
import type { ScalarType } from './scalar-type.js';
import type { Value } from './value.js';
import { dynamicToJson } from './json-text.js';

export function compareValues(a: Value, b: Value, type: ScalarType): number {
  switch (type) {
    case 'bool':
      return (a ? 1 : 0) - (b ? 1 : 0);
    case 'dynamic': {
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      const x = typeof a === 'string' ? a : dynamicToJson(a);
      const y = typeof b === 'string' ? b : dynamicToJson(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return a! < b! ? -1 : a! > b! ? 1 : 0;
  }
}
