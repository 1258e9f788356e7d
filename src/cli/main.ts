#!/usr/bin/env node
/** The kqlx command line. User errors print a message and exit with a documented code; never a stack trace. */
import { Argument, Command, CommanderError, Option } from 'commander';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';
import { EXIT, UserError } from './exit-codes.js';
import { problemSummary, takeProblemCount } from './data-problems.js';
import { kqlxVersion } from './version.js';

exitQuietlyOnClosedPipe();

const PARSERS_HELP = "load Sentinel parser functions (ASIM YAML, workspace parsers' KQL text) from a folder such as an Azure-Sentinel clone's Parsers (repeatable)";

const collect = (value: string, previous: string[] = []) => [...previous, value];
const STRICT_HELP = 'any data problem (a malformed row, a value changed on loading) is an error: nothing runs, exit 1';

/** A whole number of at least 1, for --max-rows and --max-memory. */
function positiveInteger(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new UserError(`${flag} must be a whole number of at least 1, not '${value}'`);
    return Number(value);
  };
}

const TABLE_HELP = 'load a table from a file: CSV, JSON, JSONL (also .gz) or Parquet; repeat a name to append files, or give a directory or glob (repeatable)';

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) throw new UserError(`--seed must be an integer from 0 to 4294967295, not '${value}'`);
  return Number(value);
}

const program = new Command()
  .name('kqlx')
  .description('Run KQL detection queries, Sentinel analytic rules and Cloud SIEM rules verbatim, in memory, over log files.')
  .version(kqlxVersion(), '-V, --version', 'print the kqlx version')
  .showHelpAfterError()
  // Commander's own errors (unknown option, missing argument) become exit 2, the README's usage code.
  .exitOverride()
  .addHelpText(
    'after',
    `
Examples:
  kqlx query 'CommonSecurityLog | summarize count() by DeviceAction' -t CommonSecurityLog=logs.csv
  kqlx query -f rule.kql --data ./logs --now 2024-05-02T00:00:00Z -o json
  kqlx check queries/*.yaml
  kqlx rule queries/sentinel/PaloAlto-PortScanning.yaml --data ./logs --now 2024-05-02T00:00:00Z
  kqlx test queries/sentinel
  kqlx rule THRESHOLD-S00080.json --data ./records -o json     (a Cloud SIEM rule over sec_record_* files)

Exit codes: 0 success, 1 query/rule errors, 2 usage or input errors, 3 internal error.`,
  );

program
  .command('query')
  .description('run a query over tables loaded from files')
  .argument('[query]', 'the KQL (or XQL) query text (or use -f; read from standard input when neither is given)')
  .option('-f, --file <file>', "read the query from a .kql, .xql or rule .yaml file ('-' for standard input)")
  .option('--lang <language>', 'kql or xql (default: xql for a .xql file, else kql)')
  .option('-t, --table <name=path>', TABLE_HELP, collect)
  .option('--data <dir>', 'load every table file in a directory, each named after its file')
  .option('--watchlist <alias=path>', "a Sentinel watchlist CSV for _GetWatchlist('alias') (repeatable)", collect)
  .option('--parsers <dir>', PARSERS_HELP, collect)
  .option('--external <url=path>', 'serve an externaldata URL from a local file; kqlx fetches nothing (repeatable)', collect)
  .option('--now <datetime>', 'the instant now() and ago() resolve against (ISO 8601)')
  .option('--seed <n>', 'seed for sample, sample-distinct, rand() and new_guid() (default 0: runs repeat exactly)', parseSeed)
  .addOption(new Option('-o, --output <format>', 'output format (vertical: one record per block; table turns vertical when too wide)').choices(['table', 'vertical', 'json', 'jsonl', 'csv', 'html']).default('table'))
  .option('--no-pager', 'never page long table output on a terminal (default: page with $PAGER, or less)')
  .option('--batch <file>', 'run each {"id","query"} line of a JSONL file; print one JSON result per line')
  .option('--max-rows <n>', 'the most rows one operator (join, mv-expand, range, make-series) may produce (default 10000000)', positiveInteger('--max-rows'))
  .option('--max-memory <mb>', "about the most megabytes one operator's output may take (default 2048)", positiveInteger('--max-memory'))
  .option('--plan', 'print the bound plan (operators, arguments, columns and types) instead of running the query; -o json for machines')
  .option('-q, --quiet', 'no progress output')
  .option('--strict', STRICT_HELP)
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
  .description('parse and analyze .kql files, Sentinel rule .yaml files and Cloud SIEM rule .json files without data')
  .argument('<paths...>', '.kql, Sentinel rule .yaml or Cloud SIEM rule .json files, or directories of them (rule-test files are skipped)')
  .addOption(new Option('-o, --output <format>', 'output format (json: one object per file, {file, ok, diagnostics})').choices(['text', 'json']).default('text'))
  .option('--json', 'the same as -o json')
  .option('--lang <language>', 'kql or xql for every file (default: by extension, .xql is XQL)')
  .option('--project <file>', 'the project file (default: kqlx.json in the first path or a directory above it)')
  .addHelpText('after', '\nExamples:\n  kqlx check queries/*.yaml -o json\n  kqlx check .          # every rule and .kql file of the repository, with its kqlx.json\n  kqlx check cloud-siem-rules.json')
  .option('--parsers <dir>', PARSERS_HELP, collect)
  .action(async (files, options) => {
    const { checkCommand } = await import('./check-command.js');
    process.exitCode = await checkCommand(files, { output: options.json ? 'json' : options.output, project: options.project, lang: options.lang, parsers: options.parsers });
  });

