/** Building a column of n rows from a per-row function, into the store that fits its type. */
import { BoolColumn, type Column, NumberColumn, StringColumn, TicksColumn, ValueColumn } from '../table/column.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';

export function buildColumn(type: ScalarType, n: number, at: (row: number) => Value): Column {
  switch (type) {
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const data = new Float64Array(n);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const v = at(i);
        if (v === null) (nulls ??= new Uint8Array(n))[i] = 1;
        else data[i] = v as number;
      }
      return new NumberColumn(type, data, nulls);
    }
    case 'datetime':
    case 'timespan': {
      const data = new BigInt64Array(n);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const v = at(i);
        if (v === null) (nulls ??= new Uint8Array(n))[i] = 1;
        else data[i] = v as bigint;
      }
      return new TicksColumn(type, data, nulls);
    }
    case 'bool': {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = at(i);
        data[i] = v === null ? 2 : v ? 1 : 0;
      }
      return new BoolColumn(data);
    }
    case 'string': {
      const data = new Array<string>(n);
      for (let i = 0; i < n; i++) data[i] = (at(i) as string | null) ?? '';
      return new StringColumn(data);
    }
    default: {
      const data = new Array<Value>(n);
      for (let i = 0; i < n; i++) data[i] = at(i);
      return new ValueColumn(type, data);
    }
  }
}
