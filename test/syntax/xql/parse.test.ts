/**
 * The XQL front end: the seed query, the documentation's examples (each test names its page on
 * docs-cortex.paloaltonetworks.com), and what the parser makes of each stage and expression form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../../src/common/source.js';
import { locate } from '../../../src/diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../../src/diagnostics/render.js';
import type * as A from '../../../src/syntax/ast.js';
import { parseXql } from '../../../src/syntax/xql/parse.js';
import { SHARED } from '../../helpers/paths.js';

function parse(text: string): A.Pipeline {
  const r = parseXql(text);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r.ast!;
}

function stages(text: string): string[] {
  return parse(text).operators.map((o) => o.kind);
}

/** The one diagnostic of a malformed query, as `kqlx` prints it. */
function diagnose(text: string) {
  const source = new SourceText(text, 'q.xql');
  return parseXql(text).diagnostics.map((d) => {
    const at = locate(d, source);
    return { code: d.code, message: d.message, line: at.line, col: at.col, rendered: renderDiagnostic(d, source) };
  });
}

describe('the seed query (corpus/xql/internal-port-scan.xql)', () => {
  const text = readFileSync(`${SHARED}/corpus/xql/internal-port-scan.xql`, 'utf8');
  const q = parse(text);

  it('reads every stage, the commented-out filter on line 2 ignored', () => {
    expect(q.source).toMatchObject({ kind: 'Dataset', form: 'dataset', names: [{ name: 'panw_ngfw_threat_raw' }], implicit: false });
    expect(q.operators.map((o) => o.kind)).toEqual([
      'Where', 'Where', 'Extend', 'Where', 'Extend', 'Summarize', 'Extend', 'Extend', 'Extend', 'Extend', 'Extend', 'Fields', 'Sort',
    ]);
  });

  it('reads comp: 36 aggregates with their aliases, comments between them, by after a blank line', () => {
    const comp = q.operators[5] as A.Summarize;
    expect(comp.aggregates).toHaveLength(36);
    expect(comp.aggregates[0]).toMatchObject({ names: ['total_scan_detections'], expr: { kind: 'Call', name: 'count', args: [] } });
    expect(comp.aggregates[35]).toMatchObject({ names: ['highest_port_scanned'], expr: { kind: 'Call', name: 'max' } });
    expect(comp.by.map((b) => (b.expr as A.NameRef).name)).toEqual(['source_ip']);
  });

  it('a pipe indented in the middle of an alter block starts a new stage', () => {
    const [a, b] = [q.operators[6] as A.Extend, q.operators[7] as A.Extend];
    expect(a.columns.map((c) => c.names[0])).toEqual(['scan_duration_minutes']);
    expect(b.columns.map((c) => c.names[0])).toEqual(['scans_per_minute', 'target_diversity', 'port_range_span']);
  });

  it('fields keeps the listed order; sort has three descending keys', () => {
    const fields = q.operators[11] as A.Fields;
    expect(fields.items).toHaveLength(24);
    expect(fields.items[0]!.pattern).toBe('source_ip');
    expect(fields.items[23]!.pattern).toBe('firewall_rules_hit');
    const sort = q.operators[12] as A.Sort;
    expect(sort.keys.map((k) => [(k.expr as A.NameRef).name, k.descending])).toEqual([
      ['internal_scan_risk_score', true], ['allowed_scans', true], ['total_scan_detections', true],
    ]);
  });

  it('keeps emoji in string literals intact', () => {
    const alter = q.operators[4] as A.Extend;
    const ifCall = alter.columns[0]!.expr as A.Call;
    expect(ifCall.args[1]).toMatchObject({ kind: 'Literal', value: '🏠 INTERNAL_TO_INTERNAL' });
  });
});

