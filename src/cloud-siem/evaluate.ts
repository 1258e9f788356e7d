/**
 * Rule expressions evaluated over a rule's records through the shared engine: each expression is analyzed
 * as the Cloud SIEM language (`sec_records | project value = <expression>`) against the records' fields
 * and run on the columnar evaluator; the values come back one per record.
 */
import { SourceText } from '../common/source.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { analyzeQuery, makeCatalog, runAnalyzed } from '../engine.js';
import { cseLanguage, VALUE_COLUMN } from '../languages/cse.js';
import type { ScalarFunction } from '../functions/types.js';
import { buildColumn, ConstColumn } from '../table/column.js';
import { type ColumnSchema, Table } from '../table/table.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { Value } from '../types/value.js';
import type { RecordValue } from './patterns/records.js';
import { recordTableNames } from './records.js';
import { NORMALIZED_SCHEMA } from './schema/index.js';

/** The name the records are read by in an expression's projection. */
export const RECORDS_SOURCE = 'sec_records';

/**
 * All record tables as one: the normalized schema's fields (null where a table lacks them), then any
 * other field the tables have. A field two tables type differently is dynamic.
 */
export function combineRecords(tables: ReadonlyMap<string, Table>): Table {
  const names = recordTableNames(tables);
  const schema: ColumnSchema[] = [...NORMALIZED_SCHEMA];
  const at = new Map(schema.map((c, i) => [c.name, i]));
  for (const name of names) {
    for (const c of tables.get(name)!.schema) {
      const i = at.get(c.name);
      if (i === undefined) {
        at.set(c.name, schema.length);
        schema.push(c);
      } else if (schema[i]!.type !== c.type && !NORMALIZED_SCHEMA[i]) schema[i] = { name: c.name, type: 'dynamic' };
    }
  }
  const parts = names.map((n) => tables.get(n)!);
  const total = parts.reduce((n, t) => n + t.rowCount, 0);
  const owner = new Uint32Array(total);
  const offsets: number[] = [];
  let row = 0;
  parts.forEach((t, k) => {
    offsets.push(row);
    owner.fill(k, row, row + t.rowCount);
    row += t.rowCount;
  });
  const columns = schema.map((c) => {
    const sources = parts.map((t) => t.columns[t.columnIndex(c.name)]);
    // A field no table has is one constant null, not a column of nulls per record.
    if (sources.every((s) => s === undefined)) return new ConstColumn(c.type, null, total);
    if (parts.length === 1 && parts[0]!.schema[parts[0]!.columnIndex(c.name)]!.type === c.type) return sources[0]!;
    return buildColumn(c.type, total, (r) => {
      const k = owner[r]!;
      return sources[k]?.get(r - offsets[k]!) ?? null;
    }, 'keep');
  });
  return new Table(schema, columns, total);
}

export interface Evaluated {
  readonly source: SourceText;
  readonly diagnostics: LocatedDiagnostic[];
  readonly type?: ScalarType;
  readonly values?: RecordValue;
}

/**
 * Analyzes and runs expressions over one table of records. `table` may be empty (a check without
 * data): binding then reports what is wrong, and no values are computed.
 */
export class ExpressionEvaluator {
  private readonly cache = new Map<string, Evaluated>();

  constructor(
    private readonly table: Table,
    private readonly extraFunctions: ReadonlyMap<string, ScalarFunction> = new Map(),
    private readonly sourceName = RECORDS_SOURCE,
  ) {}

  evaluate(text: string, name = '<expression>'): Evaluated {
    const hit = this.cache.get(text);
    if (hit) return hit;
    const source = new SourceText(text, name);
    const tables = new Map([[this.sourceName, this.table]]);
    const analyzed = analyzeQuery(source, { catalog: makeCatalog(tables), language: cseLanguage({ source: this.sourceName, extraFunctions: this.extraFunctions, fields: this.table.schema.map((c) => c.name) }) });
    let result: Evaluated = { source, diagnostics: analyzed.diagnostics, type: analyzed.plan?.schema[0]?.type };
    if (analyzed.plan && !analyzed.diagnostics.some((d) => d.severity === 'error') && this.table.rowCount > 0) {
      const run = runAnalyzed(analyzed, { tables: (n) => tables.get(n) });
      const column = run.table?.columns[run.table.columnIndex(VALUE_COLUMN)];
      result = { ...result, diagnostics: run.diagnostics, values: column ? (i: number): Value => column.get(i) : undefined };
    }
    this.cache.set(text, result);
    return result;
  }
}
