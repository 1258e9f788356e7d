/**
 * `--parsers DIR`: parser functions read from a folder, bound where a query reads them; each bad
 * parser file reported once with its file and line, and only the queries that read it failing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-parsers-'));
const parsers = join(dir, 'Parsers');

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args, ...(args[0] === 'check' ? [] : ['-q'])], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const json = (out: string) => JSON.parse(out) as { columns: { name: string }[]; rows: unknown[][] };

beforeAll(() => {
  mkdirSync(join(parsers, 'ASimGood'), { recursive: true });
  mkdirSync(join(parsers, 'Solution', 'Parsers'), { recursive: true });
  writeFileSync(join(parsers, 'ASimGood', 'vimGood.yaml'), [
    'Parser:',
    '  Title: a source parser',
    'ParserName: vimGood',
    'EquivalentBuiltInParser: _Im_Good_Source',
    'ParserParams:',
    '  - Name: eventresult',
    '    Type: string',
    "    Default: '*'",
    '  - Name: minimum',
    '    Type: int',
    '    Default: int(null)',
    'ParserQuery: |',
    '  let Rows = datatable(EventResult:string, Value:long)["Success", 1, "Failure", 2, "Success", 3];',
    '  Rows',
    "  | where eventresult == '*' or EventResult == eventresult",
    '  | where isnull(minimum) or Value >= minimum',
    '',
  ].join('\n'));
  writeFileSync(join(parsers, 'ASimGood', 'imGood.yaml'), [
    'ParserName: imGood',
    'EquivalentBuiltInParser: _Im_Good',
    'Parsers:',
    '  - _Im_Good_Source',
    'ParserQuery: |',
    '  union isfuzzy=true vimGoodSource, NoSuchTable_CL, vimNotDeployed(1)',
    '',
  ].join('\n'));
  writeFileSync(join(parsers, 'ASimGood', 'broken.yaml'), 'ParserName: vimBroken\nParsers: [a, b\nParserQuery: |\n  print 1\n');
  writeFileSync(join(parsers, 'ASimGood', 'vimCallsMissing.yaml'), 'ParserName: vimCallsMissing\nParserQuery: |\n  datatable(x:long)[1]\n  | extend y = no_such_function(x)\n');
  writeFileSync(join(parsers, 'ASimGood', 'vimSyslog.yaml'), 'ParserName: vimSyslog\nParserQuery: |\n  Syslog | where Facility == "auth"\n');
  writeFileSync(join(parsers, 'Solution', 'Parsers', 'MyParser.txt'), [
    '// Usage Instruction :',
    '// Paste below query in log analytics, click on Save button and select as Function from drop down by specifying function name and alias as MyAlias.',
    '// You can then use function alias from any other queries (e.g. MyAlias | take 10).',
    'vimGood(eventresult="Success")',
    '| extend Doubled = Value * 2',
    '',
  ].join('\n'));
  writeFileSync(join(parsers, 'Solution', 'Parsers', 'Dup1.txt'), '// (e.g. Dup | take 10)\nprint a = 1\n');
  writeFileSync(join(parsers, 'Solution', 'Parsers', 'Dup2.txt'), '// (e.g. Dup | take 10)\nprint a = 2\n');
  writeFileSync(join(parsers, 'Solution', 'Parsers', 'Loop.txt'), '// (e.g. Loop | take 10)\nLoop | take 1\n');
  writeFileSync(join(dir, 'good.csv'), 'EventResult,Value\nLoaded,10\n');
});

describe('kqlx query --parsers', () => {
  it('runs a workspace parser named by its header alias, which calls an ASIM parser with arguments', () => {
    const r = kqlx('query', 'MyAlias | project Value, Doubled', '--parsers', parsers, '-o', 'json');
    expect(r.code, r.err).toBe(0);
    expect(json(r.out).rows).toEqual([[1, 2], [3, 6]]);
  });

  it('reports each bad parser file once, by file and line, and still runs queries that do not read it', () => {
    const r = kqlx('query', 'vimGood | count', '--parsers', parsers, '-o', 'json');
    expect(r.code).toBe(0);
    expect(json(r.out).rows).toEqual([[3]]);
    expect(r.err).toContain(`${join(parsers, 'ASimGood', 'broken.yaml')}:3:1: warning KX560: YAML syntax error: Flow sequence`);
    expect(r.err.match(/broken\.yaml/g)).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('applies parameters with their defaults and types, positional or named', () => {
    expect(json(kqlx('query', "vimGood('Success') | count", '--parsers', parsers, '-o', 'json').out).rows).toEqual([[2]]);
    expect(json(kqlx('query', 'vimGood(minimum=2) | count', '--parsers', parsers, '-o', 'json').out).rows).toEqual([[2]]);
  });

  it('a built-in unifying parser calls the built-in parsers it lists; fuzzy union inputs that do not exist contribute nothing', () => {
    const r = kqlx('query', '_Im_Good | summarize sum(Value)', '--parsers', parsers, '-o', 'json');
    expect(r.code, r.err).toBe(0);
    expect(json(r.out).rows).toEqual([[6]]);
  });

  it('a table the parser reads that has a schema but no data reads as empty', () => {
    const r = kqlx('query', 'vimSyslog | count', '--parsers', parsers, '-o', 'json');
    expect(r.code, r.err).toBe(0);
    expect(json(r.out).rows).toEqual([[0]]);
  });

  it('a loaded table of the same name wins over the parser', () => {
    const r = kqlx('query', 'vimGood | project Value', '--parsers', parsers, '-t', `vimGood=${join(dir, 'good.csv')}`, '-o', 'json');
    expect(r.code, r.err).toBe(0);
    expect(json(r.out).rows).toEqual([[10]]);
  });

  it('a parser calling a function that does not exist fails the query reading it, naming the parser file and line', () => {
    const r = kqlx('query', 'print 1;\nvimCallsMissing', '--parsers', parsers);
    expect(r.code).toBe(1);
    expect(r.err).toContain("<query>:2:1: error KX203: unknown function 'no_such_function' (in parser 'vimCallsMissing' at ");
    expect(r.err).toContain('vimCallsMissing.yaml:4:16)');
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('two parser files defining one name: reported naming both files, and a query reading the name fails', () => {
    const r = kqlx('query', 'Dup', '--parsers', parsers);
    expect(r.code).toBe(1);
    const both = /'Dup' is defined twice: in .*Dup1\.txt:1 and in .*Dup2\.txt:1/;
    expect(r.err).toMatch(new RegExp(`warning KX563: ${both.source}`));
    expect(r.err).toMatch(new RegExp(`error KX260: parser 'Dup' cannot be used: .*${both.source}`));
  });

  it('a parser that calls itself is refused by name', () => {
    const r = kqlx('query', 'Loop', '--parsers', parsers);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/KX261: parser 'Loop' calls itself/);
  });

  it('--parsers pointing at a missing directory is a usage error, without a stack trace', () => {
    const r = kqlx('query', 'print 1', '--parsers', join(dir, 'nowhere'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`kqlx: --parsers: '${join(dir, 'nowhere')}' is not a directory\n`);
  });

  it('kqlx check resolves parser names without data', () => {
    writeFileSync(join(dir, 'q.kql'), 'MyAlias | project Doubled');
    expect(kqlx('check', join(dir, 'q.kql')).code).toBe(1);
    const r = kqlx('check', join(dir, 'q.kql'), '--parsers', parsers);
    expect(r.code, r.out + r.err).toBe(0);
  });
});

describe('kqlx rule --parsers', () => {
  /** 60 PAN-OS CEF TRAFFIC rows from one public source to 60 ports within a minute of 10:00. */
  function scanCsv(): string {
    const file = join(dir, 'csl-scan.csv');
    const rows = Array.from({ length: 60 }, (_, i) =>
      `2024-05-01T10:00:${String(i).padStart(2, '0')}Z,Palo Alto Networks,PAN-OS,TRAFFIC,deny,tcp,198.51.100.9,${1000 + i},10.0.0.5`);
    writeFileSync(file, `TimeGenerated,DeviceVendor,DeviceProduct,Activity,DeviceAction,Protocol,SourceIP,DestinationPort,DestinationIP\n${rows.join('\n')}\n`);
    return file;
  }
  const rule = join(ROOT, 'queries/sentinel/PortScan-ASimNetworkSession.yaml');

  it('runs an ASIM rule through the parsers over raw CommonSecurityLog, the window on the raw TimeGenerated', () => {
    const csv = scanCsv();
    const snapshot = join(ROOT, '../shared/corpus/sentinel/parsers/snapshot/Parsers/ASimNetworkSession/Parsers');
    const inside = kqlx('rule', rule, '-t', `CommonSecurityLog=${csv}`, '--parsers', snapshot, '--now', '2024-05-01T10:30:00Z', '-o', 'json');
    expect(inside.code, inside.err).toBe(0);
    const run = (JSON.parse(inside.out) as { runs: { resultCount: number; alerts: unknown[] }[] }).runs[0]!;
    expect(run.resultCount).toBe(1);
    expect(run.alerts).toHaveLength(1);
    // Two hours later the 1h window holds none of the raw rows.
    const after = kqlx('rule', rule, '-t', `CommonSecurityLog=${csv}`, '--parsers', snapshot, '--now', '2024-05-01T12:00:00Z', '-o', 'json');
    expect(after.code, after.err).toBe(0);
    expect((JSON.parse(after.out) as { runs: { resultCount: number }[] }).runs[0]!.resultCount).toBe(0);
  });
});
