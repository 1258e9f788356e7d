/**
 * Reading a Sentinel analytic-rule YAML into a Rule, checking every field against the limits the
 * template validator and the service enforce. Each mistake becomes one problem with its key, line
 * and column; the rule is returned only when there are no errors. The query's own KQL and the
 * columns it produces are checked separately (check-columns.ts), because that needs the binder.
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import { readRuleQuery } from '../rules/query-source.js';
import { DAY, DURATION_FORMS, formatRuleDuration, HOUR, MINUTE, parseRuleDuration } from '../rules/duration.js';
import type { RuleProblem } from '../rules/problems.js';
import type { TriggerOperator } from '../rules/trigger.js';
import { readAlertSettings } from './read-alert-settings.js';
import type { Rule } from './rule.js';
import {
  AGGREGATION_KINDS, canonical, KNOWN_RULE_KEYS, RULE_KINDS, SEVERITIES, TACTICS, TECHNIQUE, TRIGGER_OPERATORS,
  type AggregationKind,
} from './vocabulary.js';
import { present, YamlReader } from '../rules/yaml-reader.js';

export interface ReadRuleResult {
  readonly rule?: Rule;
  readonly problems: RuleProblem[];
}

const MAX_QUERY_CHARS = 10_000;

export function readRule(text: string, file: string): ReadRuleResult {
  const parsed = readRuleQuery(text, file);
  const { document, lineCounter } = parsed;
  const syntax = document.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    let message = `YAML syntax error: ${syntax.message.split('\n')[0]}`;
    if (syntax.code === 'DUPLICATE_KEY') message += ` (the key on this line appears twice)`;
    return { problems: [{ file, ...pos, key: '', message, severity: 'error' }] };
  }
  const y = new YamlReader(file, lineCounter);
  const root = document.contents;
  if (!isMap(root)) {
    y.error('', root as Node | null, 'a rule file must be a YAML mapping (key: value lines), not a list or a single value');
    return { problems: y.problems };
  }
  for (const e of y.entries(root)) {
    if (!KNOWN_RULE_KEYS.has(e.key)) y.warn(e.key, e.keyNode, `unknown key '${e.key}' is ignored (is it misspelled?)`);
  }

  const get = (key: string) => y.entry(root, key);
  const required = (key: string, why = ''): Node | null | undefined => {
    const e = get(key);
    if (!e) y.error(key, null, `is required${why} but missing`);
    return e?.value;
  };

  const nameNode = required('name');
  const name = nameNode !== undefined ? limitText(y, 'name', nameNode, 256) : undefined;
  const descEntry = get('description');
  const description = descEntry ? limitText(y, 'description', descEntry.value, 5000) : '';
  const severity = closed(y, 'severity', required('severity'), SEVERITIES);
  const kind = closed(y, 'kind', required('kind'), RULE_KINDS);

  let query = parsed.query;
  if (!query) {
    const q = get('query');
    if (!q) y.error('query', null, 'is required but missing');
    else y.error('query', q.value, 'must be the KQL text of the rule');
  } else if (query.text.trim() === '') {
    y.error('query', get('query')!.value, 'must not be empty');
    query = undefined;
  } else if (query.text.length > MAX_QUERY_CHARS) {
    y.error('query', get('query')!.value, `is ${query.text.length} characters long; Sentinel allows at most ${MAX_QUERY_CHARS}`);
  }

  const schedule = kind === 'NRT' ? readNrt(y, root) : readSchedule(y, root);
  const tactics = readTactics(y, present(get('tactics')?.value));
  const techniques = readTechniques(y, present(get('relevantTechniques')?.value));
  const alertSettings = readAlertSettings(y, root);
  const aggregation = readAggregation(y, present(get('eventGroupingSettings')?.value));
  const suppression = readSuppression(y, root);

  const failed = y.problems.some((p) => p.severity === 'error');
  const problems = y.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  if (failed || !name || !severity || !kind || !query || !schedule || !alertSettings) return { problems };
  const idEntry = get('id');
  return {
    problems,
    rule: {
      file,
      id: idEntry ? String((idEntry.value as { value?: unknown } | null)?.value ?? '') : undefined,
      name,
      description: description ?? '',
      severity,
      kind,
      ...schedule,
      tactics: tactics ?? [],
      techniques: techniques ?? [],
      query,
      ...alertSettings,
      aggregation: aggregation ?? 'SingleAlert',
      suppressionEnabled: suppression.enabled,
      suppressionDuration: suppression.duration,
    },
  };
}

function limitText(y: YamlReader, key: string, node: Node | null, max: number): string | undefined {
  const s = y.text(key, node);
  if (s !== undefined && s.length > max) return y.error(key, node, `is ${s.length} characters long; Sentinel allows at most ${max}`);
  return s;
}

function closed<T extends string>(y: YamlReader, key: string, node: Node | null | undefined, values: readonly T[]): T | undefined {
  if (node === undefined) return undefined;
  const s = y.text(key, node);
  if (s === undefined) return undefined;
  const v = canonical(values, s.trim());
  if (!v) return y.error(key, node, `'${s}' is not one of ${values.join(', ')}`);
  return v;
}

interface Schedule {
  queryFrequency: bigint;
  queryPeriod: bigint;
  triggerOperator: TriggerOperator;
  triggerThreshold: number;
}

export function readDuration(y: YamlReader, key: string, node: Node | null, min: bigint, max: bigint): bigint | undefined {
  const s = y.text(key, node);
  if (s === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(s)) return y.error(key, node, `'${s}' has no unit; write it as one of ${DURATION_FORMS}`);
  const ticks = parseRuleDuration(s);
  if (ticks === undefined) return y.error(key, node, `'${s}' is not a duration; write it as one of ${DURATION_FORMS}`);
  if (ticks < min) return y.error(key, node, `'${s}' is shorter than ${formatRuleDuration(min)}, the least Sentinel allows`);
  if (ticks > max) return y.error(key, node, `'${s}' is longer than ${describeMax(max)}, the most Sentinel allows`);
  return ticks;
}

function describeMax(ticks: bigint): string {
  if (ticks % DAY === 0n && ticks >= 2n * DAY) return `${ticks / DAY} days`;
  if (ticks % HOUR === 0n) return `${ticks / HOUR} hours`;
  return formatRuleDuration(ticks);
}

function readSchedule(y: YamlReader, root: YAMLMap): Schedule | undefined {
  const why = ' for Scheduled rules';
  const need = (key: string) => {
    const e = y.entry(root, key);
    if (!e) y.error(key, null, `is required${why} but missing`);
    return e;
  };
  const fEntry = need('queryFrequency');
  const pEntry = need('queryPeriod');
  const oEntry = need('triggerOperator');
  const tEntry = need('triggerThreshold');
  const frequency = fEntry ? readDuration(y, 'queryFrequency', fEntry.value, 5n * MINUTE, 14n * DAY) : undefined;
  const period = pEntry ? readDuration(y, 'queryPeriod', pEntry.value, 5n * MINUTE, 14n * DAY) : undefined;
  if (frequency !== undefined && period !== undefined) {
    if (period < frequency) {
      y.error('queryPeriod', pEntry!.value, `(${formatRuleDuration(period)}) must be at least queryFrequency (${formatRuleDuration(frequency)}), or events between runs would never be looked at`);
    } else if (period >= 2n * DAY && frequency < HOUR) {
      y.error('queryFrequency', fEntry!.value, `must be at least 1h when queryPeriod is 2 days or more (it is ${formatRuleDuration(frequency)})`);
    }
  }
  let operator: TriggerOperator | undefined;
  if (oEntry) {
    const s = y.text('triggerOperator', oEntry.value);
    if (s !== undefined) {
      operator = TRIGGER_OPERATORS[s.trim().toLowerCase()];
      if (!operator) y.error('triggerOperator', oEntry.value, `'${s}' is not one of gt, lt, eq, ne (or GreaterThan, LessThan, Equal, NotEqual)`);
    }
  }
  let threshold: number | undefined;
  if (tEntry) {
    threshold = y.integer('triggerThreshold', tEntry.value);
    if (threshold !== undefined && (threshold < 0 || threshold > 10_000)) {
      threshold = y.error('triggerThreshold', tEntry.value, `${threshold} is outside 0..10000, the range Sentinel allows`);
    }
  }
  if (frequency === undefined || period === undefined || !operator || threshold === undefined) return undefined;
  return { queryFrequency: frequency, queryPeriod: period, triggerOperator: operator, triggerThreshold: threshold };
}

/** NRT rules have no schedule or trigger: they run every minute over the last minute and fire on any row. */
function readNrt(y: YamlReader, root: YAMLMap): Schedule {
  for (const key of ['queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold']) {
    const e = y.entry(root, key);
    if (e) y.warn(key, e.keyNode, 'is ignored for NRT rules, which run every minute and fire on any result row');
  }
  return { queryFrequency: MINUTE, queryPeriod: MINUTE, triggerOperator: 'gt', triggerThreshold: 0 };
}

