/** `kqlx check`: parse and analyze .kql files and rule .yaml files without data; report diagnostics. */
import { SourceText } from '../common/source.js';
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { analyzeQuery, makeCatalog } from '../engine.js';
import { readRuleQuery } from '../rules/query-source.js';
import { sentinelSchema } from '../semantics/schemas/index.js';
import { diagnosticJson, renderAll } from './diagnostics-output.js';
import { EXIT } from './exit-codes.js';
import { readText } from './read-text.js';

export interface CheckResult {
  file: string;
  ok: boolean;
  diagnostics: LocatedDiagnostic[];
  source?: SourceText;
}

export function checkFile(file: string): CheckResult {
  const text = readText(file);
  let source: SourceText;
  if (/\.ya?ml$/i.test(file)) {
    const rule = readRuleQuery(text, file);
    if (!rule.query) {
      const e = rule.error!;
      const d: LocatedDiagnostic = { code: 'KX501', category: 'syntax', severity: 'error', message: e.message, line: e.line, col: e.col };
      return { file, ok: false, diagnostics: [d] };
    }
    source = rule.query;
  } else source = new SourceText(text, file);
  const analyzed = analyzeQuery(source, makeCatalog(new Map(), sentinelSchema));
  return { file, ok: !analyzed.diagnostics.some((d) => d.severity === 'error'), diagnostics: analyzed.diagnostics, source };
}

export function checkCommand(files: string[], options: { json?: boolean }): number {
  let failed = 0;
  for (const file of files) {
    const r = checkFile(file);
    if (!r.ok) failed++;
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ file: r.file, ok: r.ok, diagnostics: r.diagnostics.map(diagnosticJson) })}\n`);
    } else if (r.diagnostics.length > 0) {
      process.stdout.write(`${r.source ? renderAll(r.diagnostics, r.source) : r.diagnostics.map((d) => `${file}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${d.message}`).join('\n')}\n\n`);
    } else {
      process.stdout.write(`${file}: ok\n`);
    }
  }
  if (!options.json) process.stdout.write(`${files.length - failed} of ${files.length} file(s) ok\n`);
  return failed > 0 ? EXIT.queryError : EXIT.ok;
}