program
  .command('rule')
  .description('run Sentinel analytic rules (alerts) or a Cloud SIEM rule (signals) over loaded tables')
  .argument('<rules...>', 'Sentinel analytic-rule .yaml files, or one Cloud SIEM rule .json file')
  .option('-t, --table <name=path>', TABLE_HELP, collect)
  .option('--data <dir>', 'load tables from a directory, each named after its file (Name.csv, Name.jsonl)')
  .option('--watchlist <alias=path>', "a Sentinel watchlist CSV for _GetWatchlist('alias') (repeatable)", collect)
  .option('--parsers <dir>', PARSERS_HELP, collect)
  .option('--external <url=path>', 'serve an externaldata URL from a local file; kqlx fetches nothing (repeatable)', collect)
  .option('--now <datetime>', 'run once at this instant: the window is [now - queryPeriod, now] (default: the present)')
  .option('--from <datetime>', 'simulate the schedule: the rule is enabled at this instant ...')
  .option('--to <datetime>', '... and runs every queryFrequency until this one')
  .option('--network-blocks <file>', 'Cloud SIEM: network blocks (JSON) for null *_isInternal and *_location fields')
  .option('--match-lists <file>', 'Cloud SIEM: match lists (JSON) that add list names to listMatches')
  .option('--threat-intel <file>', 'Cloud SIEM: threat indicators (JSON, JSONL or CSV) for hasThreatMatch')
  .addOption(new Option('-o, --output <format>', 'output format (table is text)').choices(['text', 'table', 'json']).default('text'))
  .option('--project <file>', 'the project file (default: kqlx.json beside the first rule or a directory above it)')
  .option('-q, --quiet', 'no progress output')
  .option('--strict', STRICT_HELP)
  .addHelpText(
    'after',
    `
Examples:
  kqlx rule THRESHOLD-S00080.json --data ./records -o json
  kqlx rule PaloAlto-PortScanning.yaml --data ./logs --now 2024-05-02T00:00:00Z
  kqlx rule rule.yaml -t CommonSecurityLog=csl.csv --now 2024-05-02T00:00:00Z -o json
  kqlx rule rule.yaml --data ./logs --from 2024-05-01T00:00:00Z --to 2024-05-02T00:00:00Z`,
  )
  .action(async (rules: string[], options) => {
    if (rules.some((r) => /\.json$/i.test(r))) {
      if (rules.length !== 1) throw new UserError('kqlx rule runs one Cloud SIEM rule .json file at a time');
      const { cseRuleCommand } = await import('./cloud-siem.js');
      process.exitCode = await cseRuleCommand(rules[0]!, options);
      return;
    }
    const { ruleCommand } = await import('./rule-command.js');
    process.exitCode = await ruleCommand(rules, { ...options, output: options.output === 'table' ? 'text' : options.output });
  });

