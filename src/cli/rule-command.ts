/**
 * `kqlx rule`: run Sentinel analytic rules over loaded tables, once at --now or on their schedule
 * from --from to --to, and print the alerts they raise. Rules are validated (structure, limits,
 * mapped columns) before any data is loaded, and only the tables the queries read are loaded.
 */
import { makeCatalog } from '../engine.js';
import { runJson, simulationJson } from '../rules/alert-json.js';
import { ruleTitle, runText, simulationText } from '../sentinel/alert-text.js';
import { checkRuleColumns, type CheckedRule } from '../sentinel/check-columns.js';
import { formatProblem, type RuleProblem } from '../rules/problems.js';
import type { Rule } from '../sentinel/rule.js';
import { readRuleFile } from '../sentinel/rule-file.js';
import { missingTables, prepareRule, type PreparedRule, RuleRunError, runRule, scheduledRunner } from '../sentinel/run-rule.js';
import { MAX_SIMULATED_RUNS, runTimes, simulateSchedule } from '../rules/schedule.js';
import type { Table } from '../table/table.js';
import { msToTicks, parseDatetime } from '../types/datetime.js';
import { EXIT, UserError } from './exit-codes.js';
import { knownCatalog, loadTables, type TableOptions } from './tables.js';
import { tableSources } from './table-sources.js';
import { projectFor, withProject } from './project.js';
import { absentWatchlists, noteText, windowNotes } from './run-notes.js';
import { colorDiagnostics, useColor } from './terminal.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface RuleOptions extends TableOptions {
  project?: string;
  now?: string;
  from?: string;
  to?: string;
  output: 'text' | 'json';
}

/** When the rules run: one instant, or a schedule between two. */
export type RunTimes = { kind: 'once'; now: bigint } | { kind: 'schedule'; from: bigint; to: bigint };

export function parseInstant(flag: string, text: string): bigint {
  const t = parseDatetime(text);
  if (t === undefined) throw new UserError(`${flag}: '${text}' is not a datetime (use ISO 8601, e.g. 2024-05-01T12:00:00Z)`);
  return t;
}

export function runTimesFrom(options: { now?: string; from?: string; to?: string }): RunTimes {
  if (options.now !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new UserError('give either --now (one run) or --from and --to (a schedule), not both');
  }
  if ((options.from === undefined) !== (options.to === undefined)) throw new UserError('--from and --to go together');
  if (options.from !== undefined) {
    const from = parseInstant('--from', options.from);
    const to = parseInstant('--to', options.to!);
    if (to <= from) throw new UserError(`--to (${options.to}) must be after --from (${options.from})`);
    return { kind: 'schedule', from, to };
  }
  // Like Sentinel, a run without --now looks back from the present moment.
  return { kind: 'once', now: options.now !== undefined ? parseInstant('--now', options.now) : msToTicks(Date.now()) };
}

function warn(note: Diagnostic): void {
  process.stderr.write(`${colorDiagnostics(noteText(note), useColor(process.stderr))}\n`);
}

function printProblems(problems: readonly RuleProblem[]): void {
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
}

/**
 * Reads and checks rule files, loads the tables they read, and binds them against those tables.
 * Returns undefined (after printing the problems) when any rule has errors; throws UserError when
 * tables are missing.
 */
export async function loadRulesForRun(files: readonly string[], options: TableOptions): Promise<{ prepared: PreparedRule[]; tables: Map<string, Table> } | undefined> {
  const checked: CheckedRule[] = [];
  let failed = false;
  const available = tableSources(options);
  // Watchlists and external files are small and their columns are part of what a rule is checked against: they load first.
  const small = await loadTables({ ...options, table: [], data: undefined }, new Set());
  for (const file of files) {
    const read = readRuleFile(file);
    printProblems(read.problems);
    if (!read.rule) {
      failed = true;
      continue;
    }
    const c = checkRuleColumns(read.rule, makeCatalog(small, knownCatalog(options)));
    const deferred = onlyTablesFromData(c.problems, available);
    printProblems(deferred ? c.problems.filter((p) => p.severity === 'warning') : c.problems);
    if (!deferred && c.problems.some((p) => p.message.startsWith('KX202: '))) {
      process.stderr.write('  (a table kqlx has no schema for needs its data: -t Name=FILE, or --data DIR holding Name.csv or Name.jsonl)\n');
    }
    if (!deferred && c.problems.some((p) => p.severity === 'error')) failed = true;
    else checked.push(c);
  }
  if (failed) return undefined;

  // Only the tables the queries read are loaded (all given ones when a query could not be bound yet).
  const needed = new Set(checked.flatMap((c) => (c.schema ? c.tables : [...available.keys()])));
  const missing = [...needed].filter((t) => !available.has(t));
  if (missing.length) throw new UserError(missingMessage(checked.find((c) => c.tables.some((t) => missing.includes(t)))?.rule ?? checked[0]!.rule, missing));
  const tables = new Map([...small, ...(await loadTables({ ...options, watchlist: [], external: [] }, needed))]);

  const prepared: PreparedRule[] = [];
  for (const c of checked) {
    // A deferred rule gets its column check now, against the loaded tables' columns.
    const late = c.schema ? [] : checkRuleColumns(c.rule, makeCatalog(tables, knownCatalog(options))).problems;
    const { prepared: p, problems } = late.some((x) => x.severity === 'error') ? { prepared: undefined, problems: late } : prepareRule(c.rule, tables);
    if (!p) {
      printProblems(problems.filter((x) => x.severity === 'error'));
      failed = true;
      continue;
    }
    const still = missingTables(p, tables);
    if (still.length) throw new UserError(missingMessage(c.rule, still));
    prepared.push(p);
  }
  return failed ? undefined : { prepared, tables };
}

