/**
 * anatomy: a rule's structure read from its bound plan, without data. The stages with their
 * predicates; exclusions (top-level negated conjuncts, with the exact values they exclude); indicators
 * (positive conditions on the source rows); thresholds (conditions on a summarize's aggregates);
 * output fields with the stage that produced each; and the rule's entities and custom details mapped
 * to those fields.
 */
import type { Analyzed } from '../engine.js';
import type { PlanNode } from '../plan/nodes.js';
import { rowOf } from '../plan/print-expr.js';
import { nodeChildren } from '../plan/walk.js';
import type { ScalarType } from '../types/scalar-type.js';
import { filterConjuncts } from './conjuncts.js';
import { readCondition } from './conditions.js';
import { queryStages, type Stage } from './stages.js';

export interface StageOutline {
  readonly index: number;
  readonly operator: string;
  readonly text: string;
  readonly line: number;
  /** A filter's conjuncts, as written. */
  readonly predicates?: readonly string[];
}

export interface FieldCondition {
  readonly stage: number;
  readonly field: string;
  readonly kind: string;
  readonly values: readonly string[];
  /** The conjunct as written. */
  readonly text: string;
}

export interface OutputField {
  readonly field: string;
  readonly type: ScalarType;
  /** The stage that last computed it. */
  readonly stage: number;
  readonly operator: string;
}

/** A rule setting (entity identifier, custom detail) and the output field it reads. */
export interface MappedField {
  readonly name: string;
  readonly field: string;
  /** The stage that produced the field; absent when the result has no such column. */
  readonly stage?: number;
}

export interface Anatomy {
  readonly stages: StageOutline[];
  readonly exclusions: FieldCondition[];
  readonly indicators: FieldCondition[];
  readonly thresholds: FieldCondition[];
  readonly outputs: OutputField[];
  readonly entities: MappedField[];
  readonly customDetails: MappedField[];
}

/** What a product's rule maps to result columns: entity identifiers and custom details, by name. */
export interface RuleMappings {
  readonly entities: readonly { readonly name: string; readonly column: string }[];
  readonly customDetails: readonly { readonly name: string; readonly column: string }[];
}

const inputSchema = (node: PlanNode) => nodeChildren(node)[0]?.node.schema ?? [];

/** Output names a node computes (rather than passes through from its input under the same name). */
function computed(node: PlanNode): string[] {
  switch (node.kind) {
    case 'Summarize':
    case 'MakeSeries':
    case 'TopNested':
      return node.schema.map((c) => c.name);
    case 'Project': {
      const input = inputSchema(node);
      return node.columns.filter((c) => !(c.expr.kind === 'Column' && input[c.expr.index]?.name === c.name)).map((c) => c.name);
    }
    default: {
      const before = new Set(inputSchema(node).map((c) => c.name));
      return node.schema.map((c) => c.name).filter((n) => !before.has(n));
    }
  }
}

export function anatomy(analyzed: Analyzed, mappings: RuleMappings = { entities: [], customDetails: [] }): Anatomy | undefined {
  const stages = queryStages(analyzed);
  if (!stages || !analyzed.plan) return undefined;
  const exclusions: FieldCondition[] = [];
  const indicators: FieldCondition[] = [];
  const thresholds: FieldCondition[] = [];
  const producedBy = new Map<string, Stage>();
  const aggregates = new Set<string>();
  for (const c of stages[0]!.nodes[0]?.schema ?? []) producedBy.set(c.name, stages[0]!);
  const outlines = stages.map((stage): StageOutline => {
    const outline = { index: stage.index, operator: stage.operator, text: stage.text, line: stage.line };
    const predicates: string[] = [];
    for (const node of stage.nodes) {
      if (node.kind === 'Filter') {
        const input = inputSchema(node);
        for (const c of filterConjuncts(node.predicate, input, stage.syntax, analyzed.source)) {
          predicates.push(c.text);
          const condition = readCondition(c.expr, rowOf(input));
          if (!condition) continue;
          const entry = { stage: stage.index, field: condition.field, kind: condition.kind, values: condition.values, text: c.text };
          if (condition.negated) exclusions.push(entry);
          else if (aggregates.has(condition.field)) thresholds.push(entry);
          else indicators.push(entry);
        }
      }
      if (stage.index > 0) {
        for (const name of computed(node)) producedBy.set(name, stage);
        if (node.kind === 'Summarize') for (const o of node.outputs.slice(node.keys.length)) aggregates.add(o.name);
      }
    }
    return predicates.length > 0 ? { ...outline, predicates } : outline;
  });
  const outputs = analyzed.plan.schema.map((c) => {
    const stage = producedBy.get(c.name)!;
    return { field: c.name, type: c.type, stage: stage.index, operator: stage.operator };
  });
  const stageOf = (field: string) => outputs.find((o) => o.field === field)?.stage;
  const mapped = (m: { name: string; column: string }): MappedField => {
    const stage = stageOf(m.column);
    return { name: m.name, field: m.column, ...(stage !== undefined ? { stage } : {}) };
  };
  return {
    stages: outlines, exclusions, indicators, thresholds, outputs,
    entities: mappings.entities.map(mapped), customDetails: mappings.customDetails.map(mapped),
  };
}
