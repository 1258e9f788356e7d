/**
 * Running one Cloud SIEM rule over loaded records: bind every expression it has, evaluate them over the
 * records, and build its signals. Browser-safe: the records come in as tables.
 */
import { SourceText } from '../common/source.js';
import { diag } from '../diagnostics/catalog.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../diagnostics/diagnostic.js';
import { analyzeQuery, makeCatalog, runAnalyzed } from '../engine.js';
import type { ScalarFunction } from '../functions/types.js';
import { cseLanguage, VALUE_COLUMN } from '../languages/cse.js';
import { type ColumnSchema, Table } from '../table/table.js';
import { toDynamic } from '../types/convert.js';
import type { Value } from '../types/value.js';
import { buildSignals, type RuleRecords } from './build-signals.js';
import { combineRecords, ExpressionEvaluator } from './evaluate.js';
import { timeOrder } from './patterns/records.js';
import { recordTableNames, timestampProblems } from './records.js';
import { bindRule, type ExpressionReport } from './rule-expressions.js';
import type { AggregationFunction, AggregationRule, CseRule } from './rule.js';
import { NORMALIZED_SCHEMA } from './schema/index.js';
import type { Signal } from './signal.js';
import { indicatorTable, threatMatchFunction } from './threat-intel.js';

export interface RunInput {
  /** Record tables by name; those named sec_record_* are the records. */
  readonly tables: ReadonlyMap<string, Table>;
  /** Loaded threat indicators for hasThreatMatch. */
  readonly indicators?: Table;
}

export interface RuleRun {
  readonly signals: Signal[];
  /** Problems that stopped the run: expressions that do not bind, records without timestamps. */
  readonly reports: ExpressionReport[];
  readonly errors: LocatedDiagnostic[];
  /** The records with the rule's expressions bound over them, when the run got that far. */
  readonly records?: RuleRecords;
}

const AGGREGATE_TYPES: Record<AggregationFunction, ColumnSchema['type']> = {
  count: 'long', count_distinct: 'long', sum: 'real', avg: 'real', min: 'real', max: 'real', first: 'dynamic', last: 'dynamic',
};

function extraFunctions(indicators?: Table): Map<string, ScalarFunction> {
  return new Map([['hasthreatmatch', threatMatchFunction(indicatorTable(indicators))]]);
}

/** The trigger of an aggregation rule over its aggregations' values, analyzed once. */
function bindTrigger(rule: AggregationRule): { report: ExpressionReport; evaluate?: (values: readonly Value[]) => boolean } {
  const schema = rule.aggregations.map((a) => ({ name: a.name, type: AGGREGATE_TYPES[a.fn] }));
  const source = new SourceText(rule.trigger.text, `${rule.file}: ${rule.id} ${rule.trigger.key}`);
  const name = 'aggregations';
  const analyzed = analyzeQuery(source, { catalog: makeCatalog(new Map([[name, Table.empty(schema)]])), language: cseLanguage({ source: name }) });
  const diagnostics = [...analyzed.diagnostics];
  const type = analyzed.plan?.schema[0]?.type;
  if (type && type !== 'bool' && type !== 'dynamic' && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(locate(diag.cseNotBoolean(type, { start: 0, end: rule.trigger.text.length }), source));
  }
  const report = { isExpression: true, key: rule.trigger.key, text: rule.trigger.text, source, diagnostics };
  if (diagnostics.some((d) => d.severity === 'error')) return { report };
  return {
    report,
    evaluate: (values) => {
      const row = Table.fromRows(schema, [values as Value[]]);
      const run = runAnalyzed(analyzed, { tables: () => row });
      const column = run.table?.columns[run.table.columnIndex(VALUE_COLUMN)];
      return column?.get(0) === true;
    },
  };
}

/** The rule's expressions bound against the normalized schema, without data: what `kqlx check` reports. */
export function checkRule(rule: CseRule): ExpressionReport[] {
  const evaluator = new ExpressionEvaluator(Table.empty(NORMALIZED_SCHEMA), extraFunctions());
  const bound = bindRule(rule, evaluator);
  return rule.type === 'aggregation' ? [...bound.reports, bindTrigger(rule).report] : bound.reports;
}

export function runRule(rule: CseRule, input: RunInput): RuleRun {
  const errors: LocatedDiagnostic[] = [];
  if (recordTableNames(input.tables).length === 0) {
    errors.push(diag.cseNoRecords('no records: load tables named after Cloud SIEM record indexes (sec_record_network, ...)'));
  }
  errors.push(...timestampProblems(input.tables));
  if (errors.length > 0) return { signals: [], reports: [], errors };
  const records = combineRecords(input.tables);
  const evaluator = new ExpressionEvaluator(records, extraFunctions(input.indicators));
  const bound = bindRule(rule, evaluator);
  const trigger = rule.type === 'aggregation' ? bindTrigger(rule) : undefined;
  const reports = trigger ? [...bound.reports, trigger.report] : bound.reports;
  if (reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'))) return { signals: [], reports, errors };
  const timestamps = records.columns[records.columnIndex('timestamp')]!;
  const timestamp = (i: number) => timestamps.get(i) as number;
  const loaded = records.schema.map((c, i) => ({ name: c.name, type: c.type, column: records.columns[i]! }));
  const ruleRecords: RuleRecords = {
    count: records.rowCount,
    order: timeOrder(records.rowCount, timestamp),
    timestamp,
    values: (text) => evaluator.evaluate(text).values ?? (() => null),
    record: (i) => {
      const out: Record<string, Value> = {};
      // As JSON values: a datetime field (an ISO copy of the time, say) reads as its ISO text.
      for (const { name, type, column } of loaded) {
        const v = column.get(i);
        if (v !== null && v !== undefined) out[name] = toDynamic(v, type) as Value;
      }
      return out;
    },
    trigger: trigger?.evaluate,
  };
  return { signals: buildSignals(rule, ruleRecords), reports, errors, records: ruleRecords };
}