describe('the documentation examples parse', () => {
  it.each([
    ['XQL Language Structure: dataset', 'dataset = xdr_data', 'dataset'],
    ['XQL Language Structure: cold_dataset', 'cold_dataset = xdr_data', 'cold_dataset'],
  ])('%s', (_page, text, form) => {
    expect(parse(text).source).toMatchObject({ kind: 'Dataset', form, names: [{ name: 'xdr_data' }] });
  });

  it('Adding comments in queries: // between the parts of a filter', () => {
    const q = parse('dataset = xdr_data\n| filter event_type=1\n//ENUM.process\nand event_sub_type = 1\n//ENUM.execution');
    expect(q.operators[0]).toMatchObject({ kind: 'Where', predicate: { kind: 'Binary', op: 'and' } });
  });

  it('Adding comments in queries: a multi-line /* */ comment', () => {
    const q = parse('dataset = xdr_data \n| filter \n/*multi-line Adding comments is a great thing.\nHere is an example */ \nevent_type=1');
    expect(q.operators[0]).toMatchObject({ kind: 'Where', predicate: { kind: 'Binary', op: '==', left: { name: 'event_type' } } });
  });

  it('dedup: the first and the last chronological record per value', () => {
    for (const dir of ['asc', 'desc']) {
      const q = parse(`dataset = xdr_data \n| fields actor_primary_username as apu \n| filter apu != null \n| dedup apu by ${dir} _time`);
      expect(q.operators.map((o) => o.kind)).toEqual(['Fields', 'Where', 'Dedup']);
      expect(q.operators[0]).toMatchObject({ items: [{ pattern: 'actor_primary_username', alias: 'apu' }] });
      expect(q.operators[2]).toMatchObject({ columns: [{ name: 'apu' }], by: { expr: { name: '_time' }, descending: dir === 'desc' } });
    }
  });

  it('arrayexpand: with a limit, and followed by sort', () => {
    expect(parse('dataset=my_dataset \n| arrayexpand array_values limit 3').operators[0]).toMatchObject({
      kind: 'MvExpand', columns: [{ assignment: { expr: { name: 'array_values' } } }], limit: { value: 3 },
    });
    expect(stages('dataset=my_dataset \n| arrayexpand array_values \n| sort asc array_values')).toEqual(['MvExpand', 'Sort']);
  });

  it('bin: the quantity and the time-span forms of its syntax', () => {
    expect(parse('dataset = xdr_data | bin action_total_upload bins = 10').operators[0]).toMatchObject({
      kind: 'Bin', column: { name: 'action_total_upload' }, params: [{ name: 'bins', value: 10 }],
    });
    expect(parse('dataset = xdr_data | bin _time span = 1h timeshift = 1615590000 timezone = "America/New_York"').operators[0]).toMatchObject({
      params: [{ name: 'span', value: '1h' }, { name: 'timeshift', value: 1615590000 }, { name: 'timezone', value: 'America/New_York' }],
    });
  });

  it('transaction: the span form and the startswith/endswith form of its syntax', () => {
    expect(parse('dataset = xdr_data | transaction user, user_ip span = 1h maxevents = 100').operators[0]).toMatchObject({
      kind: 'Transaction', fields: [{ name: 'user' }, { name: 'user_ip' }], params: [{ name: 'span', value: '1h' }, { name: 'maxevents', value: 100 }],
    });
    const t = parse('dataset = xdr_data | transaction user startswith = event_sub_type = 1 endswith = event_sub_type = 2 allowunclosed= true maxevents = 10').operators[0] as A.Transaction;
    expect(t.startsWith).toMatchObject({ kind: 'Binary', op: '==', right: { value: 1 } });
    expect(t.endsWith).toMatchObject({ kind: 'Binary', op: '==', right: { value: 2 } });
    expect(t.params).toMatchObject([{ name: 'allowunclosed', value: true }, { name: 'maxevents', value: 10 }]);
  });

  it('Supported operators: in with integers, and string wildcards', () => {
    expect(parse('dataset = xdr_data | filter action_local_port in(5900,5999)').operators[0]).toMatchObject({
      predicate: { kind: 'InList', op: 'in', items: [{ value: 5900 }, { value: 5999 }] },
    });
    expect(parse('dataset = xdr_data | filter str_field in ("*word_1*", "*word_2*", "word")').operators[0]).toMatchObject({
      predicate: { kind: 'InList', items: [{ value: '*word_1*', quoting: 'plain' }, { value: '*word_2*' }, { value: 'word' }] },
    });
  });

  it('filter: "..." is taken literally, """...""" processes escapes', () => {
    const q = parse('dataset = xdr_data | filter a = "\\test\\" | filter b = """\\test\\n"""');
    expect((q.operators[0] as A.Where).predicate).toMatchObject({ right: { value: '\\test\\', quoting: 'plain' } });
    expect((q.operators[1] as A.Where).predicate).toMatchObject({ right: { value: '\test\n', quoting: 'triple' } });
  });

  it('filter: """""" is the empty string, and null may stand in an in list', () => {
    expect(parse('dataset = xdr_data | filter auth_identity not in (null, """""")').operators[0]).toMatchObject({
      predicate: { kind: 'InList', op: '!in', items: [{ kind: 'Literal', value: null }, { kind: 'Literal', value: '' }] },
    });
  });

  it('approx_top: comp over an approximate aggregate with a by clause', () => {
    expect(parse('dataset = xdr_data | comp approx_top(actor_process_image_name, 10) as top_images by agent_hostname').operators[0]).toMatchObject({
      kind: 'Summarize', aggregates: [{ names: ['top_images'], expr: { name: 'approx_top' } }], by: [{ expr: { name: 'agent_hostname' } }],
    });
  });

  it('comp with addrawdata: false parses; true is refused with its position', () => {
    expect(parse('dataset = xdr_data | comp count() as n by agent_id addrawdata = false').operators[0]).toMatchObject({
      params: [{ name: 'addrawdata', value: false }],
    });
    const ds = parseXql('dataset = xdr_data | comp count() as n by agent_id addrawdata = true as raw').diagnostics;
    expect(ds).toMatchObject([{ code: 'KX303', message: 'unsupported comp ... addrawdata = true: kqlx does not build the raw-rows array', span: { start: 51 } }]);
  });

  it('windowcomp: lag by a partition in a sort order', () => {
    expect(parse('dataset = xdr_data | windowcomp lag(_time) by auth_identity sort asc ep as previous_login').operators[0]).toMatchObject({
      kind: 'WindowComp', call: { name: 'lag', args: [{ name: '_time' }] }, by: [{ name: 'auth_identity' }],
      sort: [{ expr: { name: 'ep' }, descending: false }], alias: { name: 'previous_login' },
    });
  });

  it('windowcomp: an aggregate over a frame of rows, and a range frame', () => {
    const w = parse('dataset = xdr_data | windowcomp sum(bytes) by host sort asc _time between -2 and 0 as rolling').operators[0] as A.WindowComp;
    expect(w.frame).toMatchObject({ from: -2, to: 0, range: false });
    const r = parse('dataset = xdr_data | windowcomp count() by host sort asc ts between -300 and null frame_type = range as c').operators[0] as A.WindowComp;
    expect(r.frame).toMatchObject({ from: -300, to: null, range: true });
  });

  it('config: case_sensitive and timeframe come first, and attach to the source', () => {
    const q = parse('config case_sensitive = true | config timeframe = 7d | dataset = xdr_data | filter a = "B"');
    expect(q.source).toMatchObject({ config: [{ name: 'case_sensitive', value: true }, { name: 'timeframe', value: '7d' }] });
    const between = parse('config timeframe between "2024-01-01 00:00:00 +0000" and "now" | dataset = xdr_data');
    expect(between.source).toMatchObject({ config: [{ name: 'timeframe', value: '2024-01-01 00:00:00 +0000', end: 'now' }] });
  });

  it('XQL Language Structure: without a source stage the query reads xdr_data', () => {
    expect(parse('filter event_type = ENUM.PROCESS').source).toMatchObject({ names: [{ name: 'xdr_data' }], implicit: true });
  });

  it('datamodel dataset and dataset in (...)', () => {
    expect(parse('datamodel dataset = panw_ngfw_traffic_raw | filter xdm.target.port = 22').source).toMatchObject({ form: 'datamodel', names: [{ name: 'panw_ngfw_traffic_raw' }] });
    expect(parse('datamodel dataset = panw_ngfw_traffic_raw | filter xdm.target.port = 22').operators[0]).toMatchObject({ predicate: { left: { kind: 'Name', name: 'xdm.target.port' } } });
    expect(parse('dataset in (panw_ngfw_traffic_raw, panw_ngfw_threat_raw)').source).toMatchObject({ names: [{ name: 'panw_ngfw_traffic_raw' }, { name: 'panw_ngfw_threat_raw' }] });
    expect(parse('preset = network_story').source).toMatchObject({ form: 'preset', names: [{ name: 'network_story' }] });
  });
});

