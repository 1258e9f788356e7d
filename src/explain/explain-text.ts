/** The explain report as text for people: one line per stage, its conjuncts and samples under it, then the followed rows. */
import type { ExplainReport, StageReport } from './explain.js';
import type { Fate, FollowReport } from './follow.js';

const firstLine = (text: string) => {
  const lines = text.split('\n');
  return lines.length > 1 ? `${lines[0]} …` : text;
};

function stageLines(s: StageReport, width: number): string[] {
  const counts = s.index === 0 ? `${s.rowsOut}`.padStart(width * 2 + 3) : `${`${s.rowsIn}`.padStart(width)} → ${`${s.rowsOut}`.padEnd(width)}`;
  const removed = s.rowsIn > s.rowsOut && s.groups === undefined ? `  (−${s.rowsIn - s.rowsOut})` : '';
  const groups = s.groups !== undefined ? `  (${s.groups} group${s.groups === 1 ? '' : 's'})` : '';
  const lines = [`${`${s.index}`.padStart(3)}  ${counts}  ${firstLine(s.text)}${removed}${groups}`];
  const indent = ' '.repeat(5 + width * 2 + 5);
  for (const c of s.conjuncts ?? []) lines.push(`${indent}−${`${c.removed}`.padEnd(width)} ${c.text}`);
  for (const sample of s.samples ?? []) lines.push(`${indent}dropped by ${sample.conjunct}: ${JSON.stringify(sample.row)}`);
  return lines;
}

function fateText(f: Fate): string {
  switch (f.kind) {
    case 'dropped':
      return `dropped at stage ${f.stage} (${firstLine(f.text)})${f.conjunct !== undefined ? ` by ${f.conjunct}` : ''}`;
    case 'untracked':
      return `not followed past stage ${f.stage} (${firstLine(f.text)}): explain follows rows through where, extend, project, parse and summarize only`;
    case 'output':
      return `reached output row ${f.row}: ${JSON.stringify(f.values)}`;
  }
}

function followLines(f: FollowReport): string[] {
  const head = `Following ${f.predicate}: ${f.matched} source row${f.matched === 1 ? '' : 's'} match${f.matched === 1 ? 'es' : ''}`;
  // Rows with the same fate are listed together, by their source row numbers.
  const byFate = new Map<string, number[]>();
  for (const r of f.rows) {
    const text = fateText(r.fate);
    byFate.set(text, [...(byFate.get(text) ?? []), r.sourceRow]);
  }
  const shown = (rows: number[]) => (rows.length > 8 ? `${rows.slice(0, 8).join(', ')}, … (${rows.length} rows)` : rows.join(', '));
  return [head, ...[...byFate].map(([text, rows]) => `  source row${rows.length === 1 ? '' : 's'} ${shown(rows)}: ${text}`)];
}

export function explainText(report: ExplainReport): string {
  const width = Math.max(...report.stages.map((s) => `${Math.max(s.rowsIn, s.rowsOut)}`.length), 'rows in'.length);
  const header = `${'#'.padStart(3)}  ${'rows in'.padStart(width)} → ${'out'.padEnd(width)}  stage`;
  const lines = [header, ...report.stages.flatMap((s) => stageLines(s, width))];
  if (report.follow) lines.push('', ...followLines(report.follow));
  return `${lines.join('\n')}\n`;
}
