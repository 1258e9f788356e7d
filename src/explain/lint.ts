/**
 * lint: findings where a rule's logic and its own metadata disagree, or where code is dead. Read from
 * the bound plan (the stages, their conjuncts as conditions) and the rule's settings; no data needed.
 */
import type { Analyzed } from '../engine.js';
import { newRunState } from '../engine.js';
import { compileExpr } from '../eval/compile.js';
import { runPlan } from '../eval/run.js';
import type { PlanExpr, PlanNode } from '../plan/nodes.js';
import { rowOf } from '../plan/print-expr.js';
import { exprOperands, nodeChildren, nodeExpressions, walkPlan } from '../plan/walk.js';
import { type ColumnSchema, Table } from '../table/table.js';
import { formatTimespan } from '../types/timespan.js';
import type { Value } from '../types/value.js';
import { readCondition } from './conditions.js';
import { type Conjunct, filterConjuncts } from './conjuncts.js';
import { type Finding, finding } from './lint-codes.js';
import { queryStages, type Stage } from './stages.js';

/** What lint reads of a rule besides its query. */
export interface LintRule {
  readonly description: string;
  /** The line of `description:` in the file. */
  readonly descriptionLine: number;
  /** Ticks. */
  readonly queryPeriod?: bigint;
}

interface StageConjunct extends Conjunct {
  readonly stage: Stage;
  readonly input: readonly ColumnSchema[];
  readonly node: PlanNode;
}

function stageConjuncts(analyzed: Analyzed, stages: readonly Stage[]): StageConjunct[] {
  return stages.flatMap((stage) => stage.nodes.flatMap((node) => {
    if (node.kind !== 'Filter') return [];
    const input = nodeChildren(node)[0]?.node.schema ?? [];
    return filterConjuncts(node.predicate, input, stage.syntax, analyzed.source).map((c) => ({ ...c, stage, input, node }));
  }));
}

const columnsOf = (e: PlanExpr): Set<number> => {
  const out = new Set<number>();
  const go = (x: PlanExpr): void => {
    if (x.kind === 'Column') out.add(x.index);
    if (x.kind === 'Scalar' || x.kind === 'ColumnValues' || x.kind === 'Row' || x.kind === 'RowOrder') out.add(-1);
    exprOperands(x).forEach(go);
  };
  go(e);
  return out;
};

/** Address prefixes a description promises (`10.x.x.x`, `192.168.*`): the dotted numbers before the first wildcard. */
function promisedPrefixes(description: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of description.matchAll(/\b(\d{1,3}(?:\.\d{1,3}){0,2})(?:\.(?:x|\*)){1,3}/gi)) if (!out.has(`${m[1]}.`)) out.set(`${m[1]}.`, m[0]);
  return out;
}

/** Every constant string in the filters, and whether a positive private-range test is among them. */
function testedConstants(conjuncts: readonly StageConjunct[]): string[] {
  const out: string[] = [];
  const go = (x: PlanExpr): void => {
    if (x.kind === 'Const' && typeof x.value === 'string') out.push(x.value);
    if (x.kind === 'Apply') (x.constants ?? []).forEach(go);
    exprOperands(x).forEach(go);
  };
  conjuncts.forEach((c) => go(c.expr));
  return out;
}

/** `10.` as `10.0.0.0/8`. */
function cidr(prefix: string): string {
  const octets = prefix.split('.').filter((o) => o !== '');
  return `${[...octets, ...Array(4 - octets.length).fill('0')].join('.')}/${8 * octets.length}`;
}

function untestedPromises(rule: LintRule, conjuncts: readonly StageConjunct[]): Finding[] {
  const constants = testedConstants(conjuncts);
  return [...promisedPrefixes(rule.description)].filter(([prefix]) => !constants.some((c) => c.startsWith(prefix))).map(([prefix, written]) => finding(
    'untestedPromise', rule.descriptionLine,
    `the description speaks of ${written} addresses, but no filter of the query tests an address against ${prefix}`,
    `add the filter the description promises (\`| where ipv4_is_in_range(<address column>, "${cidr(prefix)}")\`), or correct the description`,
  ));
}

/** The value `e` takes on a row where column `index` holds `v` (no other column is read). */
function valueOn(e: PlanExpr, schema: StageConjunct['input'], index: number, v: Value, analyzed: Analyzed): Value {
  const row = schema.map((c, i) => (i === index ? v : c.type === 'string' ? '' : null));
  const table = Table.fromRows(schema, [row]);
  const state = newRunState({ tables: () => undefined }, analyzed.language);
  return compileExpr(e, table, state, runPlan)(0);
}

