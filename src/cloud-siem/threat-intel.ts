/**
 * hasThreatMatch (Cloud SIEM Rules Syntax): whether any of the listed fields holds the value of a threat
 * indicator that passes the filter (`confidence > 50 AND type='ipv4-addr'`). kqlx reads indicators from
 * a file (`--threat-intel FILE`: a JSON array, JSONL or CSV of {value, type, confidence, source,
 * threatType}); without one there are no indicators, so nothing matches. The filter binds against the
 * indicator fields, so a misspelt attribute is an error even without a file.
 */
import type { ScalarFunction } from '../functions/types.js';
import { type ColumnSchema, Table } from '../table/table.js';
import { textOf } from '../languages/cse/functions.js';
import { ExpressionEvaluator } from './evaluate.js';

export const INDICATOR_SOURCE = 'threat_indicators';

export const INDICATOR_SCHEMA: readonly ColumnSchema[] = [
  { name: 'value', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'confidence', type: 'long' },
  { name: 'source', type: 'string' },
  { name: 'threatType', type: 'string' },
];

/** The indicators table in the indicator schema (fields the file lacks are null). */
export function indicatorTable(loaded?: Table): Table {
  if (!loaded) return Table.empty(INDICATOR_SCHEMA);
  const columns = INDICATOR_SCHEMA.map((c) => loaded.columnIndex(c.name));
  return Table.fromRows(INDICATOR_SCHEMA, Array.from({ length: loaded.rowCount }, (_, r) => columns.map((i) => (i < 0 ? null : loaded.columns[i]!.get(r)))));
}

/** The hasThreatMatch function over these indicators. */
export function threatMatchFunction(indicators: Table): ScalarFunction {
  const evaluator = new ExpressionEvaluator(indicators, new Map(), INDICATOR_SOURCE);
  const valueAt = indicators.columnIndex('value');
  return {
    name: 'hasThreatMatch',
    minArgs: 1,
    maxArgs: 2,
    bind(args) {
      let values: Set<string>;
      if (args.length === 2) {
        const filter = args[1]!.constant?.value;
        if (typeof filter !== 'string') return { error: 'hasThreatMatch(): the filter must be an expression over the indicators' };
        const evaluated = evaluator.evaluate(filter);
        const error = evaluated.diagnostics.find((d) => d.severity === 'error');
        if (error) return { error: `hasThreatMatch(): the indicator filter (${INDICATOR_SCHEMA.map((c) => c.name).join(', ')}): ${error.message}` };
        values = new Set();
        for (let r = 0; r < indicators.rowCount; r++) {
          const v = textOf(indicators.columns[valueAt]!.get(r));
          if (v !== null && evaluated.values?.(r) === true) values.add(v);
        }
      } else {
        values = new Set(Array.from({ length: indicators.rowCount }, (_, r) => textOf(indicators.columns[valueAt]!.get(r))).filter((v): v is string => v !== null));
      }
      return {
        type: 'bool',
        impl: (a) => {
          const fields = a[0];
          const list = Array.isArray(fields) ? fields : [fields];
          return list.some((v) => {
            const t = textOf(v as never);
            return t !== null && values.has(t);
          });
        },
      };
    },
  };
}

