/**
 * top-nested, clause by clause. The rows of each group kept so far are grouped by the clause's key and
 * aggregated; the parent's top N keys by the aggregate become its child groups, in rank order. The
 * rows of the other keys form one left-over group after them when this clause or a later one says
 * `with others`: its key is the others value (null in a clause without one), its aggregate that of all
 * its rows (null likewise), and later clauses do not split it. Each row carries the index of its group,
 * so a clause costs two passes over the input. The last clause's groups are the output rows.
 */
import type { Accumulator } from '../../functions/types.js';
import type { TopNestedLevel, TopNestedNode } from '../../plan/nodes.js';
import { buildColumn, type Column } from '../../table/column.js';
import { Table } from '../../table/table.js';
import { compareValues } from '../../types/compare.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { compileExpr, type PlanRunner } from '../compile.js';
import type { RunState } from '../state.js';
import { AggregateSet, GroupIndex } from './summarize.js';

/** The groups of one clause, in output order. */
interface Groups {
  /** Each group's parent among the previous clause's groups. */
  readonly parent: number[];
  readonly key: Value[];
  readonly value: Value[];
  /** The group holds left-over rows (an others row), not the rows of one key. */
  readonly leftOver: boolean[];
}

/** A row in no group (its key was not kept and there is no left-over group for it). */
const DROPPED = -1;

export function runTopNested(node: TopNestedNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const keepLeftOver = node.levels.map((_, i) => node.levels.slice(i).some((l) => l.others !== undefined));
  // Before the first clause, every row is in the one root group.
  let parentLeftOver: readonly boolean[] = [false];
  let rowGroup: Int32Array = new Int32Array(input.rowCount);
  const levels = node.levels.map((level, i) => {
    const result = runLevel(level, keepLeftOver[i]!, parentLeftOver, rowGroup, input, state, runPlan);
    parentLeftOver = result.groups.leftOver;
    rowGroup = result.rowGroup;
    return result.groups;
  });
  return outputTable(node, levels, state);
}

function runLevel(
  level: TopNestedLevel, keepLeftOver: boolean, parentLeftOver: readonly boolean[], rowGroup: Int32Array,
  input: Table, state: RunState, runPlan: PlanRunner,
): { groups: Groups; rowGroup: Int32Array } {
  const n = input.rowCount;
  const keyFn = compileExpr(level.key, input, state, runPlan);
  const aggregates = new AggregateSet(level.aggregates, input, state, runPlan);
  const count = level.count ? compileExpr(level.count, input, state, runPlan)(0) : null;
  const keep = typeof count === 'number' ? Math.max(0, count) : Infinity;
  const othersKey = level.others ? compileExpr(level.others, input, state, runPlan)(0) : null;

  // Pass 1: the rows of each parent that is not left over, grouped by key within the parent and aggregated.
  const indexes: GroupIndex[] = [];
  const keyBuf: Value[] = [null];
  const candidateKey: Value[] = [];
  const candidateAccs: Accumulator[][] = [];
  const candidatesOf: number[][] = parentLeftOver.map(() => []);
  const rowCandidate = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const p = rowGroup[r]!;
    if (p === DROPPED || parentLeftOver[p]) continue;
    keyBuf[0] = keyFn(r);
    const index = (indexes[p] ??= new GroupIndex([level.key.type]));
    let c = index.find(keyBuf);
    if (c < 0) {
      c = candidateKey.length;
      index.add(keyBuf, c);
      candidateKey.push(keyBuf[0]);
      candidateAccs.push(aggregates.create());
      candidatesOf[p]!.push(c);
    }
    aggregates.add(candidateAccs[c]!, r);
    rowCandidate[r] = c;
  }
  const candidateValue = valuesOf(level, aggregates, candidateAccs, state, runPlan);

  // This clause's groups, parent by parent: the kept keys in rank order, then the left-over group.
  const groups: Groups = { parent: [], key: [], value: [], leftOver: [] };
  const addGroup = (parent: number, key: Value, value: Value, leftOver: boolean): number => {
    groups.parent.push(parent);
    groups.key.push(key);
    groups.value.push(value);
    groups.leftOver.push(leftOver);
    return groups.parent.length - 1;
  };
  const groupOfCandidate = new Int32Array(candidateKey.length).fill(DROPPED);
  const leftOverOf = new Int32Array(parentLeftOver.length).fill(DROPPED);
  parentLeftOver.forEach((isLeftOver, p) => {
    if (isLeftOver) {
      leftOverOf[p] = addGroup(p, othersKey, null, true);
      return;
    }
    const ranked = rank(candidatesOf[p]!, candidateValue, level.value.type, level.descending);
    const kept = Math.min(ranked.length, keep);
    for (let k = 0; k < kept; k++) {
      const c = ranked[k]!;
      groupOfCandidate[c] = addGroup(p, candidateKey[c] ?? null, candidateValue[c] ?? null, false);
    }
    if (kept < ranked.length && keepLeftOver) leftOverOf[p] = addGroup(p, othersKey, null, true);
  });

  // Pass 2: each row moves to its group of this clause; left-over rows are aggregated under `with others`.
  const next = new Int32Array(n);
  const leftOverAccs: Accumulator[][] = []; // by group, for the left-over groups
  for (let r = 0; r < n; r++) {
    const p = rowGroup[r]!;
    let g = p === DROPPED || parentLeftOver[p] ? DROPPED : groupOfCandidate[rowCandidate[r]!]!;
    if (g === DROPPED && p !== DROPPED) {
      g = leftOverOf[p]!;
      if (g !== DROPPED && level.others) {
        aggregates.add((leftOverAccs[g] ??= aggregates.create()), r);
      }
    }
    next[r] = g;
  }
  const leftOverGroups = groups.leftOver.flatMap((isLeftOver, g) => (isLeftOver && leftOverAccs[g] ? [g] : []));
  const leftOverValues = valuesOf(level, aggregates, leftOverGroups.map((g) => leftOverAccs[g]!), state, runPlan);
  leftOverGroups.forEach((g, i) => (groups.value[g] = leftOverValues[i] ?? null));
  return { groups, rowGroup: next };
}

