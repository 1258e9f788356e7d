/**
 * The parts of a rule that shape its alerts from result columns: entityMappings, customDetails and
 * alertDetailsOverride, checked against Sentinel's limits (10 mappings of 1–3 identifiers, valid
 * identifiers per entity type, 20 custom details, 3 placeholders per format, ...).
 */
import type { Node, YAMLMap } from 'yaml';
import { ENTITY_TYPE_NAMES, ENTITY_TYPES, requiredText } from './entity-catalog.js';
import type { AlertOverride, ColumnRef, CustomDetail, EntityMapping, FieldMapping, Format } from './rule.js';
import { canonical, DYNAMIC_ALERT_PROPERTIES } from './vocabulary.js';
import { present, type YamlReader } from '../rules/yaml-reader.js';

export interface AlertSettings {
  entityMappings: EntityMapping[];
  customDetails: CustomDetail[];
  override?: AlertOverride;
}

const COLUMN_NAME = /^[a-zA-Z_]+\w*$/;
const DETAIL_KEY = /^[a-zA-Z]+\w*$/;
/** The validator's placeholder pattern: anything but braces between double braces. */
export const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export function readAlertSettings(y: YamlReader, root: YAMLMap): AlertSettings {
  const get = (key: string) => present(y.entry(root, key)?.value);
  const keyNode = (key: string) => y.entry(root, key)?.keyNode ?? null;
  return {
    entityMappings: readEntityMappings(y, get('entityMappings'), keyNode('entityMappings')),
    customDetails: readCustomDetails(y, get('customDetails'), keyNode('customDetails')),
    override: readOverride(y, get('alertDetailsOverride')),
  };
}

function columnRef(y: YamlReader, key: string, node: Node | null): ColumnRef | undefined {
  const s = y.text(key, node);
  if (s === undefined) return undefined;
  const column = s.trim();
  if (!COLUMN_NAME.test(column)) return y.error(key, node, `'${s}' is not a column name Sentinel accepts (letters, digits and _, not starting with a digit)`);
  if (column.length > 500) return y.error(key, node, 'a column name may have at most 500 characters');
  return { column, ...y.at(key, node) };
}

// Errors about a whole list point at its key's line; block lists start on the line after it.
function readEntityMappings(y: YamlReader, node: Node | null, keyNode: Node | null): EntityMapping[] {
  if (node === null) return [];
  const seq = y.seq('entityMappings', node, 'a list of {entityType, fieldMappings}');
  if (!seq) return [];
  const items = y.items(seq);
  if (items.length > 10) y.error('entityMappings', keyNode, `has ${items.length} mappings; Sentinel allows at most 10`);
  const out: EntityMapping[] = [];
  items.forEach((item, i) => {
    const m = readEntityMapping(y, `entityMappings[${i}]`, item);
    if (m) out.push(m);
  });
  return out;
}

function readEntityMapping(y: YamlReader, key: string, node: Node | null): EntityMapping | undefined {
  const map = y.map(key, node, 'a mapping with entityType and fieldMappings');
  if (!map) return undefined;
  const typeEntry = y.entry(map, 'entityType');
  const fieldsEntry = y.entry(map, 'fieldMappings');
  if (!typeEntry) return y.error(`${key}.entityType`, map, 'is required but missing');
  const typeText = y.text(`${key}.entityType`, typeEntry.value);
  if (typeText === undefined) return undefined;
  const entityType = canonical(ENTITY_TYPE_NAMES, typeText.trim());
  if (!entityType) {
    return y.error(`${key}.entityType`, typeEntry.value, `'${typeText}' is not an entity type; use one of ${ENTITY_TYPE_NAMES.join(', ')}`);
  }
  const info = ENTITY_TYPES[entityType]!;
  if (!fieldsEntry) return y.error(`${key}.fieldMappings`, map, 'is required but missing');
  const seq = y.seq(`${key}.fieldMappings`, fieldsEntry.value, 'a list of {identifier, columnName}');
  if (!seq) return undefined;
  const items = y.items(seq);
  if (items.length < 1 || items.length > 3) {
    return y.error(`${key}.fieldMappings`, fieldsEntry.keyNode, `has ${items.length} identifiers; Sentinel allows 1 to 3 per entity`);
  }
  const fields: FieldMapping[] = [];
  let ok = true;
  items.forEach((item, j) => {
    const f = readFieldMapping(y, `${key}.fieldMappings[${j}]`, item, entityType, fields);
    if (f) fields.push(f);
    else ok = false;
  });
  if (!ok) return undefined;
  const names = new Set(fields.map((f) => f.identifier));
  if (!info.required.some((alt) => alt.every((id) => names.has(id)))) {
    return y.error(`${key}.fieldMappings`, fieldsEntry.keyNode, `${/^[AEIOU]/.test(entityType) ? 'an' : 'a'} ${entityType} entity needs one of these identifiers mapped: ${requiredText(info)}`);
  }
  return { entityType, fieldMappings: fields };
}

