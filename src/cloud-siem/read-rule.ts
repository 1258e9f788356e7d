/**
 * Cloud SIEM rule JSON → `CseRule`s, validated. A file holds one rule object (as one entry of the
 * content catalog), an array of them, or the catalog export itself (an object keyed by rule id).
 * Every mistake is a problem naming the rule, the key, and its line and column in the file; a rule
 * with errors is left out, the others are read.
 */
import { SourceText } from '../common/source.js';
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic, LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { type JsonEntry, type JsonNode, parseJsonDocument } from './json-document.js';
import {
  AGGREGATION_FUNCTIONS, type AggregationFunction, type CseRule, type EntitySelector, type NamedAggregation,
  RULE_TYPES, type RuleExpression, type RuleType, type Score, type ScoreCase,
} from './rule.js';
import { DAY_MS, HOUR_MS, parseWindow, windowProblem } from './windows.js';

export interface RuleFileProblem extends LocatedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The rule's id when the problem is inside one rule. */
  readonly ruleId?: string;
  readonly key: string;
}

export interface ReadRules {
  readonly rules: CseRule[];
  readonly problems: RuleFileProblem[];
}

export function formatRuleFileProblem(p: RuleFileProblem): string {
  const where = [p.ruleId, p.key].filter(Boolean).join(' ');
  return `${p.file}:${p.line}:${p.col}: ${p.severity} ${p.code}: ${where ? `${where}: ` : ''}${p.message}`;
}

/** Reads the rules of one file's text. */
export function readRules(file: string, text: string): ReadRules {
  const source = new SourceText(text, file);
  const parsed = parseJsonDocument(text);
  if ('error' in parsed) {
    const at = source.position(parsed.offset);
    return { rules: [], problems: [{ ...diag.cseRuleJson(parsed.error), file, key: '', ...at }] };
  }
  const problems: RuleFileProblem[] = [];
  const rules: CseRule[] = [];
  const readOne = (node: JsonNode, key: string) => {
    const reader = new RuleReader(file, source, problems);
    const rule = reader.rule(node, key);
    if (rule) rules.push(rule);
  };
  const root = parsed.root;
  if (root.kind === 'array') root.items.forEach((item, i) => readOne(item, `[${i}]`));
  else if (root.kind === 'object' && !isRuleObject(root) && root.entries.length > 0 && root.entries.every((e) => e.value.kind === 'object')) {
    for (const e of root.entries) readOne(e.value, e.key);
  } else readOne(root, '');
  return { rules, problems };
}

function isRuleObject(node: JsonNode & { kind: 'object' }): boolean {
  return node.entries.some((e) => e.key === 'pattern_type' || e.key === 'id_compiled' || e.key === 'expression');
}

type ObjectNode = JsonNode & { kind: 'object' };

/** Reads one rule object, recording problems; undefined when it has errors. */
class RuleReader {
  private ruleId?: string;
  private errors = 0;

  constructor(
    private readonly file: string,
    private readonly source: SourceText,
    private readonly problems: RuleFileProblem[],
  ) {}

  private report(d: Diagnostic, key: string, offset: number): void {
    if (d.severity === 'error') this.errors++;
    this.problems.push({ ...d, file: this.file, ruleId: this.ruleId, key, ...this.source.position(offset) });
  }

  private keyError(key: string, offset: number, message: string): undefined {
    this.report(diag.cseRuleKey(message), key, offset);
    return undefined;
  }

  private entry(obj: ObjectNode, key: string): JsonEntry | undefined {
    return obj.entries.find((e) => e.key === key);
  }

  /** The value at key, or undefined when it is absent or null. */
  private get(obj: ObjectNode, key: string): JsonNode | undefined {
    const v = this.entry(obj, key)?.value;
    return v && v.kind !== 'null' ? v : undefined;
  }

  private string(obj: ObjectNode, key: string, required: boolean): string | undefined {
    const v = this.get(obj, key);
    if (!v) return required ? this.keyError(key, obj.offset, `the rule has no '${key}'`) : undefined;
    if (v.kind !== 'string') return this.keyError(key, v.offset, `expected text, found ${describe(v)}`);
    return v.value;
  }

