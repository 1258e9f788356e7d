/**
 * `kqlx test [PATH...]`: run the rule-test files (`*.tests.yaml`) found in the given files and
 * directories (default: the current directory), print a report with expected and actual side by
 * side for each failure (or `-o json`), optionally write JUnit XML, and exit 1 when any case fails.
 * The repository's kqlx.json gives every test its custom table schemas and watchlists.
 */
import { writeFileSync } from 'node:fs';
import { junitXml } from '../sentinel/testing/junit.js';
import { suiteText, summaryText } from '../sentinel/testing/report.js';
import { type SuiteResult, suitesPassed } from '../sentinel/testing/suite.js';
import { suitesJson } from '../sentinel/testing/suite-json.js';
import { findTestFiles, runTestFile } from '../sentinel/testing/test-files.js';
import { isCloudSiemTestFile, runCloudSiemTestFile } from '../cloud-siem/files/tests.js';
import { EXIT, UserError } from './exit-codes.js';
import { projectFor, withProject } from './project.js';
import { loadTables, type TableOptions } from './tables.js';

export interface TestOptions {
  junit?: string;
  quiet?: boolean;
  output?: 'text' | 'json';
  project?: string;
}

export async function testCommand(paths: string[], options: TestOptions): Promise<number> {
  const { files, missing } = findTestFiles(paths.length ? paths : ['.']);
  if (missing.length) throw new UserError(`no such file or directory: ${missing.join(', ')}`);
  if (files.length === 0) throw new UserError(`no rule-test files (*.tests.yaml) found in ${paths.length ? paths.join(', ') : 'the current directory'}`);
  const project = projectFor(options.project, paths.length ? paths : ['.']);
  const tableOptions = withProject<TableOptions>({ quiet: true }, project);
  const context = { schemas: tableOptions.schemas, tables: project ? await loadTables(tableOptions, new Set()) : undefined };
  const json = options.output === 'json';
  const suites: SuiteResult[] = [];
  for (const file of files) {
    const s = isCloudSiemTestFile(file) ? await runCloudSiemTestFile(file) : await runTestFile(file, context);
    suites.push(s);
    const allPassed = s.errors.length === 0 && s.cases.every((c) => c.outcome === 'passed');
    if (!json && !(options.quiet && allPassed)) process.stdout.write(`${suiteText(s, options.quiet)}\n\n`);
  }
  process.stdout.write(json ? `${JSON.stringify(suitesJson(suites))}\n` : `${summaryText(suites)}\n`);
  if (options.junit) {
    try {
      writeFileSync(options.junit, junitXml(suites));
    } catch (e) {
      throw new UserError(`--junit: cannot write '${options.junit}': ${(e as Error).message}`);
    }
  }
  return suitesPassed(suites) ? EXIT.ok : EXIT.queryError;
}
