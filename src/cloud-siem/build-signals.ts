/**
 * A rule's signals from its records: the rule type's pattern over the records its expression matches,
 * partitioned as the docs say, and each firing made into signals. Threshold, chain and aggregation rules
 * "implicitly group by the entity field", so each On Entity selector has its own partitions (entity value
 * × group-by values) and its own signals; match, first seen and outlier rules fire on records, and "a
 * signal is generated for each of the rule's On Entity attributes found in the record".
 */
import type { Value } from '../types/value.js';
import { textOf } from '../languages/cse/functions.js';
import { aggregationFirings } from './patterns/aggregation.js';
import { chainFirings } from './patterns/chain.js';
import { firstSeenFirings } from './patterns/first-seen.js';
import { outlierFirings } from './patterns/outlier.js';
import { type Firing, type PartitionOf, type RecordValue, type TimedRecords, valueKey } from './patterns/records.js';
import { thresholdFirings } from './patterns/threshold.js';
import type { CseRule, EntitySelector, RuleExpression } from './rule.js';
import { scoreOf } from './score.js';
import type { Signal } from './signal.js';
import { parseTemplate, renderTemplate } from './templates.js';

/** The records a rule runs over, and the value of any expression of the rule for each of them. */
export interface RuleRecords extends TimedRecords {
  readonly count: number;
  /** The values of an expression (a rule expression, a field name, `fields['x']`), one per record. */
  values(expression: string): RecordValue;
  /** A record's non-null fields. */
  record(index: number): Record<string, Value>;
  /** The trigger of an aggregation rule over its aggregations' values (bound as the dialect binds it). */
  trigger?(values: readonly Value[]): boolean;
}

const matched = (values: RecordValue) => (i: number) => values(i) === true;

/** An entity's text, or undefined when the record has none (null or empty). */
function entityText(v: Value): string | undefined {
  const t = textOf(v);
  return t === null || t === '' ? undefined : t;
}