  private number(obj: ObjectNode, key: string, required: boolean): number | undefined {
    const v = this.get(obj, key);
    if (!v) return required ? this.keyError(key, obj.offset, `the rule has no '${key}'`) : undefined;
    if (v.kind === 'number') return v.value;
    // The catalog writes some numbers as text ("window_size_milliseconds": "600000").
    if (v.kind === 'string' && /^\d+(?:\.\d+)?$/.test(v.value)) return Number(v.value);
    return this.keyError(key, v.offset, `expected a number, found ${describe(v)}`);
  }

  private boolean(obj: ObjectNode, key: string, fallback: boolean): boolean {
    const v = this.get(obj, key);
    if (!v) return fallback;
    if (v.kind !== 'boolean') return this.keyError(key, v.offset, `expected true or false, found ${describe(v)}`) ?? fallback;
    return v.value;
  }

  private strings(obj: ObjectNode, key: string): string[] {
    const v = this.get(obj, key);
    if (!v) return [];
    if (v.kind !== 'array') return this.keyError(key, v.offset, `expected a list of text, found ${describe(v)}`) ?? [];
    const out: string[] = [];
    v.items.forEach((item, i) => {
      if (item.kind === 'string') out.push(item.value);
      else this.keyError(`${key}[${i}]`, item.offset, `expected text, found ${describe(item)}`);
    });
    return out;
  }

  private expression(obj: ObjectNode, key: string, prefix = ''): RuleExpression | undefined {
    const v = this.get(obj, key);
    const path = `${prefix}${key}`;
    if (!v) return this.keyError(path, obj.offset, `the rule has no '${key}'`);
    if (v.kind !== 'string') return this.keyError(path, v.offset, `expected an expression as text, found ${describe(v)}`);
    // The expression's own line:col start after the opening quote.
    return { text: v.value, key: path, ...this.source.position(v.offset + 1) };
  }

  private template(obj: ObjectNode, key: string): RuleExpression | undefined {
    const v = this.get(obj, key);
    if (!v) return undefined;
    if (v.kind !== 'string') return this.keyError(key, v.offset, `expected text, found ${describe(v)}`);
    return { text: v.value, key, ...this.source.position(v.offset + 1) };
  }

  rule(node: JsonNode, where: string): CseRule | undefined {
    if (node.kind !== 'object') return this.keyError(where, node.offset, `expected a rule object, found ${describe(node)}`);
    const obj = node;
    this.ruleId = this.string(obj, 'id_compiled', false) ?? this.string(obj, 'id_compile', false) ?? (where || undefined);
    const typeNode = this.get(obj, 'pattern_type');
    const typeText = this.string(obj, 'pattern_type', true);
    if (typeText === undefined) return undefined;
    if (!(RULE_TYPES as readonly string[]).includes(typeText)) {
      this.report(diag.cseUnknownRuleType(typeText, RULE_TYPES), 'pattern_type', typeNode!.offset);
      return undefined;
    }
    const type = typeText as RuleType;
    const name = this.string(obj, 'name', true) ?? '';
    const common = {
      file: this.file,
      id: this.ruleId ?? name,
      name,
      nameTemplate: this.template(obj, 'name_expression'),
      summaryTemplate: this.template(obj, 'summary_expression'),
      descriptionTemplate: this.template(obj, 'description_expression'),
      entitySelectors: this.entitySelectors(obj),
      score: this.score(obj),
      tags: this.strings(obj, 'tags'),
      category: this.string(obj, 'category', false),
      isPrototype: this.boolean(obj, 'is_prototype', false),
    };
    const rule = this.typed(obj, type, common);
    return this.errors > 0 ? undefined : rule;
  }

