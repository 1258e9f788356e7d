/** `kqlx anatomy RULE`: the rule's structure from its plan, without data, as Markdown or JSON. */
import { anatomy } from '../explain/anatomy.js';
import { anatomyMarkdown } from '../explain/anatomy-md.js';
import { ruleMappings } from '../explain/rule-mappings.js';
import { EXIT, UserError } from './exit-codes.js';
import { readRuleInput } from './rule-input.js';

export function anatomyCommand(file: string, options: { output: 'md' | 'json' }): number {
  const { analyzed, rule, title } = readRuleInput(file);
  const result = anatomy(analyzed, rule ? ruleMappings(rule) : undefined);
  if (!result) throw new UserError(`${file}: the query's last statement is not a tabular expression`, EXIT.queryError);
  process.stdout.write(options.output === 'json' ? `${JSON.stringify(result)}\n` : anatomyMarkdown(result, title));
  return EXIT.ok;
}
