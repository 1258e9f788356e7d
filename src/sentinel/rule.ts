/** A Sentinel analytic rule as kqlx runs it: read from YAML, validated, with durations as ticks. */
import type { SourceText } from '../common/source.js';
import type { RuleLocation } from '../rules/problems.js';
import type { TriggerOperator } from '../rules/trigger.js';
import type { AggregationKind, RuleKind, Severity } from './vocabulary.js';


/** A column the rule's alert settings read from the query result. */
export interface ColumnRef extends RuleLocation {
  readonly column: string;
}

export interface FieldMapping {
  readonly identifier: string;
  readonly column: ColumnRef;
}

export interface EntityMapping {
  readonly entityType: string;
  readonly fieldMappings: readonly FieldMapping[];
}

export interface CustomDetail {
  readonly key: string;
  readonly column: ColumnRef;
}

/** `alertDisplayNameFormat`-style text with `{{Column}}` placeholders. */
export interface Format {
  readonly text: string;
  readonly placeholders: readonly ColumnRef[];
}

export interface AlertOverride {
  readonly displayName?: Format;
  readonly description?: Format;
  readonly severityColumn?: ColumnRef;
  readonly tacticsColumn?: ColumnRef;
  /** alertDynamicProperties: property name → column. Only Techniques changes kqlx's alert output. */
  readonly dynamicProperties: readonly { readonly property: string; readonly column: ColumnRef }[];
}

export interface Rule {
  readonly file: string;
  readonly id?: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly kind: RuleKind;
  /** Ticks. NRT rules run every minute over the last minute. */
  readonly queryFrequency: bigint;
  readonly queryPeriod: bigint;
  readonly triggerOperator: TriggerOperator;
  readonly triggerThreshold: number;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  readonly query: SourceText;
  readonly entityMappings: readonly EntityMapping[];
  readonly customDetails: readonly CustomDetail[];
  readonly override?: AlertOverride;
  readonly aggregation: AggregationKind;
  readonly suppressionEnabled: boolean;
  /** Ticks; meaningful only when suppression is enabled. */
  readonly suppressionDuration: bigint;
}

/** Every column the rule's alert settings name, each with where it is named. */
export function columnRefs(rule: Rule): ColumnRef[] {
  const refs: ColumnRef[] = [];
  for (const m of rule.entityMappings) for (const f of m.fieldMappings) refs.push(f.column);
  for (const d of rule.customDetails) refs.push(d.column);
  const o = rule.override;
  if (o) {
    if (o.severityColumn) refs.push(o.severityColumn);
    if (o.tacticsColumn) refs.push(o.tacticsColumn);
    for (const p of o.dynamicProperties) refs.push(p.column);
  }
  return refs;
}
