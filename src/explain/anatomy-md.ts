/** The anatomy of a rule as Markdown: one section per part, tables of fields. */
import type { Anatomy, FieldCondition, MappedField } from './anatomy.js';

/** A Markdown table cell: pipes escaped, line breaks as spaces, so user text cannot break the table. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => `\`${cell(text).replace(/`/g, "'")}\``;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  if (rows.length === 0) return ['(none)'];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const conditions = (cs: readonly FieldCondition[], valuesHead: string) =>
  table(['Stage', 'Field', 'Kind', valuesHead, 'Predicate'], cs.map((c) => [
    `${c.stage}`, cell(c.field), cell(c.kind), cell(c.values.map((v) => (v === '' ? '""' : v)).join(', ')), code(c.text),
  ]));

const mappedRows = (ms: readonly MappedField[]) => ms.map((m) => [cell(m.name), cell(m.field), m.stage === undefined ? '(not in the result)' : `${m.stage}`]);

export function anatomyMarkdown(a: Anatomy, title: string): string {
  const lines = [
    `# ${cell(title)}`, '',
    '## Stages', '',
    ...a.stages.flatMap((s) => [
      `${s.index}. **${s.operator}** (line ${s.line}): ${code(s.text.split('\n')[0]!)}${s.text.includes('\n') ? ' …' : ''}`,
      ...(s.predicates && s.predicates.length > 1 ? s.predicates.map((p) => `   - ${code(p)}`) : []),
    ]), '',
    '## Exclusions', '', 'Top-level negated conjuncts: rows with these values never reach the result.', '',
    ...conditions(a.exclusions, 'Excluded values'), '',
    '## Indicators', '', 'Positive conditions on the rows.', '',
    ...conditions(a.indicators, 'Values'), '',
    '## Thresholds', '', "Conditions on a summarize's aggregates.", '',
    ...conditions(a.thresholds, 'Value'), '',
    '## Output fields', '',
    ...table(['Field', 'Type', 'Stage', 'Operator'], a.outputs.map((o) => [cell(o.field), o.type, `${o.stage}`, o.operator])), '',
    '## Entities', '',
    ...table(['Entity identifier', 'Field', 'Stage'], mappedRows(a.entities)), '',
    '## Custom details', '',
    ...table(['Detail', 'Field', 'Stage'], mappedRows(a.customDetails)),
  ];
  return `${lines.join('\n')}\n`;
}
