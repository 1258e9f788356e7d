/** The scalar types of KQL, by their canonical names. */
export type ScalarType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'string'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'dynamic';

/** Every spelling Kusto accepts for a type name, mapped to the canonical one. */
const TYPE_NAMES: Record<string, ScalarType> = {
  bool: 'bool', boolean: 'bool',
  int: 'int', int32: 'int',
  long: 'long', int64: 'long',
  real: 'real', double: 'real', float: 'real',
  decimal: 'decimal',
  string: 'string',
  datetime: 'datetime', date: 'datetime',
  timespan: 'timespan', time: 'timespan',
  guid: 'guid', uniqueid: 'guid',
  dynamic: 'dynamic',
};

export function parseTypeName(name: string): ScalarType | undefined {
  return TYPE_NAMES[name.toLowerCase()];
}

export function isNumeric(t: ScalarType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** Types whose values are held as bigint ticks (100 ns units). */
export function isTicks(t: ScalarType): boolean {
  return t === 'datetime' || t === 'timespan';
}

/** The wider of two numeric types, as Kusto promotes them in arithmetic. */
export function widerNumeric(a: ScalarType, b: ScalarType): ScalarType {
  const rank: Record<string, number> = { int: 0, long: 1, decimal: 2, real: 3 };
  return (rank[a] ?? 0) >= (rank[b] ?? 0) ? a : b;
}