describe('stages', () => {
  it('alter assigns several fields, left to right', () => {
    expect(parse('dataset = x | alter a = 1, b = a').operators[0]).toMatchObject({ kind: 'Extend', columns: [{ names: ['a'] }, { names: ['b'], expr: { name: 'a' } }] });
  });

  it('fields: aliases, wildcards, and a leading - to exclude', () => {
    expect(parse('dataset = x | fields a as b, action_*, *_ip, xdm.source.*').operators[0]).toMatchObject({
      kind: 'Fields', exclude: false, items: [{ pattern: 'a', alias: 'b' }, { pattern: 'action_*' }, { pattern: '*_ip' }, { pattern: 'xdm.source.*' }],
    });
    expect(parse('dataset = x | fields - a, b').operators[0]).toMatchObject({ exclude: true, items: [{ pattern: 'a' }, { pattern: 'b' }] });
  });

  it('sort: asc by default; the direction before or after the field', () => {
    expect(parse('dataset = x | sort a, desc b, c desc').operators[0]).toMatchObject({
      keys: [{ descending: false }, { descending: true }, { descending: true }],
    });
  });

  it('limit', () => {
    expect(parse('dataset = x | limit 100').operators[0]).toMatchObject({ kind: 'Take', count: { value: 100 } });
  });

  it('join: type, conflict_strategy, a subquery, its alias and a condition over both sides', () => {
    const j = parse('dataset = x | join type = left conflict_strategy = both (dataset = y | fields a, b) as j j.a = a').operators[0] as A.XqlJoin;
    expect(j).toMatchObject({
      kind: 'XqlJoin', params: [{ name: 'type', value: 'left' }, { name: 'conflict_strategy', value: 'both' }],
      right: { source: { names: [{ name: 'y' }] }, operators: [{ kind: 'Fields' }] }, alias: { name: 'j' },
      condition: { kind: 'Binary', op: '==', left: { name: 'j.a' }, right: { name: 'a' } },
    });
  });

  it('union: a dataset by name, or a subquery', () => {
    expect(parse('dataset = x | union y').operators[0]).toMatchObject({ kind: 'UnionOp', union: { tables: [{ kind: 'Name', name: 'y' }] } });
    expect(parse('dataset = x | union (dataset = y | filter a = 1)').operators[0]).toMatchObject({ union: { tables: [{ kind: 'Pipeline' }] } });
  });

  it('replacenull, tag, top and view', () => {
    expect(parse('dataset = x | replacenull user = "N/A"').operators[0]).toMatchObject({ kind: 'ReplaceNull', column: { name: 'user' }, value: { value: 'N/A' } });
    expect(parse('dataset = x | tag add "scan", "internal"').operators[0]).toMatchObject({ kind: 'Tag', tags: ['scan', 'internal'] });
    expect(parse('dataset = x | top 5 a, b by c top_count as n top_percent as p').operators[0]).toMatchObject({
      kind: 'XqlTop', count: 5, fields: [{ name: 'a' }, { name: 'b' }], by: [{ name: 'c' }], countAlias: 'n', percentAlias: 'p',
    });
    expect(parse('dataset = x | view graph type = pie xaxis = a yaxis = b show_percentage = `false`').operators[0]).toMatchObject({ kind: 'Render', visualization: 'graph' });
  });

  it('keywords and stage names are case-insensitive', () => {
    expect(stages('DATASET = x | FILTER a = 1 AND b != NULL | Comp COUNT() AS n BY a | SORT DESC n | LIMIT 3')).toEqual(['Where', 'Summarize', 'Sort', 'Take']);
  });

  it('a field may be named like a stage', () => {
    expect(parse('dataset = x | filter tag = "a" | alter top = 1').operators[0]).toMatchObject({ predicate: { left: { name: 'tag' } } });
  });
});

