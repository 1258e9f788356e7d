/**
 * The kqlx commands for Cloud SIEM rule files (catalog-format JSON): `rule` runs one over records and
 * prints its signals, `check` parses and binds every expression of every rule in a file, `diff` shows
 * the signals an edit adds and removes. A .json rule file given to rule, check or diff comes here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadRecords, RecordInputError } from '../cloud-siem/files/records.js';
import { formatRuleFileProblem, readRules, type RuleFileProblem } from '../cloud-siem/read-rule.js';
import type { ExpressionReport } from '../cloud-siem/rule-expressions.js';
import type { CseRule } from '../cloud-siem/rule.js';
import { checkRule, runRule } from '../cloud-siem/run-rule.js';
import { signalJson, signalsJson, signalsText } from '../cloud-siem/signal-output.js';
import type { Signal } from '../cloud-siem/signal.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { loadTableFile } from '../io/load.js';
import { multisetDiff, stableJson } from '../rules/diff.js';
import type { Table } from '../table/table.js';
import { diagnosticJson, renderAll } from './diagnostics-output.js';
import { EXIT, UserError } from './exit-codes.js';

export function isCloudSiemRuleFile(file: string): boolean {
  return /\.json$/i.test(file);
}

export interface CseRunOptions {
  data?: string;
  networkBlocks?: string;
  matchLists?: string;
  threatIntel?: string;
  output: 'text' | 'table' | 'json';
  quiet?: boolean;
}

function readRuleFileText(file: string): string {
  if (!existsSync(file)) throw new UserError(`cannot read '${file}': no such file`);
  return readFileSync(file, 'utf8');
}

function printProblems(problems: readonly RuleFileProblem[]): void {
  for (const p of problems) process.stderr.write(`${formatRuleFileProblem(p)}\n`);
}

function printReports(reports: readonly ExpressionReport[]): void {
  for (const r of reports) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) process.stderr.write(`${renderAll(errors, r.source)}\n`);
  }
}

/** The one rule of a file a run needs; problems and files of several rules are usage errors. */
function readOneRule(file: string): CseRule | undefined {
  const { rules, problems } = readRules(file, readRuleFileText(file));
  printProblems(problems);
  if (problems.some((p) => p.severity === 'error')) return undefined;
  if (rules.length !== 1) throw new UserError(`${file}: holds ${rules.length} rules; kqlx rule and diff run one rule object at a time`);
  return rules[0];
}

async function loadInput(options: CseRunOptions): Promise<{ tables: Map<string, Table>; indicators?: Table }> {
  if (!options.data) throw new UserError('--data DIR is required: the directory of sec_record_* files');
  try {
    const { tables, problems } = await loadRecords({ data: options.data, networkBlocks: options.networkBlocks, matchLists: options.matchLists });
    for (const p of problems.slice(0, 20)) process.stderr.write(`${p.file}:${p.line}: ${p.message}\n`);
    let indicators: Table | undefined;
    if (options.threatIntel) {
      if (!existsSync(options.threatIntel)) throw new UserError(`--threat-intel: cannot read '${options.threatIntel}': no such file`);
      indicators = (await loadTableFile(options.threatIntel, { tableName: 'threat_indicators' })).table;
    }
    return { tables, indicators };
  } catch (e) {
    if (e instanceof RecordInputError) throw new UserError(e.message);
    throw e;
  }
}

function runOrReport(rule: CseRule, input: { tables: Map<string, Table>; indicators?: Table }): Signal[] | undefined {
  const run = runRule(rule, input);
  for (const d of run.errors) process.stderr.write(`${rule.file}: error ${d.code}: ${d.message}\n`);
  printReports(run.reports);
  const failed = run.errors.length > 0 || run.reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  return failed ? undefined : run.signals;
}

export async function cseRuleCommand(file: string, options: CseRunOptions): Promise<number> {
  const rule = readOneRule(file);
  if (!rule) return EXIT.queryError;
  const input = await loadInput(options);
  const signals = runOrReport(rule, input);
  if (!signals) return EXIT.queryError;
  process.stdout.write(options.output === 'json' ? signalsJson(signals) : signalsText(`${rule.id} ${rule.name}`, signals));
  return EXIT.ok;
}