export function buildSignals(rule: CseRule, records: RuleRecords): Signal[] {
  const groupBy = 'groupBy' in rule ? rule.groupBy : [];
  const groupValues = groupBy.map((f) => records.values(f));
  const selectors: readonly (EntitySelector | undefined)[] = rule.entitySelectors.length > 0 ? rule.entitySelectors : [undefined];
  const entityValues = new Map(rule.entitySelectors.map((s) => [s, records.values(s.field)]));
  const groupKey = (i: number) => groupValues.map((v) => valueKey(v(i)) ?? 'null').join('\u0001');

  /** Partitions for one selector among the records a filter matches: entity value × group-by values. */
  const partitionsFor = (selector: EntitySelector | undefined, filter: (i: number) => boolean): PartitionOf => (i) => {
    if (!filter(i)) return undefined;
    if (!selector) return groupKey(i);
    const entity = entityText(entityValues.get(selector)!(i));
    return entity === undefined ? undefined : `${entity}\u0002${groupKey(i)}`;
  };

  const make = (selector: EntitySelector | undefined, firing: Firing<unknown>, details: Record<string, unknown>): Signal | undefined => {
    const at = firing.record;
    let entity: Signal['entity'];
    if (selector) {
      const value = entityText(entityValues.get(selector)!(at));
      if (value === undefined) return undefined;
      entity = { entity_type: selector.entityType, expression: selector.field, value };
    }
    const times = firing.records.map((r) => records.timestamp(r));
    const render = (t: RuleExpression | undefined) => t && renderTemplate(parseTemplate(t.text).template, (e) => textOf(records.values(e)(at)));
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      name: render(rule.nameTemplate) || rule.name,
      summary: render(rule.summaryTemplate),
      description: render(rule.descriptionTemplate),
      score: scoreOf(rule.score, (field) => records.values(field)(at)),
      tags: rule.tags,
      isPrototype: rule.isPrototype,
      entity,
      groupBy: Object.fromEntries(groupBy.map((f, k) => [f, groupValues[k]!(at)])),
      timestamp: records.timestamp(at),
      firstRecordTime: Math.min(...times),
      lastRecordTime: Math.max(...times),
      details,
      records: firing.records.map((r) => records.record(r)),
    };
  };

  /** Signals of a pattern partitioned per selector (threshold, chain, aggregation). */
  const perSelector = <D>(fire: (partitionOf: PartitionOf) => Firing<D>[], filter: (i: number) => boolean, details: (f: Firing<D>) => Record<string, unknown>) =>
    selectors.flatMap((s) => fire(partitionsFor(s, filter)).map((f) => make(s, f, details(f))));

  /** Signals of a firing for every selector whose entity the firing record has (match, first seen, outlier). */
  const onRecord = <D>(firings: Firing<D>[], details: (f: Firing<D>) => Record<string, unknown>) =>
    firings.flatMap((f) => selectors.map((s) => make(s, f, details(f))));

  let signals: (Signal | undefined)[];
  switch (rule.type) {
    case 'match':
    case 'templated_match': {
      const isMatch = matched(records.values(rule.expression.text));
      const firings = records.order.filter(isMatch).map((record) => ({ partition: '', record, records: [record], detail: undefined }));
      signals = onRecord(firings, () => ({}));
      break;
    }
    case 'threshold': {
      const filter = matched(records.values(rule.expression.text));
      const distinctOf = rule.countDistinct && rule.countField ? records.values(rule.countField) : undefined;
      signals = perSelector(
        (p) => thresholdFirings(records, p, { windowMs: rule.windowMs, limit: rule.limit, distinctOf }),
        filter,
        ({ detail: d }) => (d.distinctValues ? { count: d.count, distinctValues: [...d.distinctValues].sort(compareValues) } : { count: d.count }),
      );
      break;
    }
    case 'chain': {
      const steps = rule.steps.map((s) => ({ matches: matched(records.values(s.expression.text)), limit: s.limit }));
      signals = perSelector(
        (p) => chainFirings(records, p, { windowMs: rule.windowMs, ordered: rule.ordered, steps }),
        (i) => steps.some((s) => s.matches(i)),
        ({ detail }) => ({ counts: [...detail.counts] }),
      );
      break;
    }
    case 'aggregation': {
      const trigger = records.trigger;
      if (!trigger) throw new Error('an aggregation rule needs its trigger bound');
      const aggregations = rule.aggregations.map((a) => ({ fn: a.fn, value: records.values(a.argument.text) }));
      signals = perSelector(
        (p) => aggregationFirings(records, p, { windowMs: rule.windowMs, aggregations, trigger }),
        matched(records.values(rule.expression.text)),
        ({ detail }) => Object.fromEntries(rule.aggregations.map((a, k) => [a.name, detail.values[k]!])),
      );
      break;
    }
    case 'first_seen': {
      const filter = matched(records.values(rule.expression.text));
      const valueParts = rule.values.map((v) => records.values(v.text));
      const baselineOf: PartitionOf = (i) => (!filter(i) ? undefined : rule.perEntity ? groupKey(i) : 'global');
      const valueOf = (i: number) => {
        const keys = valueParts.map((v) => valueKey(v(i)));
        return keys.some((k) => k === undefined) ? undefined : keys.join('\u0001');
      };
      const firings = firstSeenFirings(records, baselineOf, { learningMs: rule.learningMs, retentionMs: rule.retentionMs, valueOf });
      // One value field reports its value; several report their combination's key.
      signals = onRecord(firings, (f) => ({ value: valueParts.length === 1 ? valueParts[0]!(f.record) : f.detail.value, baselineStart: f.detail.baselineStart }));
      break;
    }
    case 'outlier': {
      const filter = matched(records.values(rule.expression.text));
      const firings = outlierFirings(records, (i) => (filter(i) ? groupKey(i) : undefined), {
        windowMs: rule.windowMs, learningMs: rule.learningMs, retentionMs: rule.retentionMs,
        fn: rule.aggregation.fn, value: records.values(rule.aggregation.argument.text),
        deviationThreshold: rule.deviationThreshold, floorValue: rule.floorValue,
      });
      signals = onRecord(firings, ({ detail: d }) => ({ [rule.aggregation.name]: d.value, mean: d.mean, stdDev: d.stdDev, windowStart: d.windowStart, windowEnd: d.windowEnd }));
      break;
    }
  }
  return (signals.filter(Boolean) as Signal[]).sort((a, b) => a.timestamp - b.timestamp || (a.entity?.expression ?? '').localeCompare(b.entity?.expression ?? ''));
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