/** The aggregation's value for each set of accumulators. */
function valuesOf(level: TopNestedLevel, aggregates: AggregateSet, accs: Accumulator[][], state: RunState, runPlan: PlanRunner): Value[] {
  const columns = aggregates.results(accs, state.stringNulls);
  const results = new Table(columns.map((c, i) => ({ name: `#${i}`, type: c.type })), columns, accs.length);
  const value = compileExpr(level.value, results, state, runPlan);
  return Array.from({ length: accs.length }, (_, g) => value(g));
}

const missing = (v: Value): boolean => v === null || Number.isNaN(v);

/** A parent's candidate keys, top first: by value, missing values (null, NaN) last, ties in order of first appearance. */
function rank(candidates: readonly number[], values: readonly Value[], type: ScalarType, descending: boolean): number[] {
  return [...candidates].sort((a, b) => {
    const x = values[a] ?? null;
    const y = values[b] ?? null;
    if (missing(x) || missing(y)) return Number(missing(x)) - Number(missing(y));
    const order = compareValues(x, y, type);
    return descending ? -order : order;
  });
}

/** One row per group of the last clause, with the key and aggregate of each of its ancestors. */
function outputTable(node: TopNestedNode, levels: readonly Groups[], state: RunState): Table {
  const rows = levels[levels.length - 1]?.parent.length ?? 0;
  // groupAt[L][i]: the group of clause L that output row i descends from.
  const groupAt: Int32Array[] = new Array<Int32Array>(levels.length);
  let at = Int32Array.from({ length: rows }, (_, i) => i);
  for (let l = levels.length - 1; l >= 0; l--) {
    groupAt[l] = at;
    const parent = levels[l]!.parent;
    at = at.map((g) => parent[g]!);
  }
  const columns: Column[] = [];
  node.levels.forEach((level, l) => {
    const groups = levels[l]!;
    const of = groupAt[l]!;
    columns.push(buildColumn(level.key.type, rows, (i) => groups.key[of[i]!] ?? null, state.stringNulls));
    columns.push(buildColumn(level.value.type, rows, (i) => groups.value[of[i]!] ?? null, state.stringNulls));
  });
  return new Table(node.schema, columns, rows);
}
