/**
 * Entities from entityMappings, for the rows one alert stands for. Following the entities reference
 * and the health table's "EntitiesDroppedDueToMappingIssues": identifiers with empty values are left
 * out, an entity none of whose required identifier sets is filled is dropped, and an Account whose
 * Name is a reserved word (SYSTEM, ADMIN, ...) is dropped. At most 500 entities per alert, shared
 * equally among the mappings, and at most 64 KB of them.
 */
import { type Entity, entityKey } from '../rules/alert.js';
import { ENTITY_TYPES } from './entity-catalog.js';
import type { ResultRows } from '../rules/result-rows.js';
import type { EntityMapping } from './rule.js';
import { RESERVED_ACCOUNT_NAMES } from './vocabulary.js';

export const MAX_ENTITIES = 500;
export const MAX_ENTITIES_BYTES = 64 * 1024;

export function extractEntities(mappings: readonly EntityMapping[], rows: ResultRows, rowIndexes: readonly number[]): Entity[] {
  if (mappings.length === 0) return [];
  const perMapping = Math.floor(MAX_ENTITIES / mappings.length);
  const seen = new Set<string>();
  const out: Entity[] = [];
  let bytes = 2; // the surrounding []
  for (const m of mappings) {
    const info = ENTITY_TYPES[m.entityType]!;
    let taken = 0;
    for (const r of rowIndexes) {
      if (taken >= perMapping) break;
      const identifiers: Record<string, string> = {};
      for (const f of m.fieldMappings) {
        const v = rows.text(r, f.column.column);
        if (v !== undefined && v.trim() !== '') identifiers[f.identifier] = v;
      }
      if (!info.required.some((alt) => alt.every((id) => identifiers[id] !== undefined))) continue;
      if (m.entityType === 'Account' && identifiers.Name !== undefined && RESERVED_ACCOUNT_NAMES.has(identifiers.Name.trim().toUpperCase())) continue;
      const entity: Entity = { type: info.alertType, identifiers };
      const key = entityKey(entity);
      if (seen.has(key)) continue;
      const size = new TextEncoder().encode(JSON.stringify(entity)).length + 1;
      if (bytes + size > MAX_ENTITIES_BYTES) return out;
      bytes += size;
      seen.add(key);
      out.push(entity);
      taken++;
    }
  }
  return out;
}
