/**
 * A Sumo Logic Cloud SIEM rule as kqlx runs it, read from the content catalog's JSON format
 * (the keys of the catalog's audit/rules.json: `pattern_type`, `expression`, `window`, ...).
 * Windows are milliseconds, the unit of a Cloud SIEM record's `timestamp`.
 */

/** Where a value sits in the rule file, and the key path that names it in messages. */
export interface RuleKeyLocation {
  readonly key: string;
  readonly line: number;
  readonly col: number;
}

/** A rule expression's text and where its JSON string starts in the file. */
export interface RuleExpression extends RuleKeyLocation {
  readonly text: string;
}

export const RULE_TYPES = ['match', 'templated_match', 'threshold', 'chain', 'aggregation', 'first_seen', 'outlier'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** An On Entity selector: the entity type and the record field it reads. */
export interface EntitySelector extends RuleKeyLocation {
  readonly entityType: string;
  readonly field: string;
}

/** One `score_mapping` entry: `equal` to a value, or in the inclusive `range` from..from_end. */
export type ScoreCase =
  | { readonly kind: 'equal'; readonly value: string; readonly score: number }
  | { readonly kind: 'range'; readonly low: number; readonly high: number; readonly score: number };

/**
 * The signal's severity: a constant, the value of a field (`fieldValue`), or a field's value mapped
 * through cases tried in order (`fieldValueMapping`), with a default when none applies.
 */
export type Score =
  | { readonly kind: 'constant'; readonly score: number }
  | { readonly kind: 'fieldValue'; readonly field: string; readonly default: number }
  | { readonly kind: 'fieldValueMapping'; readonly field: string; readonly default: number; readonly cases: readonly ScoreCase[] };

interface RuleCommon {
  readonly file: string;
  readonly id: string;
  readonly name: string;
  readonly type: RuleType;
  /** `{{field}}` templates; the signal name is the rule name when `nameTemplate` is absent. */
  readonly nameTemplate?: RuleExpression;
  readonly summaryTemplate?: RuleExpression;
  readonly descriptionTemplate?: RuleExpression;
  readonly entitySelectors: readonly EntitySelector[];
  readonly score: Score;
  readonly tags: readonly string[];
  readonly category?: string;
  readonly isPrototype: boolean;
}

export interface MatchRule extends RuleCommon {
  readonly type: 'match' | 'templated_match';
  readonly expression: RuleExpression;
}

export interface ThresholdRule extends RuleCommon {
  readonly type: 'threshold';
  readonly expression: RuleExpression;
  readonly countDistinct: boolean;
  readonly countField?: string;
  readonly groupBy: readonly string[];
  readonly limit: number;
  readonly windowMs: number;
}

export interface ChainStep {
  readonly expression: RuleExpression;
  readonly limit: number;
}

export interface ChainRule extends RuleCommon {
  readonly type: 'chain';
  readonly steps: readonly ChainStep[];
  readonly ordered: boolean;
  readonly groupBy: readonly string[];
  readonly windowMs: number;
}

export const AGGREGATION_FUNCTIONS = ['avg', 'count', 'count_distinct', 'first', 'last', 'max', 'min', 'sum'] as const;
export type AggregationFunction = (typeof AGGREGATION_FUNCTIONS)[number];

export interface NamedAggregation {
  readonly name: string;
  readonly fn: AggregationFunction;
  readonly argument: RuleExpression;
}

export interface AggregationRule extends RuleCommon {
  readonly type: 'aggregation';
  readonly expression: RuleExpression;
  readonly aggregations: readonly NamedAggregation[];
  readonly trigger: RuleExpression;
  readonly groupBy: readonly string[];
  readonly windowMs: number;
}

export interface FirstSeenRule extends RuleCommon {
  readonly type: 'first_seen';
  readonly expression: RuleExpression;
  /** GLOBAL: one baseline; PER_ENTITY: one baseline per combination of the group-by fields. */
  readonly perEntity: boolean;
  readonly groupBy: readonly string[];
  /** The fields (or expression) whose combination of values is looked up in the baseline. */
  readonly values: readonly RuleExpression[];
  readonly learningMs: number;
  readonly retentionMs: number;
}

export interface OutlierRule extends RuleCommon {
  readonly type: 'outlier';
  readonly expression: RuleExpression;
  readonly aggregation: NamedAggregation;
  readonly groupBy: readonly string[];
  /** The baseline's period: an hour or a day. */
  readonly windowMs: number;
  readonly learningMs: number;
  readonly retentionMs: number;
  readonly deviationThreshold: number;
  readonly floorValue: number;
}

export type CseRule = MatchRule | ThresholdRule | ChainRule | AggregationRule | FirstSeenRule | OutlierRule;

/** Every expression of a rule, with the key that names it: what `kqlx check` parses and binds. */
export function ruleExpressions(rule: CseRule): RuleExpression[] {
  switch (rule.type) {
    case 'match':
    case 'templated_match':
    case 'threshold':
    case 'first_seen':
      return [rule.expression];
    case 'chain':
      return rule.steps.map((s) => s.expression);
    case 'aggregation':
      return [rule.expression, ...rule.aggregations.map((a) => a.argument)];
    case 'outlier':
      return [rule.expression, rule.aggregation.argument];
  }
}