/**
 * Whether the only errors are unknown tables that the data will provide: such a table (a custom
 * `_CL` table, say) has no schema in the Sentinel pack, so the rule can only be checked once loaded.
 */
function onlyTablesFromData(problems: readonly RuleProblem[], available: ReadonlyMap<string, unknown>): boolean {
  const errors = problems.filter((p) => p.severity === 'error');
  return errors.length > 0 && errors.every((p) => p.message.startsWith('KX202: ') && [...available.keys()].some((t) => p.message.includes(`'${t}'`)));
}

export function missingMessage(rule: Rule, missing: readonly string[]): string {
  const list = missing.join(', ');
  const first = missing[0]!;
  return (
    `${rule.file}: the query reads ${missing.length === 1 ? 'table' : 'tables'} ${list}, but no data was given for ${missing.length === 1 ? 'it' : 'them'}.\n` +
    `  Provide ${missing.length === 1 ? 'it' : 'each'} with -t ${first}=FILE (CSV, JSON or JSONL), or --data DIR holding ${first}.csv or ${first}.jsonl.`
  );
}

export async function ruleCommand(files: string[], given: RuleOptions): Promise<number> {
  const options = withProject(given, projectFor(given.project, files));
  const when = runTimesFrom(options);
  const loaded = await loadRulesForRun(files, options);
  if (!loaded) return EXIT.queryError;
  let failed = false;
  for (const p of loaded.prepared) {
    for (const note of absentWatchlists(p.analyzed.plan, loaded.tables)) warn(note);
    try {
      const out = when.kind === 'once' ? runOnce(p, loaded.tables, when.now, options) : simulate(p, loaded.tables, when.from, when.to, options);
      process.stdout.write(out);
    } catch (e) {
      if (!(e instanceof RuleRunError)) throw e;
      for (const d of e.diagnostics) process.stderr.write(`${e.rule.file}:${d.line ?? '?'}:${d.col ?? '?'}: error ${d.code}: ${d.message}\n`);
      failed = true;
    }
  }
  return failed ? EXIT.queryError : EXIT.ok;
}

/** The tables a rule reads, for the notes on an empty run. */
function tablesRead(p: PreparedRule, tables: Map<string, Table>): Map<string, Table> {
  return new Map(p.tables.filter((n) => tables.has(n)).map((n) => [n, tables.get(n)!]));
}

function runOnce(p: PreparedRule, tables: Map<string, Table>, now: bigint, options: RuleOptions): string {
  const run = runRule(p, tables, now);
  if (run.resultCount === 0) for (const note of windowNotes(tablesRead(p, tables), run.windowStart, run.windowEnd)) warn(note);
  if (options.output === 'json') return `${JSON.stringify({ runs: [runJson(run)] })}\n`;
  return `${ruleTitle(p.rule)}\n${runText(p.rule, run)}\n\n`;
}


function simulate(p: PreparedRule, tables: Map<string, Table>, from: bigint, to: bigint, options: RuleOptions): string {
  const count = runTimes(p.rule.queryFrequency, from, to).length;
  if (count > MAX_SIMULATED_RUNS) throw new UserError(`--from/--to span ${count} runs of ${p.rule.file}; at most ${MAX_SIMULATED_RUNS} can be simulated`);
  const progress = process.stderr.isTTY === true && !options.quiet;
  let last = 0;
  const sim = simulateSchedule(p.rule, scheduledRunner(p, tables), from, to, (done, total) => {
    if (!progress || Date.now() - last < 200) return;
    last = Date.now();
    process.stderr.write(`\rsimulating ${p.rule.file}: run ${done} of ${total}`);
  });
  if (progress) process.stderr.write('\r\x1b[K');
  // Every window of the schedule lies within [from + queryFrequency - queryPeriod, to].
  if (sim.runs.every((r) => r.resultCount === 0)) {
    for (const note of windowNotes(tablesRead(p, tables), from + p.rule.queryFrequency - p.rule.queryPeriod, to)) warn(note);
  }
  if (options.output === 'json') return `${JSON.stringify(simulationJson(sim))}\n`;
  return `${ruleTitle(p.rule)}\n${simulationText(p.rule, sim)}\n\n`;
}
