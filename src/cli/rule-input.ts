/** A rule .yaml or a .kql file, read and analyzed without data (for anatomy and lint). */
import { SourceText } from '../common/source.js';
import { type Analyzed, analyzeQuery, makeCatalog } from '../engine.js';
import { sentinel } from '../sentinel/catalog.js';
import type { Rule } from '../sentinel/rule.js';
import { readRuleFile } from '../sentinel/rule-file.js';
import { renderAll } from './diagnostics-output.js';
import { EXIT, UserError } from './exit-codes.js';
import { readText } from './read-text.js';

export interface RuleInput {
  readonly analyzed: Analyzed;
  readonly rule?: Rule;
  readonly title: string;
}

export function readRuleInput(file: string): RuleInput {
  const catalog = makeCatalog(new Map(), sentinel);
  let input: RuleInput;
  if (/\.ya?ml$/i.test(file)) {
    const read = readRuleFile(file);
    if (!read.rule) {
      const p = read.problems.find((x) => x.severity === 'error') ?? read.problems[0]!;
      throw new UserError(`${file}:${p.line}:${p.col}: ${p.key ? `${p.key}: ` : ''}${p.message}`, EXIT.queryError);
    }
    input = { analyzed: analyzeQuery(read.rule.query, { catalog }), rule: read.rule, title: read.rule.name };
  } else {
    input = { analyzed: analyzeQuery(new SourceText(readText(file), file), { catalog }), title: file };
  }
  const { analyzed } = input;
  if (!analyzed.plan || analyzed.diagnostics.some((d) => d.severity === 'error')) {
    throw new UserError(renderAll(analyzed.diagnostics, analyzed.source), EXIT.queryError);
  }
  return input;
}