describe('expressions', () => {
  const where = (e: string) => (parse(`dataset = x | filter ${e}`).operators[0] as A.Where).predicate;

  it('not, and, or: not binds tightest, or loosest', () => {
    expect(where('not a = 1 and b = 2 or c = 3')).toMatchObject({
      op: 'or', left: { op: 'and', left: { kind: 'Call', name: 'not', args: [{ op: '==' }] } },
    });
  });

  it('not in, not contains, contains, ~=, incidr and not incidr', () => {
    expect(where('a not contains "x"')).toMatchObject({ kind: 'Binary', op: '!contains' });
    expect(where('a contains "x"')).toMatchObject({ kind: 'Binary', op: 'contains' });
    expect(where('a ~= ".*\\\\.tk$"')).toMatchObject({ kind: 'Binary', op: 'matches regex', right: { value: '.*\\\\.tk$' } });
    expect(where('ip incidr "10.0.0.0/8"')).toMatchObject({ kind: 'Call', name: 'incidr', args: [{ name: 'ip' }, { value: '10.0.0.0/8' }] });
    expect(where('ip not incidr "10.0.0.0/8"')).toMatchObject({ kind: 'Call', name: 'not', args: [{ name: 'incidr' }] });
  });

  it('-> JSON paths are the json_extract calls', () => {
    const alter = parse('dataset = x | alter a = j -> b.c, d = j -> list[], e = j -> obj{}, f = j -> "a.b"[0].c').operators[0] as A.Extend;
    expect(alter.columns.map((c) => [(c.expr as A.Call).name, ((c.expr as A.Call).args[1] as A.Literal).value])).toEqual([
      ['json_extract_scalar', '$.b.c'], ['json_extract_array', '$.list'], ['json_extract', '$.obj'], ['json_extract_scalar', "$['a.b'][0].c"],
    ]);
  });

  it('ENUM.X is an enum literal; a bare enum name is a name for the binder to resolve', () => {
    expect(where('event_type = ENUM.PROCESS')).toMatchObject({ right: { kind: 'Enum', name: 'PROCESS' } });
    expect(where('event_type = PROCESS')).toMatchObject({ right: { kind: 'Name', name: 'PROCESS' } });
  });

  it('arithmetic operators, negative numbers, function names lower-cased', () => {
    expect(where('a + b * 2 > -1')).toMatchObject({ op: '>', left: { op: '+', right: { op: '*' } }, right: { value: -1 } });
    expect(where('COUNT_DISTINCT(a) > 1')).toMatchObject({ left: { kind: 'Call', name: 'count_distinct' } });
  });

  it('comments inside an argument list', () => {
    expect(where('if(a = 1, /* one */ "x", // otherwise\n "y") = "x"')).toMatchObject({ left: { kind: 'Call', name: 'if', args: [{}, { value: 'x' }, { value: 'y' }] } });
  });

  it('"//" inside a string is not a comment', () => {
    expect(where('url = "http://example.com/*"')).toMatchObject({ right: { value: 'http://example.com/*' } });
  });
});