  private typed(obj: ObjectNode, type: RuleType, common: Omit<CseRule, 'type' | 'expression'> & Record<string, unknown>): CseRule | undefined {
    const groupBy = this.strings(obj, 'group_by_fields');
    switch (type) {
      case 'match':
      case 'templated_match': {
        const expression = this.expression(obj, 'expression');
        return expression && { ...common, type, expression };
      }
      case 'threshold': {
        const expression = this.expression(obj, 'expression');
        const countDistinct = this.boolean(obj, 'count_distinct', false);
        const countField = this.string(obj, 'count_field', false) || undefined;
        if (countDistinct && !countField) this.keyError('count_field', obj.offset, 'count_distinct is true, but the rule names no count_field');
        const limit = this.positiveInteger(obj, 'limit');
        const windowMs = this.window(obj, 'window');
        if (!expression || limit === undefined || windowMs === undefined) return undefined;
        return { ...common, type, expression, countDistinct, countField: countDistinct ? countField : undefined, groupBy, limit, windowMs };
      }
      case 'chain': {
        const list = this.get(obj, 'expressions_and_limits');
        if (!list || list.kind !== 'array' || list.items.length < 2) {
          return this.keyError('expressions_and_limits', list?.offset ?? obj.offset, 'a chain rule needs a list of two or more {expression, limit}');
        }
        const steps = list.items.map((item, i) => {
          if (item.kind !== 'object') return this.keyError(`expressions_and_limits[${i}]`, item.offset, `expected {expression, limit}, found ${describe(item)}`);
          const expression = this.expression(item, 'expression', `expressions_and_limits[${i}].`);
          const limit = this.positiveInteger(item, 'limit', `expressions_and_limits[${i}].`);
          return expression && limit !== undefined ? { expression, limit } : undefined;
        });
        const ordered = this.boolean(obj, 'ordered', false);
        if (ordered && steps.length !== 2) this.keyError('ordered', this.get(obj, 'ordered')!.offset, 'a chain in exact order has exactly two expressions (Write a Chain Rule)');
        const windowMs = this.window(obj, 'window');
        if (steps.some((s) => !s) || windowMs === undefined) return undefined;
        return { ...common, type, steps: steps as NonNullable<(typeof steps)[number]>[], ordered, groupBy, windowMs };
      }
      case 'aggregation': {
        const expression = this.expression(obj, 'match_expression');
        const aggregations = this.aggregations(obj);
        const trigger = this.expression(obj, 'trigger_expression');
        const windowMs = this.window(obj, 'window');
        if (!expression || !aggregations || !trigger || windowMs === undefined) return undefined;
        return { ...common, type, expression, aggregations, trigger, groupBy, windowMs };
      }
      case 'first_seen': {
        const expression = this.expression(obj, 'filter_expression');
        const baseline = this.string(obj, 'baseline_type', true);
        if (baseline !== undefined && baseline !== 'GLOBAL' && baseline !== 'PER_ENTITY') {
          this.keyError('baseline_type', this.get(obj, 'baseline_type')!.offset, `expected GLOBAL or PER_ENTITY, found '${baseline}'`);
        }
        const values = this.firstSeenValues(obj);
        const learningMs = this.duration(obj, 'baseline_window_size', true);
        const retentionMs = this.duration(obj, 'retention_window_size', false);
        if (!expression || !values || learningMs === undefined || retentionMs === undefined) return undefined;
        return { ...common, type, expression, perEntity: baseline === 'PER_ENTITY', groupBy, values, learningMs, retentionMs };
      }
      case 'outlier': {
        const expression = this.expression(obj, 'match_expression');
        const aggregations = this.aggregations(obj);
        if (aggregations && aggregations.length !== 1) this.keyError('aggregation_functions', obj.offset, 'an outlier rule has exactly one aggregation');
        const windowMs = this.window(obj, 'window');
        if (windowMs !== undefined && windowMs !== HOUR_MS && windowMs !== DAY_MS) {
          this.report(diag.cseInvalidWindow('an outlier rule builds an hourly (T60M) or daily (T24H) baseline (Write an Outlier Rule)'), 'window', this.get(obj, 'window')!.offset);
        }
        const learningMs = this.duration(obj, 'baseline_window_size', true);
        const retentionMs = this.duration(obj, 'retention_window_size', false);
        const deviationThreshold = this.number(obj, 'deviation_threshold', true);
        const floorValue = this.number(obj, 'floor_value', false) ?? 1;
        if (!expression || !aggregations || windowMs === undefined || learningMs === undefined || retentionMs === undefined || deviationThreshold === undefined) return undefined;
        return { ...common, type, expression, aggregation: aggregations[0]!, groupBy, windowMs, learningMs, retentionMs, deviationThreshold, floorValue };
      }
    }
  }

