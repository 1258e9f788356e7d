/**
 * Binding a rule: every expression it has — its filters, aggregation arguments and trigger, first-seen
 * values, the fields it groups by, counts and puts on entities, its template placeholders and score
 * field — analyzed against the records' fields. `kqlx check` reports what fails; a run needs none to.
 */
import { SourceText } from '../common/source.js';
import { diag } from '../diagnostics/catalog.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../diagnostics/diagnostic.js';
import type { ScalarType } from '../types/scalar-type.js';
import { type Evaluated, ExpressionEvaluator } from './evaluate.js';
import type { CseRule, RuleExpression } from './rule.js';
import { placeholders, parseTemplate } from './templates.js';

export interface ExpressionReport {
  /** A rule expression (filter, aggregation argument, trigger, first-seen value), not a field name or placeholder the rule's keys give. */
  readonly isExpression: boolean;
  readonly key: string;
  readonly text: string;
  readonly source: SourceText;
  readonly diagnostics: LocatedDiagnostic[];
}

/** What an expression must give: a filter is true or false; a value anything; a field is a name from the rule's keys. */
type Role = 'filter' | 'value' | 'field';

export interface BoundRule {
  readonly reports: ExpressionReport[];
  readonly ok: boolean;
}

const BOOLEAN_LIKE: readonly ScalarType[] = ['bool', 'dynamic'];

function named(rule: CseRule, key: string): string {
  return `${rule.file}: ${rule.id} ${key}`;
}

/** Every expression of the rule with its role, and the expressions derived from its keys. */
export function ruleParts(rule: CseRule): { expr: RuleExpression; role: Role }[] {
  const parts: { expr: RuleExpression; role: Role }[] = [];
  const at = { line: 0, col: 0 };
  const field = (key: string, text: string) => parts.push({ expr: { key, text, ...at }, role: 'field' });
  switch (rule.type) {
    case 'match':
    case 'templated_match':
    case 'threshold':
      parts.push({ expr: rule.expression, role: 'filter' });
      if (rule.type === 'threshold' && rule.countField) field('count_field', rule.countField);
      break;
    case 'chain':
      for (const s of rule.steps) parts.push({ expr: s.expression, role: 'filter' });
      break;
    case 'aggregation':
      parts.push({ expr: rule.expression, role: 'filter' });
      for (const a of rule.aggregations) parts.push({ expr: a.argument, role: 'value' });
      break;
    case 'first_seen':
      parts.push({ expr: rule.expression, role: 'filter' });
      for (const v of rule.values) parts.push({ expr: v, role: 'value' });
      break;
    case 'outlier':
      parts.push({ expr: rule.expression, role: 'filter' });
      parts.push({ expr: rule.aggregation.argument, role: 'value' });
      break;
  }
  if ('groupBy' in rule) rule.groupBy.forEach((f, i) => field(`group_by_fields[${i}]`, f));
  for (const s of rule.entitySelectors) field(`${s.key}.expression`, s.field);
  if (rule.score.kind !== 'constant') field('score_mapping.field', rule.score.field);
  for (const t of [rule.nameTemplate, rule.summaryTemplate, rule.descriptionTemplate]) {
    if (!t) continue;
    for (const p of placeholders(parseTemplate(t.text).template)) field(`${t.key} {{${p.expression}}}`, p.expression);
  }
  return parts;
}

export function bindRule(rule: CseRule, evaluator: ExpressionEvaluator): BoundRule {
  const reports: ExpressionReport[] = [];
  for (const { expr, role } of ruleParts(rule)) {
    const evaluated: Evaluated = evaluator.evaluate(expr.text, named(rule, expr.key));
    const diagnostics = [...evaluated.diagnostics];
    if (role === 'filter' && evaluated.type && !diagnostics.some((d) => d.severity === 'error') && !BOOLEAN_LIKE.includes(evaluated.type)) {
      diagnostics.push(locate(diag.cseNotBoolean(evaluated.type, { start: 0, end: expr.text.length }), evaluated.source));
    }
    reports.push({ isExpression: role !== 'field', key: expr.key, text: expr.text, source: evaluated.source, diagnostics });
  }
  for (const t of [rule.nameTemplate, rule.summaryTemplate, rule.descriptionTemplate]) {
    if (!t) continue;
    const source = new SourceText(t.text, named(rule, t.key));
    const { diagnostics } = parseTemplate(t.text);
    if (diagnostics.length > 0) reports.push({ isExpression: false, key: t.key, text: t.text, source, diagnostics: diagnostics.map((d) => locate(d, source)) });
  }
  return { reports, ok: reports.every((r) => !r.diagnostics.some((d) => d.severity === 'error')) };
}