describe('malformed XQL: diagnostics with line:col and a caret', () => {
  it('an unknown stage, by name; parsing goes on after it', () => {
    const ds = diagnose('dataset = x\n| fitler a = 1\n| limit');
    expect(ds[0]).toMatchObject({ code: 'KX120', message: "unknown XQL stage 'fitler'", line: 2, col: 3 });
    expect(ds[0]!.rendered).toBe(["q.xql:2:3: error KX120: unknown XQL stage 'fitler'", '  |', '2 | | fitler a = 1', '  |   ^^^^^^'].join('\n'));
    expect(ds[1]).toMatchObject({ code: 'KX107', line: 3 });
  });

  it('an unclosed string', () => {
    const [d] = diagnose('dataset = x\n| filter a = "abc\n| limit 1');
    expect(d).toMatchObject({ code: 'KX101', message: 'unterminated string literal', line: 2, col: 14 });
    expect(d!.rendered.split('\n')[3]).toBe('  |              ^^^^');
  });

  it('an unclosed """ string and an unclosed comment', () => {
    expect(diagnose('dataset = x | filter a = """abc')).toMatchObject([{ code: 'KX101', col: 26 }]);
    expect(diagnose('dataset = x | filter a = 1 /* no end')[0]).toMatchObject({ code: 'KX127', col: 28 });
  });

  it('comp without an aggregate', () => {
    const [d] = diagnose('dataset = x\n| comp by source_ip');
    expect(d).toMatchObject({ code: 'KX123', line: 2, col: 3, message: "'comp' needs at least one aggregate function before 'by'" });
    expect(d!.rendered.split('\n')[3]).toBe('  |   ^^^^');
  });

  it('config after another stage', () => {
    const [d] = diagnose('dataset = x\n| filter a = 1\n| config case_sensitive = true');
    expect(d).toMatchObject({ code: 'KX121', line: 3, col: 3 });
  });

  it('an unknown config setting', () => {
    expect(diagnose('config case_sensitivity = true | dataset = x')[0]).toMatchObject({ code: 'KX124', col: 8 });
  });

  it('a second source stage', () => {
    expect(diagnose('dataset = x | filter a = 1 | dataset = y')[0]).toMatchObject({ code: 'KX122', col: 30, message: "'dataset' must be the first stage of a query (after any 'config')" });
  });

  it('a missing operand', () => {
    expect(diagnose('dataset = x | filter a =')[0]).toMatchObject({ code: 'KX104', message: "missing operand after '='" });
  });

  it.each([
    ['iploc', 'dataset = x | iploc source_ip loc_country = c', 'has no IP geolocation database'],
    ['getrole', 'dataset = x | getrole agent_hostname as roles', "has no tenant's asset roles"],
    ['call', 'call "CreateRole operation parsed to fields"\n| filter accessKeyId = "1234"\n| limit 100', "has no tenant's query library"],
    ['target', 'dataset = x | target type = dataset append = true my_results', 'does not write results to datasets or lookups'],
  ])('%s is refused by name with its position (the %s page)', (name, text, reason) => {
    const ds = diagnose(text);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'KX310', message: `unsupported stage '${name}': kqlx ${reason}`, col: text.indexOf(name) + 1 });
  });

  it('never throws on arbitrary input', () => {
    for (const text of ['', '|', '| |', ')', 'dataset', 'dataset =', 'filter (', 'alter a = ', 'comp', 'join (', 'fields -', '"""', '->', 'x -> []', 'windowcomp lag(', 'sort desc']) {
      expect(() => parseXql(text)).not.toThrow();
    }
  });
});