export interface CseCheckResult {
  readonly file: string;
  readonly ok: boolean;
  readonly rules: number;
  readonly expressions: number;
  readonly bound: number;
  readonly problems: readonly RuleFileProblem[];
  readonly reports: readonly { readonly rule: CseRule; readonly report: ExpressionReport }[];
}

/** Every rule of a file read, every expression parsed and bound against the normalized schema. */
export function checkCseFile(file: string): CseCheckResult {
  const { rules, problems } = readRules(file, readRuleFileText(file));
  const reports = rules.flatMap((rule) => checkRule(rule).map((report) => ({ rule, report })));
  const failed = (r: ExpressionReport) => r.diagnostics.some((d) => d.severity === 'error');
  const expressions = reports.filter((r) => r.report.isExpression);
  return {
    file, rules: rules.length, expressions: expressions.length, bound: expressions.filter((r) => !failed(r.report)).length, problems, reports,
    ok: !problems.some((p) => p.severity === 'error') && !reports.some((r) => failed(r.report)),
  };
}

export function printCseCheck(r: CseCheckResult, json: boolean): void {
  const failing = r.reports.filter(({ report }) => report.diagnostics.length > 0);
  if (json) {
    const diagnostics = [
      ...r.problems.map((p) => ({ ...diagnosticJson(p), rule: p.ruleId ?? null, key: p.key })),
      ...failing.flatMap(({ rule, report }) => report.diagnostics.map((d: LocatedDiagnostic) => ({ ...diagnosticJson(d), rule: rule.id, key: report.key }))),
    ];
    process.stdout.write(`${JSON.stringify({ file: r.file, ok: r.ok, rules: r.rules, expressions: r.expressions, bound: r.bound, diagnostics })}\n`);
    return;
  }
  for (const p of r.problems) process.stdout.write(`${formatRuleFileProblem(p)}\n`);
  for (const { report } of failing) process.stdout.write(`${renderAll(report.diagnostics, report.source)}\n\n`);
  const share = r.expressions === 0 ? 100 : (100 * r.bound) / r.expressions;
  process.stdout.write(`${r.file}: ${r.rules} rule(s); ${r.bound} of ${r.expressions} expressions parse and bind (${share.toFixed(1)}%)\n`);
}

/** A signal's identity for a diff: everything but the records behind it. */
function signalKey(s: Signal): string {
  const { records: _records, ...rest } = signalJson(s);
  return stableJson(rest);
}

export async function cseDiffCommand(oldFile: string, newFile: string, options: CseRunOptions & { exitCode?: boolean }): Promise<number> {
  const [oldRule, newRule] = [readOneRule(oldFile), readOneRule(newFile)];
  if (!oldRule || !newRule) return EXIT.queryError;
  const input = await loadInput(options);
  const [a, b] = [runOrReport(oldRule, input), runOrReport(newRule, input)];
  if (!a || !b) return EXIT.queryError;
  const { added, removed } = multisetDiff(a, b, signalKey);
  if (options.output === 'json') {
    process.stdout.write(`${JSON.stringify({ added: added.map(signalJson), removed: removed.map(signalJson), unchanged: b.length - added.length })}\n`);
  } else {
    const line = (mark: string, s: Signal) => `${mark} ${new Date(s.timestamp).toISOString()}  ${s.name}${s.entity ? `  ${s.entity.entity_type} ${s.entity.value}` : ''}${s.summary ? `  ${s.summary}` : ''}`;
    process.stdout.write(`${oldFile} → ${newFile}: ${added.length} signal(s) added, ${removed.length} removed, ${b.length - added.length} unchanged\n`);
    for (const s of removed) process.stdout.write(`${line('-', s)}\n`);
    for (const s of added) process.stdout.write(`${line('+', s)}\n`);
  }
  return options.exitCode && added.length + removed.length > 0 ? EXIT.queryError : EXIT.ok;
}
