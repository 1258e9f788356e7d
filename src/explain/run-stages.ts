/**
 * Runs a plan's stages one node at a time, each node over the table the node below it returned, so
 * that every stage's input and output are at hand (the per-stage counts of `explain`). Each node runs
 * with its input replaced by that table, which is exactly what running the prefix of the pipeline
 * up to it gives.
 */
import { compileExpr } from '../eval/compile.js';
import { runPlan } from '../eval/run.js';
import type { RunState } from '../eval/state.js';
import type { PlanNode, ValuesNode } from '../plan/nodes.js';
import { jsonValue } from '../io/format.js';
import type { Table } from '../table/table.js';
import type { Dynamic } from '../types/value.js';
import type { Conjunct } from './conjuncts.js';
import type { Stage } from './stages.js';

/** One node's run: the table it read (its first input) and the table it returned. */
export interface NodeRun {
  readonly node: PlanNode;
  readonly input: Table;
  readonly output: Table;
}

const values = (table: Table): ValuesNode => ({ kind: 'Values', table, schema: table.schema });

/** The node with its first input replaced by a table already computed; undefined for a kind without one. */
function overInput(node: PlanNode, input: Table): PlanNode | undefined {
  if (node.kind === 'Join') return { ...node, left: values(input) };
  if (node.kind === 'Union') return { ...node, inputs: [values(input), ...node.inputs.slice(1)] };
  if ('input' in node) return { ...node, input: values(input) } as PlanNode;
  return undefined;
}

/** Runs `node` over `input` (its first input's table). */
export function runNodeOver(node: PlanNode, input: Table, state: RunState): NodeRun {
  const replaced = overInput(node, input);
  return { node, input, output: runPlan(replaced ?? node, state) };
}

/** A stage's run: its stage, the runs of its plan nodes in order, its input and output tables. */
export interface StageRun {
  readonly stage: Stage;
  readonly nodes: readonly NodeRun[];
  readonly input: Table;
  readonly output: Table;
}

/** Each filter node's conjuncts, with their text; found once per explain. */
export type ConjunctsOf = (run: NodeRun, stage: Stage) => Conjunct[];

/** Runs the source, then each stage's nodes over the table the one before returned. */
export function runStages(stages: readonly Stage[], state: RunState): StageRun[] {
  const [source, ...operators] = stages;
  const table = runPlan(source!.nodes[0]!, state);
  const runs: StageRun[] = [{ stage: source!, nodes: [], input: table, output: table }];
  let current = table;
  for (const stage of operators) {
    const input = current;
    const nodes = stage.nodes.map((node) => {
      const run = runNodeOver(node, current, state);
      current = run.output;
      return run;
    });
    runs.push({ stage, nodes, input, output: current });
  }
  return runs;
}

/** The row's values by column name. */
export function rowObject(table: Table, row: number): Record<string, Dynamic> {
  const out: Record<string, Dynamic> = {};
  table.schema.forEach((c, i) => {
    out[c.name] = jsonValue(table.columns[i]!.get(row), c.type);
  });
  return out;
}

/** For each row of a filter's input, the index of the first conjunct not true for it, or -1 when all are. */
export function firstRejecting(run: NodeRun, conjuncts: readonly Conjunct[], state: RunState): Int32Array {
  const tests = conjuncts.map((c) => compileExpr(c.expr, run.input, state, runPlan));
  const out = new Int32Array(run.input.rowCount).fill(-1);
  for (let r = 0; r < out.length; r++) {
    for (let j = 0; j < tests.length; j++) {
      if (tests[j]!(r) !== true) {
        out[r] = j;
        break;
      }
    }
  }
  return out;
}