function readFieldMapping(y: YamlReader, key: string, node: Node | null, entityType: string, earlier: readonly FieldMapping[]): FieldMapping | undefined {
  const map = y.map(key, node, 'a mapping with identifier and columnName');
  if (!map) return undefined;
  const idEntry = y.entry(map, 'identifier');
  const colEntry = y.entry(map, 'columnName');
  if (!idEntry) return y.error(`${key}.identifier`, map, 'is required but missing');
  if (!colEntry) return y.error(`${key}.columnName`, map, 'is required but missing');
  const idText = y.text(`${key}.identifier`, idEntry.value);
  const column = columnRef(y, `${key}.columnName`, colEntry.value);
  if (idText === undefined || !column) return undefined;
  const info = ENTITY_TYPES[entityType]!;
  const identifier = canonical(info.identifiers, idText.trim());
  if (!identifier) {
    return y.error(`${key}.identifier`, idEntry.value, `'${idText}' is not an identifier of ${entityType}; use one of ${info.identifiers.join(', ')}`);
  }
  if (earlier.some((f) => f.identifier === identifier)) return y.error(`${key}.identifier`, idEntry.value, `${identifier} is mapped twice in this entity`);
  return { identifier, column };
}

function readCustomDetails(y: YamlReader, node: Node | null, keyNode: Node | null): CustomDetail[] {
  if (node === null) return [];
  const map = y.map('customDetails', node, 'a mapping of detail name to column name');
  if (!map) return [];
  const entries = y.entries(map);
  if (entries.length > 20) y.error('customDetails', keyNode, `has ${entries.length} details; Sentinel allows at most 20`);
  const out: CustomDetail[] = [];
  for (const e of entries) {
    const key = `customDetails.${e.key}`;
    if (!DETAIL_KEY.test(e.key)) {
      y.error(key, e.keyNode, `'${e.key}' is not a detail name Sentinel accepts (letters first, then letters, digits and _)`);
      continue;
    }
    if (e.key.length > 20) {
      y.error(key, e.keyNode, `'${e.key}' is ${e.key.length} characters long; detail names may have at most 20`);
      continue;
    }
    const column = columnRef(y, key, e.value);
    if (column) out.push({ key: e.key, column });
  }
  return out;
}

function readFormat(y: YamlReader, key: string, node: Node | null, max: number): Format | undefined {
  const text = y.text(key, node);
  if (text === undefined) return undefined;
  if (text.length > max) return y.error(key, node, `is ${text.length} characters long; Sentinel allows at most ${max}`);
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
  if (names.length > 3) return y.error(key, node, `has ${names.length} {{placeholders}}; Sentinel allows at most 3`);
  return { text, placeholders: names.map((column) => ({ column, ...y.at(key, node) })) };
}

function readOverride(y: YamlReader, node: Node | null): AlertOverride | undefined {
  if (node === null) return undefined;
  const map = y.map('alertDetailsOverride', node);
  if (!map) return undefined;
  const base = 'alertDetailsOverride';
  const known = ['alertDisplayNameFormat', 'alertDescriptionFormat', 'alertSeverityColumnName', 'alertTacticsColumnName', 'alertDynamicProperties'];
  for (const e of y.entries(map)) if (!known.includes(e.key)) y.warn(`${base}.${e.key}`, e.keyNode, `unknown key '${e.key}' is ignored`);
  const value = (k: string) => present(y.entry(map, k)?.value);
  const has = (k: string) => value(k) !== null;
  const props: { property: string; column: ColumnRef }[] = [];
  const dyn = value('alertDynamicProperties');
  if (dyn !== null) {
    const seq = y.seq(`${base}.alertDynamicProperties`, dyn, 'a list of {alertProperty, value}');
    (seq ? y.items(seq) : []).forEach((item, i) => {
      const key = `${base}.alertDynamicProperties[${i}]`;
      const m = y.map(key, item, 'a mapping with alertProperty and value');
      if (!m) return;
      const p = y.entry(m, 'alertProperty');
      const v = y.entry(m, 'value');
      if (!p) return void y.error(`${key}.alertProperty`, m, 'is required but missing');
      if (!v) return void y.error(`${key}.value`, m, 'is required but missing');
      const pText = y.text(`${key}.alertProperty`, p.value);
      if (pText === undefined) return;
      const property = canonical(DYNAMIC_ALERT_PROPERTIES, pText.trim());
      if (!property) return void y.error(`${key}.alertProperty`, p.value, `'${pText}' is not one of ${DYNAMIC_ALERT_PROPERTIES.join(', ')}`);
      const column = columnRef(y, `${key}.value`, v.value);
      if (column) props.push({ property, column });
    });
  }
  return {
    displayName: has('alertDisplayNameFormat') ? readFormat(y, `${base}.alertDisplayNameFormat`, value('alertDisplayNameFormat')!, 256) : undefined,
    description: has('alertDescriptionFormat') ? readFormat(y, `${base}.alertDescriptionFormat`, value('alertDescriptionFormat')!, 5000) : undefined,
    severityColumn: has('alertSeverityColumnName') ? columnRef(y, `${base}.alertSeverityColumnName`, value('alertSeverityColumnName')!) : undefined,
    tacticsColumn: has('alertTacticsColumnName') ? columnRef(y, `${base}.alertTacticsColumnName`, value('alertTacticsColumnName')!) : undefined,
    dynamicProperties: props,
  };
}
