/**
 * `kqlx check`: parse and analyze .kql files, and rule .yaml files (their query and the rule itself:
 * keys, limits, entity mappings against the query's columns), without data; report diagnostics.
 */
import { SourceText } from '../common/source.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { analyzeQuery, makeCatalog } from '../engine.js';
import { checkRuleColumns } from '../sentinel/check-columns.js';
import type { RuleProblem } from '../rules/problems.js';
import { readRuleFile } from '../sentinel/rule-file.js';
import { sentinel } from '../sentinel/catalog.js';
import type { ProductCatalog } from '../semantics/context.js';
import { type ParserOptions, sentinelProduct } from './parsers.js';
import { diagnosticJson, renderAll } from './diagnostics-output.js';
import { EXIT } from './exit-codes.js';
import { readText } from './read-text.js';

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


export function checkFile(file: string, product: ProductCatalog = sentinel): CheckResult {
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
    const checked = checkRuleColumns(read.rule, makeCatalog(new Map(), product));
    const ruleProblems = [...read.problems, ...checked.problems.filter((p) => p.key !== 'query')].map((p) => ruleProblemDiagnostic(p, false));
    const diagnostics = [...checked.analyzed.diagnostics, ...ruleProblems];
    return { file, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics, source: checked.analyzed.source };
  }
  const source = new SourceText(readText(file), file);
  const analyzed = analyzeQuery(source, { catalog: makeCatalog(new Map(), product) });
  return { file, ok: !analyzed.diagnostics.some((d) => d.severity === 'error'), diagnostics: analyzed.diagnostics, source };
}

export function checkCommand(files: string[], options: { json?: boolean } & ParserOptions): number {
  let failed = 0;
  const product = sentinelProduct(options);
  for (const file of files) {
    const r = checkFile(file, product);
    if (!r.ok) failed++;
    if (options.json) {
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
  if (!options.json) process.stdout.write(`${files.length - failed} of ${files.length} file(s) ok\n`);
  return failed > 0 ? EXIT.queryError : EXIT.ok;
}
