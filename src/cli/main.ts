#!/usr/bin/env node
/** The kqlx command line. User errors print a message and exit with a documented code; never a stack trace. */
import { Command, Option } from 'commander';
import { EXIT, UserError } from './exit-codes.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) throw new UserError(`--seed must be an integer from 0 to 4294967295, not '${value}'`);
  return Number(value);
}

const program = new Command()
  .name('kqlx')
  .description('Run KQL detection queries and Sentinel analytic rules verbatim, in memory, over log files.')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Examples:
  kqlx query 'CommonSecurityLog | summarize count() by DeviceAction' -t CommonSecurityLog=logs.csv
  kqlx query -f rule.kql --data ./logs --now 2024-05-02T00:00:00Z -o json
  kqlx check queries/*.yaml
  kqlx rule queries/sentinel/PaloAlto-PortScanning.yaml --data ./logs --now 2024-05-02T00:00:00Z
  kqlx test queries/sentinel

Exit codes: 0 success, 1 query/rule errors, 2 usage or input errors, 3 internal error.`,
  );

program
  .command('query')
  .description('run a query over tables loaded from files')
  .argument('[query]', 'the KQL query text (or use -f)')
  .option('-f, --file <file>', 'read the query from a .kql file')
  .option('-t, --table <name=path>', 'load a table from a CSV, JSON or JSONL file (repeatable)', collect)
  .option('--data <dir>', 'load every table file in a directory, each named after its file')
  .option('--watchlist <alias=path>', "a Sentinel watchlist CSV for _GetWatchlist('alias') (repeatable)", collect)
  .option('--external <url=path>', 'serve an externaldata URL from a local file; kqlx fetches nothing (repeatable)', collect)
  .option('--now <datetime>', 'the instant now() and ago() resolve against (ISO 8601)')
  .option('--seed <n>', 'seed for sample, sample-distinct, rand() and new_guid() (default 0: runs repeat exactly)', parseSeed)
  .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'jsonl', 'csv', 'html']).default('table'))
  .option('--batch <file>', 'run each {"id","query"} line of a JSONL file; print one JSON result per line')
  .option('--plan', 'print the bound plan (operators, arguments, columns and types) instead of running the query; -o json for machines')
  .option('-q, --quiet', 'no progress output')
  .addHelpText(
    'after',
    `
Examples:
  kqlx query 'T | take 5' -t T=events.csv
  kqlx query -f rule.yaml --plan
  kqlx query -f scan.kql -t CommonSecurityLog=csl.csv --now 2024-05-02T00:00:00Z -o csv
  kqlx query --batch queries.jsonl --data ./logs
  kqlx query 'T | fork (where Level == "Error") (summarize count() by Level)' -t T=app.jsonl -o json`,
  )
  .action(async (query, options) => {
    const { queryCommand } = await import('./query-command.js');
    process.exitCode = await queryCommand(query, options);
  });

program
  .command('explain')
  .description("show what each stage of a query or rule does to the data: rows in and out, each conjunct's removals, groups, dropped samples")
  .argument('[query]', 'the query text (or use -f with a .kql or rule .yaml file)')
  .option('-f, --file <file>', 'read the query from a .kql file or a Sentinel rule .yaml')
  .option('-t, --table <name=path>', 'load a table from a CSV, JSON or JSONL file (repeatable)', collect)
  .option('--data <dir>', 'load every table file in a directory, each named after its file')
  .option('--watchlist <alias=path>', "a Sentinel watchlist CSV for _GetWatchlist('alias') (repeatable)", collect)
  .option('--external <url=path>', 'serve an externaldata URL from a local file; kqlx fetches nothing (repeatable)', collect)
  .option('--now <datetime>', 'the instant now() and ago() resolve against (ISO 8601)')
  .option('--seed <n>', 'seed for sample and rand() (default 0)', parseSeed)
  .option('--samples <n>', 'show up to N rows each filtering stage dropped')
  .option('--follow <predicate>', 'follow the source rows matching a KQL predicate and say where each was dropped or which output row it reached')
  .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'))
  .option('-q, --quiet', 'no progress output')
  .addHelpText('after', `
Examples:
  kqlx explain -f PaloAlto-PortScanning.yaml -t CommonSecurityLog=csl.csv --samples 2
  kqlx explain -f rule.yaml --data ./logs --follow 'SourceIP == "10.1.2.3"'
  kqlx explain 'T | where A > 1 and B has "x"' -t T=events.csv -o json`)
  .action(async (query, options) => {
    const { explainCommand } = await import('./explain-command.js');
    process.exitCode = await explainCommand(query, options);
  });

program
  .command('anatomy')
  .description("show a rule's structure from its plan, without data: stages, exclusions, indicators, thresholds, output fields, entities")
  .argument('<rule>', 'a Sentinel rule .yaml or a .kql file')
  .addOption(new Option('-o, --output <format>', 'output format').choices(['md', 'json']).default('md'))
  .addHelpText('after', '\nExample:\n  kqlx anatomy PaloAlto-PortScanning.yaml -o md')
  .action(async (rule, options) => {
    const { anatomyCommand } = await import('./anatomy-command.js');
    process.exitCode = anatomyCommand(rule, options);
  });

program
  .command('lint')
  .description("report where a rule's logic and its own metadata disagree, or code is dead (codes KL001...)")
  .argument('<rules...>', 'Sentinel rule .yaml or .kql files')
  .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
  .addHelpText('after', '\nExample:\n  kqlx lint queries/sentinel/*.yaml')
  .action(async (rules, options) => {
    const { lintCommand } = await import('./lint-command.js');
    process.exitCode = lintCommand(rules, options);
  });

program
  .command('check')
  .description('parse and analyze .kql files and rule .yaml files without data')
  .argument('<files...>', '.kql or Sentinel rule .yaml files')
  .option('--json', 'one JSON object per file: {file, ok, diagnostics}')
  .addHelpText('after', '\nExample:\n  kqlx check queries/*.yaml --json')
  .action(async (files, options) => {
    const { checkCommand } = await import('./check-command.js');
    process.exitCode = checkCommand(files, options);
  });

program
  .command('rule')
  .description('run Sentinel analytic rules over loaded tables and show the alerts they raise')
  .argument('<rules...>', 'Sentinel analytic-rule .yaml files')
  .option('-t, --table <name=path>', 'load a table from a CSV, JSON or JSONL file (repeatable)', collect)
  .option('--data <dir>', 'load tables from a directory, each named after its file (Name.csv, Name.jsonl)')
  .option('--watchlist <alias=path>', "a Sentinel watchlist CSV for _GetWatchlist('alias') (repeatable)", collect)
  .option('--external <url=path>', 'serve an externaldata URL from a local file; kqlx fetches nothing (repeatable)', collect)
  .option('--now <datetime>', 'run once at this instant: the window is [now - queryPeriod, now] (default: the present)')
  .option('--from <datetime>', 'simulate the schedule: the rule is enabled at this instant ...')
  .option('--to <datetime>', '... and runs every queryFrequency until this one')
  .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
  .option('-q, --quiet', 'no progress output')
  .addHelpText(
    'after',
    `
Examples:
  kqlx rule PaloAlto-PortScanning.yaml --data ./logs --now 2024-05-02T00:00:00Z
  kqlx rule rule.yaml -t CommonSecurityLog=csl.csv --now 2024-05-02T00:00:00Z -o json
  kqlx rule rule.yaml --data ./logs --from 2024-05-01T00:00:00Z --to 2024-05-02T00:00:00Z`,
  )
  .action(async (rules, options) => {
    const { ruleCommand } = await import('./rule-command.js');
    process.exitCode = await ruleCommand(rules, options);
  });

program
  .command('test')
  .description('run rule-test files (*.tests.yaml) and report expected against actual')
  .argument('[paths...]', 'test files or directories to search (default: the current directory)')
  .option('--junit <file>', 'also write the results as JUnit XML')
  .option('-q, --quiet', 'print only failing files and the summary')
  .addHelpText('after', '\nExamples:\n  kqlx test queries/sentinel\n  kqlx test --junit results.xml')
  .action(async (paths, options) => {
    const { testCommand } = await import('./test-command.js');
    process.exitCode = await testCommand(paths, options);
  });

program
  .command('diff')
  .description('show the alerts and result rows an edit to a rule adds and removes')
  .argument('<old>', 'the rule before the edit (.yaml)')
  .argument('<new>', 'the rule after the edit (.yaml)')
  .option('-t, --table <name=path>', 'load a table from a CSV, JSON or JSONL file (repeatable)', collect)
  .option('--data <dir>', 'load tables from a directory, each named after its file')
  .option('--watchlist <alias=path>', "a Sentinel watchlist CSV for _GetWatchlist('alias') (repeatable)", collect)
  .option('--external <url=path>', 'serve an externaldata URL from a local file; kqlx fetches nothing (repeatable)', collect)
  .option('--now <datetime>', 'compare one run at this instant (default: the present)')
  .option('--from <datetime>', 'compare the schedules from this instant ...')
  .option('--to <datetime>', '... to this one')
  .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
  .option('--exit-code', 'exit 1 when the edit changes any alert or result row')
  .option('-q, --quiet', 'no progress output')
  .addHelpText('after', '\nExample:\n  kqlx diff old.yaml new.yaml --data ./logs --from 2024-05-01T00:00:00Z --to 2024-05-02T00:00:00Z')
  .action(async (oldRule, newRule, options) => {
    const { diffCommand } = await import('./diff-command.js');
    process.exitCode = await diffCommand(oldRule, newRule, options);
  });

try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof UserError) {
    process.stderr.write(`kqlx: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else {
    process.stderr.write(`kqlx: internal error (please report it): ${(e as Error).stack ?? e}\n`);
    process.exitCode = EXIT.internal;
  }
}
