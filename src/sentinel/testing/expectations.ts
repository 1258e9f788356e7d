/**
 * What a rule-test case expects of one run. Every field is optional; only the named ones are checked.
 *   triggered: true | false        false is "must not fire"
 *   alertCount: N                  number of alerts
 *   resultCount: N                 number of result rows
 *   columns: [A, B]                the result's columns, exactly and in order
 *   rows: [{A: 1}, ...]            the result rows, in any order; each compared on the columns it names
 *   alerts: [{...}, ...]           the alerts, in any order, each compared on the fields it names:
 *     displayName, description, severity, tactics, techniques, startTime, endTime, resultRows,
 *     entities: [{type: ip, Address: 1.2.3.4}, ...]    exactly these entities, in any order
 *     customDetails: {Key: [values]}                   exactly these keys, values in any order
 */
import { isMap, type Node } from 'yaml';
import type { YamlReader } from '../../rules/yaml-reader.js';

export interface ExpectedEntity {
  readonly type: string;
  readonly identifiers: Record<string, unknown>;
}

export interface ExpectedAlert {
  readonly fields: Record<string, unknown>;
  readonly entities?: readonly ExpectedEntity[];
  readonly customDetails?: Record<string, unknown>;
  readonly line: number;
}

export interface Expectations {
  readonly triggered?: boolean;
  readonly alertCount?: number;
  readonly resultCount?: number;
  readonly columns?: readonly string[];
  readonly rows?: readonly Record<string, unknown>[];
  readonly alerts?: readonly ExpectedAlert[];
}

const ALERT_FIELDS = new Set(['displayName', 'description', 'severity', 'tactics', 'techniques', 'startTime', 'endTime', 'resultRows', 'entities', 'customDetails']);
const KEYS = new Set(['triggered', 'alertCount', 'resultCount', 'columns', 'rows', 'alerts']);

export function readExpectations(y: YamlReader, key: string, node: Node | null, toJs: (n: Node) => unknown): Expectations {
  const map = y.map(key, node, 'a mapping of expectations (triggered, alertCount, resultCount, columns, rows, alerts)');
  if (!map) return {};
  const out: { -readonly [K in keyof Expectations]: Expectations[K] } = {};
  for (const e of y.entries(map)) {
    const k = `${key}.${e.key}`;
    if (!KEYS.has(e.key)) {
      y.error(k, e.keyNode, `unknown expectation '${e.key}'; use ${[...KEYS].join(', ')}`);
      continue;
    }
    switch (e.key) {
      case 'triggered':
        out.triggered = y.boolean(k, e.value);
        break;
      case 'alertCount':
      case 'resultCount': {
        const n = y.integer(k, e.value);
        if (n !== undefined && n < 0) y.error(k, e.value, 'must not be negative');
        else out[e.key] = n;
        break;
      }
      case 'columns': {
        const seq = y.seq(k, e.value, 'a list of column names');
        if (seq) out.columns = y.items(seq).map((item, i) => y.text(`${k}[${i}]`, item) ?? '');
        break;
      }
      case 'rows': {
        const seq = y.seq(k, e.value, 'a list of rows (mappings of column to value)');
        if (seq) out.rows = y.items(seq).map((item, i) => (y.map(`${k}[${i}]`, item) ? (toJs(item!) as Record<string, unknown>) : {}));
        break;
      }
      case 'alerts': {
        const seq = y.seq(k, e.value, 'a list of expected alerts');
        if (seq) out.alerts = y.items(seq).map((item, i) => readAlert(y, `${k}[${i}]`, item, toJs));
        break;
      }
    }
  }
  return out;
}

function readAlert(y: YamlReader, key: string, node: Node | null, toJs: (n: Node) => unknown): ExpectedAlert {
  const line = y.pos(node).line;
  const map = y.map(key, node, 'a mapping of alert fields');
  if (!map) return { fields: {}, line };
  const fields: Record<string, unknown> = {};
  let entities: ExpectedEntity[] | undefined;
  let customDetails: Record<string, unknown> | undefined;
  for (const e of y.entries(map)) {
    const k = `${key}.${e.key}`;
    if (!ALERT_FIELDS.has(e.key)) {
      y.error(k, e.keyNode, `unknown alert field '${e.key}'; use ${[...ALERT_FIELDS].join(', ')}`);
      continue;
    }
    if (e.key === 'entities') {
      const seq = y.seq(k, e.value, 'a list of entities like {type: ip, Address: 10.0.0.1}');
      if (seq) entities = y.items(seq).map((item, i) => readEntity(y, `${k}[${i}]`, item, toJs)).filter((x) => x !== undefined);
    } else if (e.key === 'customDetails') {
      if (y.map(k, e.value, 'a mapping of detail name to a list of values')) customDetails = toJs(e.value!) as Record<string, unknown>;
    } else fields[e.key] = e.value === null ? null : toJs(e.value);
  }
  return { fields, entities, customDetails, line };
}

/** `{type: ip, Address: x}` or `{type: ip, identifiers: {Address: x}}`. */
function readEntity(y: YamlReader, key: string, node: Node | null, toJs: (n: Node) => unknown): ExpectedEntity | undefined {
  if (!isMap(node)) return y.error(key, node, 'expected an entity like {type: ip, Address: 10.0.0.1}');
  const js = toJs(node) as Record<string, unknown>;
  const { type, identifiers, ...rest } = js;
  if (typeof type !== 'string') return y.error(`${key}.type`, node, 'is required: the entity type, e.g. ip, account, host');
  if (identifiers !== undefined) {
    if (typeof identifiers !== 'object' || identifiers === null || Array.isArray(identifiers)) return y.error(`${key}.identifiers`, node, 'must be a mapping');
    return { type, identifiers: { ...(identifiers as Record<string, unknown>), ...rest } };
  }
  return { type, identifiers: rest };
}
