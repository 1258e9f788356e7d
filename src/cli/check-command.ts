/**
 * `kqlx check`: parse and analyze .kql files, and rule .yaml files (their query and the rule itself:
 * keys, limits, entity mappings against the query's columns), without data; report diagnostics.
 * A directory is walked for rules and .kql files (rule-test files skipped); the repository's
 * kqlx.json gives the schemas of custom tables and the watchlists the rules read.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SourceText } from '../common/source.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { analyzeQuery, makeCatalog } from '../engine.js';
import { checkRuleColumns } from '../sentinel/check-columns.js';
import type { RuleProblem } from '../rules/problems.js';
import { readRuleFile } from '../sentinel/rule-file.js';
import { TEST_FILE } from '../sentinel/testing/test-files.js';
import type { Catalog } from '../semantics/context.js';
import type { Table } from '../table/table.js';
import { diagnosticJson, renderAll } from './diagnostics-output.js';
import { checkCseFile, isCloudSiemRuleFile, printCseCheck } from './cloud-siem.js';
import { EXIT, UserError } from './exit-codes.js';
import { chooseLanguage } from './language-choice.js';
import { sentinel } from '../sentinel/catalog.js';
import { projectFor, withProject } from './project.js';
import { readText } from './read-text.js';
import { knownCatalog, loadTables, type TableOptions } from './tables.js';

export interface CheckResult {
  file: string;
  ok: boolean;
  diagnostics: LocatedDiagnostic[];
  source?: SourceText;
}

/** A rule-file problem (YAML, keys, limits, entity mappings) as a diagnostic record. */
function ruleProblemDiagnostic(p: RuleProblem, yamlError: boolean): LocatedDiagnostic {
  return {
    code: yamlError ? 'KX501' : 'KX502',
    category: yamlError ? 'syntax' : 'semantic',
    severity: p.severity,
    message: p.key ? `${p.key}: ${p.message}` : p.message,
    line: p.line,
    col: p.col,
  };
}


/** `lang` (kql or xql) overrides the language the file's extension names. */
export function checkFile(file: string, catalog: Catalog = makeCatalog(new Map(), knownCatalog({})), lang?: string): CheckResult {
  if (/\.tests\.ya?ml$/i.test(file)) {
    const note: LocatedDiagnostic = { code: 'KX503', category: 'semantic', severity: 'warning', message: 'a rule-test file, not a rule: run it with kqlx test', line: 1, col: 1 };
    return { file, ok: true, diagnostics: [note] };
  }
  if (/\.ya?ml$/i.test(file)) {
    const read = readRuleFile(file);
    if (!read.rule) {
      const yamlError = read.problems.some((p) => p.key === '');
      return { file, ok: false, diagnostics: read.problems.map((p) => ruleProblemDiagnostic(p, yamlError)) };
    }
    // The query's own diagnostics (key 'query' among the problems) are reported as themselves, with spans.
    const checked = checkRuleColumns(read.rule, catalog);
    const ruleProblems = [...read.problems, ...checked.problems.filter((p) => p.key !== 'query')].map((p) => ruleProblemDiagnostic(p, false));
    const diagnostics = [...checked.analyzed.diagnostics, ...ruleProblems];
    return { file, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics, source: checked.analyzed.source };
  }
  const source = new SourceText(readText(file), file);
  // An XQL query reads Cortex datasets; a KQL one the catalogue given (Sentinel with the project's tables).
  const choice = chooseLanguage(lang, file);
  const known = choice.product === sentinel ? catalog : makeCatalog(new Map(), choice.product);
  const analyzed = analyzeQuery(source, { catalog: known, language: choice.language });
  return { file, ok: !analyzed.diagnostics.some((d) => d.severity === 'error'), diagnostics: analyzed.diagnostics, source };
}

const CHECKED_FILE = /\.(ya?ml|kql|xql)$/i;

/** The files to check: those named, and under each directory every rule .yaml and .kql file except rule-test files. */
export function filesToCheck(paths: readonly string[]): string[] {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) throw new UserError(`no such file or directory: ${missing.join(', ')}`);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (CHECKED_FILE.test(name) && !TEST_FILE.test(name)) files.push(p);
    }
  };
  for (const p of paths) {
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
  return files;
}

export interface CheckOptions {
  output: 'text' | 'json';
  project?: string;
  /** kql or xql for every file; by default a .xql file is XQL. */
  lang?: string;
}

export async function checkCommand(paths: string[], options: CheckOptions): Promise<number> {
  const files = filesToCheck(paths);
  const project = projectFor(options.project, paths);
  // Watchlists are loaded for their columns, so a rule reading one binds against what it holds.
  const tableOptions = withProject<TableOptions>({ quiet: true }, project);
  const watchlists: Map<string, Table> = project ? await loadTables(tableOptions, new Set()) : new Map();
  const catalog = makeCatalog(watchlists, knownCatalog(tableOptions));
  const json = options.output === 'json';
  let failed = 0;
  for (const file of files) {
    if (isCloudSiemRuleFile(file)) {
      const r = checkCseFile(file);
      if (!r.ok) failed++;
      printCseCheck(r, json);
      continue;
    }
    const r = checkFile(file, catalog, options.lang);
    if (!r.ok) failed++;
    if (json) {
      process.stdout.write(`${JSON.stringify({ file: r.file, ok: r.ok, diagnostics: r.diagnostics.map(diagnosticJson) })}\n`);
    } else if (r.diagnostics.length > 0) {
      // Query diagnostics have spans and render with a caret; rule-file problems have a line and column.
      const spanned = r.diagnostics.filter((d) => d.span !== undefined);
      const lines = r.diagnostics.filter((d) => d.span === undefined).map((d) => `${file}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${d.message}`);
      const rendered = [r.source && spanned.length ? renderAll(spanned, r.source) : '', lines.join('\n')].filter((x) => x !== '');
      process.stdout.write(`${rendered.join('\n\n')}\n${r.ok ? '' : '\n'}`);
    } else {
      process.stdout.write(`${file}: ok\n`);
    }
  }
  if (!json) process.stdout.write(`${files.length - failed} of ${files.length} file(s) ok${project ? ` (project ${project.file})` : ''}\n`);
  return failed > 0 ? EXIT.queryError : EXIT.ok;
}