  private positiveInteger(obj: ObjectNode, key: string, prefix = ''): number | undefined {
    const n = this.number(obj, key, true);
    if (n === undefined) return undefined;
    if (!Number.isInteger(n) || n < 1) return this.keyError(`${prefix}${key}`, this.get(obj, key)!.offset, `expected a whole number of at least 1, found ${n}`);
    return n;
  }

  /** A baseline or retention length in milliseconds; retention defaults to Sumo's 90 days. */
  private duration(obj: ObjectNode, key: string, required: boolean): number | undefined {
    const n = this.number(obj, key, required);
    if (n === undefined) return required ? undefined : 90 * DAY_MS;
    if (!Number.isInteger(n) || n < 0) return this.keyError(key, this.get(obj, key)!.offset, `expected milliseconds (a whole number, 0 or more), found ${n}`);
    return n;
  }

  /** `window`: `5m`, `T05M`, or `CUSTOM` with `window_size` (or `window_size_milliseconds`) in milliseconds. */
  private window(obj: ObjectNode, key: string): number | undefined {
    const text = this.string(obj, key, true);
    if (text === undefined) return undefined;
    const at = this.get(obj, key)!.offset;
    let ms: number | undefined;
    let shown = text;
    if (text === 'CUSTOM') {
      ms = this.number(obj, 'window_size', false) ?? this.number(obj, 'window_size_milliseconds', false);
      if (ms === undefined) return this.keyError('window_size', obj.offset, "window is CUSTOM, but the rule has no 'window_size' in milliseconds");
      shown = `CUSTOM ${ms} ms`;
    } else {
      ms = parseWindow(text);
      if (ms === undefined) {
        this.report(diag.cseInvalidWindow(`invalid window '${text}': expected 5m, 60m, 24h, T05M ... T05D, or CUSTOM with window_size`), key, at);
        return undefined;
      }
    }
    const problem = windowProblem(ms, shown);
    if (problem) {
      this.report(diag.cseInvalidWindow(problem), key, at);
      return undefined;
    }
    return ms;
  }

  private entitySelectors(obj: ObjectNode): EntitySelector[] {
    const v = this.get(obj, 'entity_selectors');
    if (!v) return [];
    if (v.kind !== 'array') return this.keyError('entity_selectors', v.offset, `expected a list of {entity_type, expression}, found ${describe(v)}`) ?? [];
    const out: EntitySelector[] = [];
    v.items.forEach((item, i) => {
      const key = `entity_selectors[${i}]`;
      if (item.kind !== 'object') return this.keyError(key, item.offset, `expected {entity_type, expression}, found ${describe(item)}`);
      const entityType = this.string(item, 'entity_type', true);
      const field = this.string(item, 'expression', true);
      if (entityType !== undefined && field !== undefined) out.push({ entityType, field, key, ...this.source.position(item.offset) });
      return undefined;
    });
    return out;
  }