program
  .command('test')
  .description('run rule-test files (*.tests.yaml) and report expected against actual')
  .argument('[paths...]', 'test files or directories to search (default: the current directory)')
  .option('--junit <file>', 'also write the results as JUnit XML')
  .addOption(new Option('-o, --output <format>', 'output format (json: {suites: [...], totals})').choices(['text', 'json']).default('text'))
  .option('--project <file>', 'the project file (default: kqlx.json in the first path or a directory above it)')
  .option('--parsers <dir>', PARSERS_HELP, collect)
  .option('-q, --quiet', 'print only failing files and the summary')
  .addHelpText('after', '\nExamples:\n  kqlx test queries/sentinel\n  kqlx test --junit results.xml')
  .action(async (paths, options) => {
    const { testCommand } = await import('./test-command.js');
    process.exitCode = await testCommand(paths, options);
  });

program
  .command('diff')
  .description('show the alerts and result rows an edit to a rule adds and removes')
  .argument('<old>', 'the rule before the edit (.yaml, or a Cloud SIEM .json)')
  .argument('<new>', 'the rule after the edit (.yaml, or a Cloud SIEM .json)')
  .option('-t, --table <name=path>', TABLE_HELP, collect)
  .option('--data <dir>', 'load tables from a directory, each named after its file')
  .option('--watchlist <alias=path>', "a Sentinel watchlist CSV for _GetWatchlist('alias') (repeatable)", collect)
  .option('--parsers <dir>', PARSERS_HELP, collect)
  .option('--external <url=path>', 'serve an externaldata URL from a local file; kqlx fetches nothing (repeatable)', collect)
  .option('--now <datetime>', 'compare one run at this instant (default: the present)')
  .option('--from <datetime>', 'compare the schedules from this instant ...')
  .option('--to <datetime>', '... to this one')
  .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
  .option('--exit-code', 'exit 1 when the edit changes any alert, signal or result row')
  .option('--network-blocks <file>', 'Cloud SIEM: network blocks (JSON) for null *_isInternal and *_location fields')
  .option('--match-lists <file>', 'Cloud SIEM: match lists (JSON) that add list names to listMatches')
  .option('--threat-intel <file>', 'Cloud SIEM: threat indicators (JSON, JSONL or CSV) for hasThreatMatch')
  .option('-q, --quiet', 'no progress output')
  .option('--strict', STRICT_HELP)
  .addHelpText('after', '\nExample:\n  kqlx diff old.yaml new.yaml --data ./logs --from 2024-05-01T00:00:00Z --to 2024-05-02T00:00:00Z')
  .action(async (oldRule: string, newRule: string, options) => {
    if (/\.json$/i.test(oldRule) && /\.json$/i.test(newRule)) {
      const { cseDiffCommand } = await import('./cloud-siem.js');
      process.exitCode = await cseDiffCommand(oldRule, newRule, options);
      return;
    }
    const { diffCommand } = await import('./diff-command.js');
    process.exitCode = await diffCommand(oldRule, newRule, options);
  });

program
  .command('completion')
  .description('print a shell completion script')
  .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
  .addHelpText(
    'after',
    `
Examples:
  kqlx completion bash > /etc/bash_completion.d/kqlx     # or: source <(kqlx completion bash)
  kqlx completion zsh > "\${fpath[1]}/_kqlx"
  kqlx completion fish > ~/.config/fish/completions/kqlx.fish`,
  )
  .action(async (shell) => {
    const { completionScript } = await import('./completion.js');
    process.stdout.write(completionScript(program, shell));
  });

try {
  // `kqlx` alone is a request for help, not a mistake.
  if (process.argv.length <= 2) program.outputHelp();
  else await program.parseAsync();
  const problems = takeProblemCount();
  if (problems > 0) process.stderr.write(problemSummary(problems));
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and --version end through here too, with exit code 0.
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (e instanceof UserError) {
    process.stderr.write(`kqlx: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else {
    process.stderr.write(`kqlx: internal error (please report it): ${(e as Error).stack ?? e}\n`);
    process.exitCode = EXIT.internal;
  }
}
