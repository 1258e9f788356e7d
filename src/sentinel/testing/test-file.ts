/**
 * Reading a rule-test file (`NAME.tests.yaml`, beside the rule `NAME.yaml`):
 *
 *   rule: NAME.yaml                  # optional; default: this file's name without `.tests`
 *   now: 2024-05-01T12:00:00Z        # optional; the run instant for cases that give none
 *   schemas:                         # optional; columns of tables kqlx has no schema for
 *     MyTable_CL: {TimeGenerated: datetime, User: string}
 *   defaults:                        # optional; values every inline row of a table starts from
 *     CommonSecurityLog: {DeviceVendor: Palo Alto Networks, TimeGenerated: now-10m}
 *   tests:
 *     - name: ten resets to one port fire
 *       now: 2024-05-01T12:00:00Z
 *       data:
 *         CommonSecurityLog:          # inline rows (see case-rows.ts for $repeat and $step) ...
 *           - {SourceIP: 10.1.1.1, $repeat: 10}
 *         Other: {file: other.csv}    # ... or a CSV/JSON/JSONL file, relative to this file
 *       expect: {triggered: true, alertCount: 1}   # see expectations.ts
 *
 * Tables the query reads that a case does not list are empty. Inline rows are typed here, so a bad
 * value is reported with its line before anything runs.
 */
import { isAlias, isMap, LineCounter, type Node, parseDocument } from 'yaml';
import { sentinelSchema } from '../schemas/index.js';
import type { ColumnSchema, Table } from '../../table/table.js';
import { parseDatetime } from '../../types/datetime.js';
import type { RuleProblem } from '../../rules/problems.js';
import type { RuleLocation } from '../../rules/problems.js';
import { present, YamlReader } from '../../rules/yaml-reader.js';
import { buildTable, inferSchema, type JsRow, RowError, schemaFromTypes } from './case-rows.js';
import { type Expectations, readExpectations } from './expectations.js';

export interface TableFileRef extends RuleLocation {
  readonly table: string;
  /** As written: relative to the test file. */
  readonly path: string;
}

export interface TestCase {
  readonly name: string;
  readonly line: number;
  readonly now?: bigint;
  readonly inline: ReadonlyMap<string, Table>;
  readonly files: readonly TableFileRef[];
  readonly expect: Expectations;
}

export interface TestSuite {
  readonly file: string;
  /** The rule path as written (relative to the test file), or undefined for the default. */
  readonly rule?: string;
  readonly schemas: ReadonlyMap<string, readonly ColumnSchema[]>;
  readonly cases: readonly TestCase[];
  readonly problems: readonly RuleProblem[];
}

const SUITE_KEYS = new Set(['rule', 'now', 'schemas', 'defaults', 'tests']);
const CASE_KEYS = new Set(['name', 'now', 'data', 'expect']);

export function readTestFile(text: string, file: string): TestSuite {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, merge: true });
  const empty = { file, schemas: new Map(), cases: [] };
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lc.linePos(syntax.pos[0]);
    return { ...empty, problems: [{ file, ...pos, key: '', message: `YAML syntax error: ${syntax.message.split('\n')[0]}`, severity: 'error' }] };
  }
  const y = new YamlReader(file, lc);
  const root = doc.contents;
  if (!isMap(root)) {
    y.error('', root as Node | null, 'a test file must be a mapping with a tests: list');
    return { ...empty, problems: y.problems };
  }
  const resolve = (n: Node | null): Node | null => (n && isAlias(n) ? (n.resolve(doc) as Node | undefined) ?? null : n);
  const toJs = (n: Node) => n.toJS(doc) as unknown;
  for (const e of y.entries(root)) if (!SUITE_KEYS.has(e.key)) y.error(e.key, e.keyNode, `unknown key '${e.key}'; use ${[...SUITE_KEYS].join(', ')}`);
  const get = (k: string) => present(y.entry(root, k)?.value);

  const ruleNode = get('rule');
  const rule = ruleNode ? y.text('rule', ruleNode) : undefined;
  const suiteNow = readNow(y, 'now', get('now'));
  const schemas = readSchemas(y, get('schemas'), toJs);
  const defaults = readDefaults(y, get('defaults'), toJs);

  const cases: TestCase[] = [];
  const testsNode = get('tests');
  if (!testsNode) y.error('tests', null, 'is required: a list of test cases');
  else {
    const seq = y.seq('tests', testsNode, 'a list of test cases');
    const names = new Set<string>();
    if (seq) {
      y.items(seq).forEach((item, i) => {
        const c = readCase(y, `tests[${i}]`, resolve(item), { suiteNow, schemas, defaults, toJs, resolve });
        if (!c) return;
        if (names.has(c.name)) y.error(`tests[${i}].name`, item, `another case is already named '${c.name}'`);
        names.add(c.name);
        cases.push(c);
      });
    }
  }
  return { file, rule, schemas, cases, problems: y.problems.sort((a, b) => a.line - b.line) };
}