function readTactics(y: YamlReader, node: Node | null): string[] | undefined {
  if (node === null) return undefined;
  const seq = y.seq('tactics', node, 'a list of tactics');
  if (!seq) return undefined;
  const out: string[] = [];
  y.items(seq).forEach((item, i) => {
    const key = `tactics[${i}]`;
    const s = y.text(key, item);
    if (s === undefined) return;
    const t = canonical(TACTICS, s.replace(/\s+/g, ''));
    if (!t) y.error(key, item, `'${s}' is not a tactic; use one of ${TACTICS.join(', ')}`);
    else out.push(t);
  });
  return out;
}

function readTechniques(y: YamlReader, node: Node | null): string[] | undefined {
  if (node === null) return undefined;
  const seq = y.seq('relevantTechniques', node, 'a list of techniques');
  if (!seq) return undefined;
  const out: string[] = [];
  y.items(seq).forEach((item, i) => {
    const key = `relevantTechniques[${i}]`;
    const s = y.text(key, item);
    if (s === undefined) return;
    if (!TECHNIQUE.test(s.trim())) y.error(key, item, `'${s}' is not a MITRE technique id like T1046 or T1078.004`);
    else out.push(s.trim());
  });
  return out;
}

function readAggregation(y: YamlReader, node: Node | null): AggregationKind | undefined {
  if (node === null) return undefined;
  const map = y.map('eventGroupingSettings', node);
  if (!map) return undefined;
  const e = y.entry(map, 'aggregationKind');
  if (!e || present(e.value) === null) return undefined;
  return closed(y, 'eventGroupingSettings.aggregationKind', e.value, AGGREGATION_KINDS);
}

function readSuppression(y: YamlReader, root: YAMLMap): { enabled: boolean; duration: bigint } {
  const en = y.entry(root, 'suppressionEnabled');
  const du = y.entry(root, 'suppressionDuration');
  const enabled = en ? (y.boolean('suppressionEnabled', en.value) ?? false) : false;
  // The solution packager's default when the template says nothing.
  let duration = HOUR;
  if (du) duration = readDuration(y, 'suppressionDuration', du.value, 1n, 24n * HOUR) ?? HOUR;
  else if (enabled) y.error('suppressionDuration', en!.value, 'is required when suppressionEnabled is true');
  return { enabled, duration };
}
