/** `kqlx lint RULE...`: findings where a rule's logic and its metadata disagree, or code is dead. */
import { LINT_KINDS, type Finding } from '../explain/lint-codes.js';
import { lint } from '../explain/lint.js';
import { EXIT } from './exit-codes.js';
import { readText } from './read-text.js';
import { readRuleInput } from './rule-input.js';

export function lintFile(file: string): Finding[] {
  const { analyzed, rule } = readRuleInput(file);
  const descriptionLine = readText(file).split('\n').findIndex((l) => /^description\s*:/.test(l)) + 1;
  return lint(analyzed, rule ? { description: rule.description, descriptionLine, queryPeriod: rule.queryPeriod } : undefined);
}

export function lintCommand(files: string[], options: { output: 'text' | 'json' }): number {
  let total = 0;
  for (const file of files) {
    const findings = lintFile(file);
    total += findings.length;
    if (options.output === 'json') process.stdout.write(`${JSON.stringify({ file, findings })}\n`);
    else {
      for (const f of findings) {
        process.stdout.write(`${file}:${f.line}: ${f.severity} ${f.code} ${LINT_KINDS[f.kind].title}: ${f.message}\n${f.fix ? `  fix: ${f.fix}\n` : ''}`);
      }
    }
  }
  if (options.output === 'text') process.stdout.write(`${total} finding${total === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}\n`);
  return total > 0 ? EXIT.queryError : EXIT.ok;
}
