/**
 * --follow: the source rows a predicate matches, followed through the stages. Each is dropped by a
 * filter (with the conjunct charged for it), or reaches an output row; rows are followed through
 * filters, extend/project, parse and summarize (into their group); any other operator ends the trail
 * and the report says which one.
 */
import { compileExpr } from '../eval/compile.js';
import { runPlan } from '../eval/run.js';
import type { RunState } from '../eval/state.js';
import type { PlanExpr, SummarizeNode } from '../plan/nodes.js';
import type { Dynamic, Value } from '../types/value.js';
import { type ConjunctsOf, firstRejecting, type NodeRun, rowObject, type StageRun } from './run-stages.js';

/** Where a followed row went. */
export type Fate =
  | { readonly kind: 'dropped'; readonly stage: number; readonly operator: string; readonly text: string; readonly conjunct?: string }
  | { readonly kind: 'output'; readonly row: number; readonly values: Record<string, Dynamic> }
  | { readonly kind: 'untracked'; readonly stage: number; readonly operator: string; readonly text: string };

export interface FollowedRow {
  /** The row's index in the source table. */
  readonly sourceRow: number;
  readonly fate: Fate;
}

export interface FollowReport {
  readonly predicate: string;
  /** How many source rows the predicate matched (all are followed). */
  readonly matched: number;
  readonly rows: FollowedRow[];
}

/** Node kinds whose output rows are their input rows, one for one, in order. */
const ONE_FOR_ONE = new Set(['Project', 'Cache', 'ParseKv']);

const keyText = (vs: readonly Value[]) => JSON.stringify(vs, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

/** For each input row of a summarize, its group's output row; undefined when its outputs do not show every key. */
function groupRows(run: NodeRun, state: RunState): ((row: number) => number | undefined) | undefined {
  const node = run.node as SummarizeNode;
  const keyOutputs = node.keys.map((_k, j) => node.outputs.findIndex((o) => o.expr.kind === 'Column' && o.expr.index === j));
  if (keyOutputs.some((p) => p < 0)) return undefined;
  const byKey = new Map<string, number>();
  for (let r = 0; r < run.output.rowCount; r++) byKey.set(keyText(keyOutputs.map((p) => run.output.columns[p]!.get(r))), r);
  const keys = node.keys.map((k) => compileExpr(k.expr, run.input, state, runPlan));
  return (row) => byKey.get(keyText(keys.map((k) => k(row))));
}

type Step = (row: number) => { next: number } | { fate: Fate };

/** How one node moves a followed row; undefined when kqlx cannot follow rows through it. */
function stepOf(run: NodeRun, stage: StageRun, state: RunState, conjunctsOf: ConjunctsOf): Step | undefined {
  const { node } = run;
  const where = { stage: stage.stage.index, operator: stage.stage.operator, text: stage.stage.text };
  if (node.kind === 'Filter' || (node.kind === 'Parse' && node.dropUnmatched)) {
    const conjuncts = node.kind === 'Filter' ? conjunctsOf(run, stage.stage) : [];
    const rejecting = node.kind === 'Filter' ? firstRejecting(run, conjuncts, state) : undefined;
    const kept = keptPositions(run, rejecting, state);
    return (row) => {
      const next = kept[row]!;
      if (next >= 0) return { next };
      const j = rejecting?.[row] ?? -1;
      return { fate: { kind: 'dropped', ...where, ...(j >= 0 ? { conjunct: conjuncts[j]!.text } : {}) } };
    };
  }
  if (ONE_FOR_ONE.has(node.kind) || (node.kind === 'Parse' && !node.dropUnmatched)) return (row) => ({ next: row });
  if (node.kind === 'Summarize') {
    const group = groupRows(run, state);
    if (!group) return undefined;
    return (row) => {
      const next = group(row);
      return next === undefined ? { fate: { kind: 'dropped', ...where } } : { next };
    };
  }
  return undefined;
}

/**
 * Each input row's position in the output, or -1. A filter's kept rows are those every conjunct holds
 * for; a parse-where's are found by running it again over each row alone.
 */
function keptPositions(run: NodeRun, rejecting: Int32Array | undefined, state: RunState): Int32Array {
  const out = new Int32Array(run.input.rowCount).fill(-1);
  let k = 0;
  if (rejecting) {
    rejecting.forEach((j, r) => {
      if (j < 0) out[r] = k++;
    });
    return out;
  }
  const node = run.node as Extract<typeof run.node, { kind: 'Parse' }>;
  const source = compileExpr(node.source, run.input, state, runPlan);
  for (let r = 0; r < out.length; r++) {
    const text = source(r);
    if (typeof text === 'string' && node.matcher(text)) out[r] = k++;
  }
  return out;
}

export function followRows(runs: readonly StageRun[], predicate: PlanExpr, text: string, state: RunState, conjunctsOf: ConjunctsOf): FollowReport {
  const source = runs[0]!.output;
  const test = compileExpr(predicate, source, state, runPlan);
  const positions = new Map<number, number>();
  for (let r = 0; r < source.rowCount; r++) if (test(r) === true) positions.set(r, r);
  const fates = new Map<number, Fate>();
  for (const stage of runs.slice(1)) {
    for (const run of stage.nodes) {
      if (positions.size === 0) break;
      const step = stepOf(run, stage, state, conjunctsOf);
      for (const [sourceRow, at] of positions) {
        const moved = step ? step(at) : { fate: { kind: 'untracked', stage: stage.stage.index, operator: stage.stage.operator, text: stage.stage.text } as Fate };
        if ('next' in moved) positions.set(sourceRow, moved.next);
        else {
          fates.set(sourceRow, moved.fate);
          positions.delete(sourceRow);
        }
      }
    }
  }
  const output = runs[runs.length - 1]!.output;
  for (const [sourceRow, at] of positions) fates.set(sourceRow, { kind: 'output', row: at, values: rowObject(output, at) });
  const rows = [...fates].sort((a, b) => a[0] - b[0]).map(([sourceRow, fate]) => ({ sourceRow, fate }));
  return { predicate: text, matched: rows.length, rows };
}
