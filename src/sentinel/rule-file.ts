/** Reading a rule file from disk (the one place in rules/ besides the test loader that touches files). */
import { readFileSync } from 'node:fs';
import { readRule, type ReadRuleResult } from './read-rule.js';

export function readRuleFile(file: string): ReadRuleResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    return { problems: [{ file, line: 1, col: 1, key: '', message: `cannot read the rule file: ${why}`, severity: 'error' }] };
  }
  return readRule(text, file);
}