function deadExclusionValues(analyzed: Analyzed, conjuncts: readonly StageConjunct[]): Finding[] {
  const out: Finding[] = [];
  conjuncts.forEach((c, i) => {
    const row = rowOf(c.input);
    const condition = readCondition(c.expr, row);
    if (!condition?.negated || (condition.kind !== 'in' && condition.kind !== '==')) return;
    for (const earlier of conjuncts.slice(0, i)) {
      const used = [...columnsOf(earlier.expr)];
      if (used.length !== 1 || used[0]! < 0) continue;
      const index = used[0]!;
      if (row[index] === undefined || rowOf(earlier.input)[index] !== condition.field || earlier.input[index]!.type !== 'string') continue;
      for (const value of condition.values) {
        if (valueOn(earlier.expr, earlier.input, index, value, analyzed) === true) continue;
        out.push(finding(
          'deadExclusionValue', c.stage.line,
          `"${value}" in \`${c.text}\` can never be seen: \`${earlier.text}\` (stage ${earlier.stage.index}) already removed every row whose ${condition.field} is "${value}"`,
          `remove "${value}" from the list, or move the exclusion before stage ${earlier.stage.index} if rows like it should be able to alert`,
        ));
      }
    }
  });
  return out;
}

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

function mismatchedTypes(conjuncts: readonly StageConjunct[]): Finding[] {
  return conjuncts.flatMap((c) => {
    if (c.expr.kind !== 'Apply' || !['infix', 'list', 'range'].includes(c.expr.notation)) return [];
    const [subject, ...rest] = [...c.expr.args, ...(c.expr.constants ?? [])];
    if (subject?.kind !== 'Column') return [];
    const column = c.input[subject.index]!;
    const strings = rest.filter((x) => x.kind === 'Const' && x.type === 'string');
    const numbers = rest.filter((x) => x.kind === 'Const' && NUMERIC.has(x.type));
    const mismatch = (NUMERIC.has(column.type) && strings.length > 0) || (column.type === 'string' && numbers.length > 0);
    if (!mismatch) return [];
    return [finding(
      'mismatchedTypes', c.stage.line,
      `\`${c.text}\` compares ${column.name} (${column.type}) with ${NUMERIC.has(column.type) ? 'string' : 'number'} literals`,
      NUMERIC.has(column.type) ? `write the values as numbers: ${column.name} ${c.expr.name} (…) without quotes` : `quote the values, or convert ${column.name}`,
    )];
  });
}

/** Each constant timespan argument of ago() and bin() anywhere in the plan. */
function timespanCalls(plan: PlanNode, name: 'ago' | 'bin'): bigint[] {
  const out: bigint[] = [];
  const go = (x: PlanExpr): void => {
    if (x.kind === 'Apply' && x.name === name) {
      const span = x.args.find((a) => a.kind === 'Const' && a.type === 'timespan');
      if (span?.kind === 'Const' && typeof span.value === 'bigint') out.push(span.value);
    }
    exprOperands(x).forEach(go);
  };
  walkPlan(plan, (node) => nodeExpressions(node).forEach(go));
  return out;
}

function periodFindings(analyzed: Analyzed, rule: LintRule, line: number): Finding[] {
  const period = rule.queryPeriod;
  if (period === undefined || !analyzed.plan) return [];
  const longest = (xs: bigint[]) => xs.reduce<bigint | undefined>((m, x) => (m === undefined || x > m ? x : m), undefined);
  const out: Finding[] = [];
  const ago = longest(timespanCalls(analyzed.plan, 'ago'));
  if (ago !== undefined && ago > period) {
    out.push(finding('lookbackBeyondPeriod', line, `ago(${formatTimespan(ago)}) looks back further than the queryPeriod ${formatTimespan(period)}: the rule only ever sees ${formatTimespan(period)} of data`, `set queryPeriod to at least ${formatTimespan(ago)}, or shorten the lookback`));
  }
  const bin = longest(timespanCalls(analyzed.plan, 'bin'));
  if (bin !== undefined && bin > period) {
    out.push(finding('binBeyondPeriod', line, `bin(…, ${formatTimespan(bin)}) is wider than the queryPeriod ${formatTimespan(period)}: no bin is ever complete`, `set queryPeriod to at least ${formatTimespan(bin)}, or use a smaller bin`));
  }
  return out;
}

export function lint(analyzed: Analyzed, rule?: LintRule): Finding[] {
  const stages = queryStages(analyzed);
  if (!stages) return [];
  const conjuncts = stageConjuncts(analyzed, stages);
  const queryLine = stages[0]!.line;
  return [
    ...(rule ? untestedPromises(rule, conjuncts) : []),
    ...deadExclusionValues(analyzed, conjuncts),
    ...mismatchedTypes(conjuncts),
    ...(rule ? periodFindings(analyzed, rule, queryLine) : []),
  ];
}