interface SuiteContext {
  suiteNow?: bigint;
  schemas: Map<string, ColumnSchema[]>;
  defaults: Map<string, JsRow>;
  toJs: (n: Node) => unknown;
  resolve: (n: Node | null) => Node | null;
}

function readNow(y: YamlReader, key: string, node: Node | null): bigint | undefined {
  if (!node) return undefined;
  const s = y.text(key, node);
  if (s === undefined) return undefined;
  const t = parseDatetime(s);
  if (t === undefined) return y.error(key, node, `'${s}' is not a datetime (ISO 8601, e.g. 2024-05-01T12:00:00Z)`);
  return t;
}

function readSchemas(y: YamlReader, node: Node | null, toJs: (n: Node) => unknown): Map<string, ColumnSchema[]> {
  const out = new Map<string, ColumnSchema[]>();
  if (!node) return out;
  const map = y.map('schemas', node, 'a mapping of table name to {Column: type}');
  for (const e of map ? y.entries(map) : []) {
    if (!y.map(`schemas.${e.key}`, e.value, 'a mapping of column name to type')) continue;
    try {
      out.set(e.key, schemaFromTypes(toJs(e.value!) as Record<string, unknown>));
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      y.error(`schemas.${e.key}`, e.value, err.message);
    }
  }
  return out;
}

function readDefaults(y: YamlReader, node: Node | null, toJs: (n: Node) => unknown): Map<string, JsRow> {
  const out = new Map<string, JsRow>();
  if (!node) return out;
  const map = y.map('defaults', node, 'a mapping of table name to default column values');
  for (const e of map ? y.entries(map) : []) {
    if (y.map(`defaults.${e.key}`, e.value, 'a mapping of column to value')) out.set(e.key, toJs(e.value!) as JsRow);
  }
  return out;
}

function readCase(y: YamlReader, key: string, node: Node | null, ctx: SuiteContext): TestCase | undefined {
  const map = y.map(key, node, 'a test case with name, data and expect');
  if (!map) return undefined;
  for (const e of y.entries(map)) if (!CASE_KEYS.has(e.key)) y.error(`${key}.${e.key}`, e.keyNode, `unknown key '${e.key}'; use ${[...CASE_KEYS].join(', ')}`);
  const get = (k: string) => present(y.entry(map, k)?.value);
  const nameNode = get('name');
  const name = nameNode ? y.text(`${key}.name`, nameNode) : y.error(`${key}.name`, map, 'is required: say what the case shows');
  const now = readNow(y, `${key}.now`, get('now')) ?? ctx.suiteNow;
  if (now === undefined && !get('now')) y.error(`${key}.now`, map, 'is required (here or at the top of the file): the instant the rule runs at');
  const expectNode = get('expect');
  if (!expectNode) y.error(`${key}.expect`, map, 'is required: what the run must produce');
  const expect = expectNode ? readExpectations(y, `${key}.expect`, expectNode, ctx.toJs) : {};
  const inline = new Map<string, Table>();
  const files: TableFileRef[] = [];
  const dataNode = get('data');
  const dataMap = dataNode ? y.map(`${key}.data`, dataNode, 'a mapping of table name to rows or {file: path}') : undefined;
  for (const e of dataMap ? y.entries(dataMap) : []) {
    const tkey = `${key}.data.${e.key}`;
    const value = ctx.resolve(e.value);
    if (isMap(value)) {
      const f = y.entry(value, 'file');
      const path = f && y.text(`${tkey}.file`, f.value);
      if (path) files.push({ table: e.key, path, ...y.at(`${tkey}.file`, f.value) });
      else if (!f) y.error(tkey, value, 'expected a list of rows or {file: path}');
      continue;
    }
    const seq = y.seq(tkey, value, 'a list of rows or {file: path}');
    if (!seq) continue;
    const items = y.items(seq).map(ctx.resolve);
    const base = ctx.defaults.get(e.key) ?? {};
    const rows: JsRow[] = items.map((item, i) => (y.map(`${tkey}[${i}]`, item, 'a row: a mapping of column to value') ? { ...base, ...(ctx.toJs(item!) as JsRow) } : {}));
    const schema = ctx.schemas.get(e.key) ?? sentinelSchema(e.key) ?? inferSchema(rows);
    inline.set(e.key, buildTable(rows, schema, now, (i, message) => y.error(`${tkey}[${i}]`, items[i], message)));
  }
  if (name === undefined) return undefined;
  return { name, line: y.pos(map).line, now, inline, files, expect };
}