  private score(obj: ObjectNode): Score {
    const constant = this.number(obj, 'score', false);
    const mapping = this.get(obj, 'score_mapping');
    if (!mapping || mapping.kind !== 'object') return { kind: 'constant', score: constant ?? 1 };
    const type = this.string(mapping, 'type', true);
    const fallback = this.number(mapping, 'default', false) ?? constant ?? 1;
    const field = this.string(mapping, 'field', false) ?? '';
    if (type === 'constant' || type === undefined) return { kind: 'constant', score: constant ?? fallback };
    if (!field) return this.keyError('score_mapping.field', mapping.offset, `score_mapping type '${type}' needs a field`) ?? { kind: 'constant', score: fallback };
    if (type === 'fieldValue') return { kind: 'fieldValue', field, default: fallback };
    if (type !== 'fieldValueMapping') {
      return this.keyError('score_mapping.type', mapping.offset, `expected constant, fieldValue or fieldValueMapping, found '${type}'`) ?? { kind: 'constant', score: fallback };
    }
    const cases: ScoreCase[] = [];
    const list = this.get(mapping, 'mapping');
    for (const [i, item] of (list?.kind === 'array' ? list.items : []).entries()) {
      const key = `score_mapping.mapping[${i}]`;
      if (item.kind !== 'object') {
        this.keyError(key, item.offset, `expected {type, from, to}, found ${describe(item)}`);
        continue;
      }
      const kind = this.string(item, 'type', true);
      const from = this.get(item, 'from');
      const to = this.number(item, 'to', true);
      const fromText = from && (from.kind === 'string' || from.kind === 'number') ? String(from.value) : undefined;
      if (fromText === undefined || to === undefined) {
        this.keyError(key, item.offset, 'a score mapping needs from and to');
        continue;
      }
      if (kind === 'equal') cases.push({ kind: 'equal', value: fromText, score: to });
      else if (kind === 'range') {
        const end = this.get(item, 'from_end');
        const high = end && (end.kind === 'string' || end.kind === 'number') ? Number(end.value) : NaN;
        if (!Number.isFinite(Number(fromText)) || !Number.isFinite(high)) this.keyError(key, item.offset, 'a range mapping needs numeric from and from_end');
        else cases.push({ kind: 'range', low: Number(fromText), high, score: to });
      } else this.keyError(`${key}.type`, item.offset, `expected equal or range, found '${kind}'`);
    }
    return { kind: 'fieldValueMapping', field, default: fallback, cases };
  }

  private aggregations(obj: ObjectNode): NamedAggregation[] | undefined {
    const v = this.get(obj, 'aggregation_functions');
    if (!v || v.kind !== 'array' || v.items.length === 0) {
      return this.keyError('aggregation_functions', v?.offset ?? obj.offset, 'expected a list of {name, function, arguments}');
    }
    const out: NamedAggregation[] = [];
    v.items.forEach((item, i) => {
      const key = `aggregation_functions[${i}]`;
      if (item.kind !== 'object') return this.keyError(key, item.offset, `expected {name, function, arguments}, found ${describe(item)}`);
      const name = this.string(item, 'name', true);
      const fn = this.string(item, 'function', true);
      const args = this.get(item, 'arguments');
      if (fn !== undefined && !(AGGREGATION_FUNCTIONS as readonly string[]).includes(fn)) {
        return this.keyError(`${key}.function`, this.get(item, 'function')!.offset, `unknown aggregation function '${fn}'; expected one of ${AGGREGATION_FUNCTIONS.join(', ')}`);
      }
      if (!args || args.kind !== 'array' || args.items.length !== 1 || args.items[0]!.kind !== 'string') {
        return this.keyError(`${key}.arguments`, args?.offset ?? item.offset, 'expected one argument expression, as text in a list');
      }
      const arg = args.items[0] as JsonNode & { kind: 'string' };
      if (name !== undefined && fn !== undefined) {
        out.push({ name, fn: fn as AggregationFunction, argument: { text: arg.value, key: `${key}.arguments[0]`, ...this.source.position(arg.offset + 1) } });
      }
      return undefined;
    });
    return out.length === v.items.length ? out : undefined;
  }

  /** `value_expression`, or when it is empty, `value_fields` (each a field or `fields["x"]`). */
  private firstSeenValues(obj: ObjectNode): RuleExpression[] | undefined {
    const single = this.get(obj, 'value_expression');
    if (single?.kind === 'string' && single.value.trim() !== '') return [this.expression(obj, 'value_expression')!];
    const fields = this.get(obj, 'value_fields');
    if (fields?.kind === 'array' && fields.items.length > 0) {
      return fields.items.map((item, i) =>
        item.kind === 'string'
          ? { text: item.value, key: `value_fields[${i}]`, ...this.source.position(item.offset + 1) }
          : this.keyError(`value_fields[${i}]`, item.offset, `expected a field name, found ${describe(item)}`)!,
      ).filter(Boolean);
    }
    return this.keyError('value_expression', obj.offset, 'a first seen rule needs value_expression or value_fields');
  }
}

function describe(v: JsonNode): string {
  switch (v.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return `'${v.value}'`;
    default:
      return v.kind === 'null' ? 'null' : String(v.value);
  }
}
