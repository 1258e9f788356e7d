/**
 * explain: what each stage of a query does to the data. For every stage its text, rows in and out;
 * for a filter that is a conjunction, how many rows each conjunct removed (a row is charged to the
 * first conjunct, in written order, that is not true for it); for summarize, its groups; samples of
 * the rows a filter dropped; and, given a predicate over the source, where each matching row went.
 * Browser-safe: the result is plain data the terminal view, JSON output and the playground render.
 */
import { diag } from '../diagnostics/catalog.js';
import { KqlError, type LocatedDiagnostic, locate } from '../diagnostics/diagnostic.js';
import { type Analyzed, newRunState, type RunOptions } from '../engine.js';
import type { RunState } from '../eval/state.js';
import type { Dynamic } from '../types/value.js';
import { filterConjuncts } from './conjuncts.js';
import { bindFollow } from './follow-predicate.js';
import { type ConjunctsOf, firstRejecting, rowObject, runStages, type StageRun } from './run-stages.js';
import { queryStages } from './stages.js';
import { followRows, type FollowReport } from './follow.js';

export interface ConjunctCount {
  readonly text: string;
  readonly removed: number;
}

/** A row a filter dropped: its values by column, and the conjunct charged with it. */
export interface DroppedSample {
  readonly row: Record<string, Dynamic>;
  readonly conjunct: string;
}

export interface StageReport {
  readonly index: number;
  readonly operator: string;
  readonly text: string;
  readonly line: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly groups?: number;
  readonly conjuncts?: ConjunctCount[];
  readonly samples?: DroppedSample[];
}

export interface ExplainReport {
  readonly stages: StageReport[];
  readonly follow?: FollowReport;
}

export interface ExplainOptions extends RunOptions {
  /** How many dropped rows to show per filtering stage (none when absent or 0). */
  readonly samples?: number;
  /** A KQL predicate over the source table's columns: the rows to follow through the pipeline. */
  readonly follow?: string;
}

export interface ExplainResult {
  readonly report?: ExplainReport;
  readonly diagnostics: LocatedDiagnostic[];
}

export function explain(analyzed: Analyzed, options: ExplainOptions): ExplainResult {
  if (!analyzed.plan || analyzed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: analyzed.diagnostics };
  const located = (d: Parameters<typeof locate>[0]) => ({ diagnostics: [...analyzed.diagnostics, locate(d, analyzed.source)] });
  if (analyzed.dataDependent) return located(diag.explainUnsupported('a query whose columns depend on the data (bag_unpack, pivot)'));
  const stages = queryStages(analyzed);
  if (!stages || stages[0]!.nodes.length === 0) return located(diag.explainUnsupported('a query whose last statement is not a tabular expression'));
  const state = newRunState(options, analyzed.language);
  try {
    const runs = runStages(stages, state);
    const conjunctsOf: ConjunctsOf = (run, stage) =>
      run.node.kind === 'Filter' ? filterConjuncts(run.node.predicate, run.input.schema, stage.syntax, analyzed.source) : [];
    let follow: FollowReport | undefined;
    if (options.follow !== undefined) {
      const predicate = bindFollow(options.follow, runs[0]!.output.schema, analyzed.language);
      if ('problem' in predicate) return located(diag.followPredicate(predicate.problem));
      follow = followRows(runs, predicate.expr, options.follow, state, conjunctsOf);
    }
    const report = { stages: runs.map((r) => stageReport(r, state, options.samples ?? 0, conjunctsOf)), ...(follow ? { follow } : {}) };
    return { report, diagnostics: analyzed.diagnostics };
  } catch (e) {
    if (e instanceof KqlError) return located(e.diagnostic);
    throw e;
  }
}

function stageReport(run: StageRun, state: RunState, samples: number, conjunctsOf: ConjunctsOf): StageReport {
  const { stage } = run;
  const summarize = [...run.nodes].reverse().find((n) => n.node.kind === 'Summarize');
  const filters = run.nodes.filter((n) => n.node.kind === 'Filter');
  const base: StageReport = {
    index: stage.index, operator: stage.operator, text: stage.text, line: stage.line,
    rowsIn: run.input.rowCount, rowsOut: run.output.rowCount,
    ...(summarize ? { groups: summarize.output.rowCount } : {}),
  };
  // Conjunct counts and samples need the filter's own input: a stage that is one filter node.
  if (filters.length !== 1 || run.nodes.length !== 1) return base;
  const filter = filters[0]!;
  const conjuncts = conjunctsOf(filter, stage);
  const rejecting = firstRejecting(filter, conjuncts, state);
  const removed = conjuncts.map(() => 0);
  const dropped: DroppedSample[] = [];
  rejecting.forEach((j, r) => {
    if (j < 0) return;
    removed[j]!++;
    if (dropped.length < samples) dropped.push({ row: rowObject(filter.input, r), conjunct: conjuncts[j]!.text });
  });
  return {
    ...base,
    ...(conjuncts.length > 1 ? { conjuncts: conjuncts.map((c, j) => ({ text: c.text, removed: removed[j]! })) } : {}),
    ...(samples > 0 ? { samples: dropped } : {}),
  };
}
