/** A Sentinel rule's entity identifiers and custom details, as the fields anatomy and lint map them to. */
import type { Rule } from '../sentinel/rule.js';
import type { RuleMappings } from './anatomy.js';

export function ruleMappings(rule: Rule): RuleMappings {
  return {
    entities: rule.entityMappings.flatMap((m) => m.fieldMappings.map((f) => ({ name: `${m.entityType}.${f.identifier}`, column: f.column.column }))),
    customDetails: rule.customDetails.map((d) => ({ name: d.key, column: d.column.column })),
  };
}
