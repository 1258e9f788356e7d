/**
 * XQL's semantics on the shared binder, plan and evaluator. Each rule is shown with the KQL query a
 * reader would write for it, which answers differently: the rule lives in the XQL language, not in
 * the engine KQL shares.
 */
import { describe, expect, it } from 'vitest';
import { rows as kqlRows, errors as kqlErrors, table } from '../helpers/run.js';
import { xqlErrors, xqlRows, xqlSchema } from '../helpers/xql.js';

const T = table('_time:datetime, user:string, port:long, action:string, ip:string, tags:dynamic', [
  [1714521600000n * 10_000n, 'Alice', 22, 'drop', '10.1.2.3', ['a', 'b']],
  [1714521660000n * 10_000n, 'alice', null, null, '192.168.1.1', []],
  [1714521720000n * 10_000n, 'Bob', 443, 'reset-both', '8.8.8.8', ['B']],
  [1714521780000n * 10_000n, 'ALICE', 80, 'allow', '172.16.0.9', null],
]);
const tables = { T };
const users = (q: string) => xqlRows(`dataset = T | ${q} | fields user`, tables).map((r) => r[0]);
/** Rows of the listed fields only: fields keeps the system field _time after them. */
const listed = (q: string, t: Record<string, ReturnType<typeof table>> = tables) => xqlRows(`${q} | fields - _time`, t);

describe('string comparison', () => {
  it('= ignores case by default; KQL == does not (the case_sensitive page)', () => {
    expect(users('filter user = "alice"')).toEqual(['Alice', 'alice', 'ALICE']);
    expect(kqlRows("T | where user == 'alice' | project user", tables)).toEqual([['alice']]);
  });
  it('config case_sensitive = true makes = exact', () => {
    expect(listed('config case_sensitive = true | dataset = T | filter user = "alice" | fields user')).toEqual([['alice']]);
  });
  it('* in a string constant is a wildcard for =, != and in; in KQL it is a character', () => {
    expect(users('filter user = "ali*"')).toEqual(['Alice', 'alice', 'ALICE']);
    expect(users('filter user != "ali*"')).toEqual(['Bob']);
    expect(users('filter user in ("*O*", "nobody")')).toEqual(['Bob']);
    expect(kqlRows("T | where user == 'ali*' | project user", tables)).toEqual([]);
  });
  it('contains ignores case by default and follows case_sensitive; on an array it tests membership', () => {
    expect(users('filter action contains "RESET"')).toEqual(['Bob']);
    expect(listed('config case_sensitive = true | dataset = T | filter action contains "RESET" | fields user')).toEqual([]);
    expect(users('filter tags contains "b"')).toEqual(['Alice', 'Bob']);
    // KQL's contains on a dynamic array is a substring test of its JSON text
    expect(kqlRows("T | where tags contains '\"' | project user", tables)).toEqual([['Alice'], ['Bob']]);
  });
  it('~= is an RE2 search, case-sensitive; KQL =~ is case-insensitive equality', () => {
    expect(users('filter user ~= "^A"')).toEqual(['Alice', 'ALICE']);
    expect(kqlRows("T | where user =~ '^A' | project user", tables)).toEqual([]);
  });
});

describe('null', () => {
  it('= null tests nullness; != null its absence (the filter page)', () => {
    expect(users('filter action = null')).toEqual(['alice']);
    expect(users('filter port != null')).toEqual(['Alice', 'Bob', 'ALICE']);
  });
  it('other comparisons with null are never true: != "drop" skips the null action; in KQL the empty string passes', () => {
    expect(users('filter action != "drop"')).toEqual(['Bob', 'ALICE']);
    expect(kqlRows("T | where action != 'drop' | project user", tables)).toEqual([['alice'], ['Bob'], ['ALICE']]);
  });
  it('not in (null, "") keeps the values that are neither', () => {
    expect(users('filter action not in (null, "", "allow")')).toEqual(['Alice', 'Bob']);
  });
});

describe('functions', () => {
  it('if with two arguments gives null when false; KQL iff needs three', () => {
    expect(listed('dataset = T | alter x = if(port > 100, "high") | fields x')).toEqual([[null], [null], ['high'], [null]]);
    expect(kqlErrors('T | extend x = iff(port > 100, "high")', tables)[0]).toMatchObject({ code: 'KX204' });
  });
  it('concat with a null argument is null; KQL strcat skips it', () => {
    expect(listed('dataset = T | alter x = concat(user, "/", action) | fields x')).toEqual([['Alice/drop'], [null], ['Bob/reset-both'], ['ALICE/allow']]);
    expect(kqlRows("T | extend x = strcat(user, '/', action) | project x", tables)[1]).toEqual(['alice/']);
  });
  it('incidr takes a comma-separated list of ranges; KQL ipv4_is_in_range takes one', () => {
    expect(users('filter incidr(ip, "10.0.0.0/8, 192.168.0.0/16")')).toEqual(['Alice', 'alice']);
    expect(users('filter ip incidr "172.16.0.0/12"')).toEqual(['ALICE']);
    expect(kqlRows("T | where ipv4_is_in_range(ip, '10.0.0.0/8, 192.168.0.0/16') | project user", tables)).toEqual([]);
  });
  it('divide is real division; KQL / of two longs truncates', () => {
    expect(listed('dataset = T | filter user = "Bob" | alter x = divide(port, 2), y = round(divide(7, 2)) | fields x, y')).toEqual([[221.5, 4]]);
    expect(kqlRows("T | where user == 'Bob' | project x = port / 2", tables)).toEqual([[221]]);
  });
});

describe('stages', () => {
  it('alter runs left to right; in one KQL extend a new column is not yet visible', () => {
    expect(listed('dataset = T | filter user = "Bob" | alter x = port, y = add(x, 1) | fields y')).toEqual([[444]]);
    expect(kqlErrors("T | extend x = port, y = x + 1", tables)[0]).toMatchObject({ code: 'KX201' });
  });
  it('comp keeps only its keys and aggregates; unnamed aggregates are <function>_<n>; KQL names count()', () => {
    expect(xqlSchema('dataset = T | comp count(), max(port) by action', tables)).toEqual(['action:string', 'count_1:long', 'max_1:long']);
    expect(kqlRows('T | summarize count() by action | getschema | project ColumnName', tables)).toEqual([['action'], ['count_']]);
  });
  it('a field comp dropped is unknown afterwards, with its position', () => {
    expect(xqlErrors('dataset = T\n| comp count() as n by user\n| filter port > 1', tables)[0]).toMatchObject({ code: 'KX201', line: 3, col: 10 });
  });
  it('fields keeps the listed order under the as names, and the system field _time; KQL project keeps only what it lists', () => {
    expect(xqlSchema('dataset = T | fields port as p, user', tables)).toEqual(['p:long', 'user:string', '_time:datetime']);
    expect(xqlErrors('dataset = T | fields user | filter port > 1', tables)[0]).toMatchObject({ code: 'KX201' });
    expect(xqlSchema('dataset = T | fields - tags, ip, _time', tables)).toEqual(['user:string', 'port:long', 'action:string']);
  });
  it('sort: nulls first ascending, last descending; several keys', () => {
    expect(xqlRows('dataset = T | sort asc port | fields port', tables).map((r) => r[0])).toEqual([null, 22, 80, 443]);
    expect(xqlRows('dataset = T | sort desc port | fields port', tables).map((r) => r[0])).toEqual([443, 80, 22, null]);
  });
  it('dedup keeps the first row per value under its by order (the dedup page)', () => {
    expect(listed('dataset = T | alter u = lowercase(user) | dedup u by desc _time | fields user')).toEqual([['ALICE'], ['Bob']]);
    expect(listed('dataset = T | alter u = lowercase(user) | dedup u by asc _time | fields user')).toEqual([['Alice'], ['Bob']]);
  });
  it('limit, replacenull, tag and view', () => {
    expect(listed('dataset = T | replacenull action = "n/a" | limit 2 | fields action')).toEqual([['drop'], ['n/a']]);
    expect(listed('dataset = T | limit 1 | tag add "seen" | fields _tag')).toEqual([[['seen']]]);
    expect(listed('dataset = T | view graph type = pie xaxis = user | limit 1 | fields user')).toEqual([['Alice']]);
  });
  it('top counts combinations, most frequent first, with their share of the rows', () => {
    expect(xqlRows('dataset = T | alter u = lowercase(user) | top 1 u', tables)).toEqual([['alice', 3, 75]]);
  });
  it('bin puts timestamps in epoch-aligned buckets', () => {
    expect(xqlRows('dataset = T | bin _time span = 2m | comp count() as n by _time', tables)).toEqual([
      ['2024-05-01T00:00:00Z', 2], ['2024-05-01T00:02:00Z', 2],
    ]);
  });
  it('join: a hash join on alias.field = field, the right value winning a shared field', () => {
    const R = table('user:string, role:string, port:long', [['alice', 'admin', 1], ['bob', 'dev', 2]]);
    expect(listed('dataset = T | join (dataset = R | fields user as u, role, port) as r r.u = user | fields user, role, port', { T, R })).toEqual([
      ['Alice', 'admin', 1], ['alice', 'admin', 1], ['Bob', 'dev', 2], ['ALICE', 'admin', 1],
    ]);
    expect(listed('dataset = T | join conflict_strategy = left (dataset = R | fields user as u, role, port) as r r.u = user and r.port < port | fields user, port', { T, R })).toEqual([
      ['Alice', 22], ['Bob', 443], ['ALICE', 80],
    ]);
    expect(xqlErrors('dataset = T | join type = left (dataset = R | fields user as u) as r r.u = user and r.u != "x"', { T, R })[0]).toMatchObject({ code: 'KX303' });
  });
  it('union appends a dataset, its fields unioned', () => {
    const R = table('user:string, role:string', [['zed', 'admin']]);
    expect(xqlRows('dataset = T | fields user | union R | fields user', { T, R }).map((r) => r[0])).toEqual(['Alice', 'alice', 'Bob', 'ALICE', 'zed']);
  });
  it('arrayexpand: one row per element', () => {
    expect(listed('dataset = T | arrayexpand tags | fields user, tags')).toEqual([['Alice', 'a'], ['Alice', 'b'], ['Bob', 'B']]);
  });
  it('windowcomp: lag by a partition in a sort order (the windowcomp page), and a running count', () => {
    expect(listed('dataset = T | alter u = lowercase(user) | windowcomp lag(port) by u sort asc _time as prev | fields user, prev')).toEqual([
      ['Alice', null], ['alice', 22], ['Bob', null], ['ALICE', null],
    ]);
    expect(listed('dataset = T | windowcomp count() sort asc _time between -1 and 0 as c | fields c').map((r) => r[0])).toEqual([1, 2, 2, 2]);
  });
  it('ENUM.X is the enum name', () => {
    const E = table('event_type:string', [['NETWORK'], ['PROCESS']]);
    expect(xqlRows('dataset = E | filter event_type = ENUM.NETWORK', { E })).toEqual([['NETWORK']]);
  });
});

describe('config timeframe (the timeframe page)', () => {
  // NOW is 2024-05-01T12:00:00Z; T's rows are at 00:00 to 00:03 that day.
  it('a relative timeframe keeps the rows up to now within it; KQL has no such setting', () => {
    expect(xqlRows('config timeframe = 12h | dataset = T | comp count() as n', tables)).toEqual([[4]]);
    expect(xqlRows('config timeframe = 11h | dataset = T | comp count() as n', tables)).toEqual([[0]]);
  });
  it('between absolute times, begin and now', () => {
    expect(xqlRows('config timeframe between "2024-05-01 00:01:00 +0000" and "2024-05-01 00:02:00" | dataset = T | comp count() as n', tables)).toEqual([[2]]);
    expect(xqlRows('config timeframe between "begin" and "now" | dataset = T | comp count() as n', tables)).toEqual([[4]]);
    expect(xqlErrors('config timeframe between "yesterday" and "now" | dataset = T', tables)[0]).toMatchObject({ code: 'KX212' });
  });
});

describe('refused when bound', () => {
  it('transaction parses, and is refused by name at its position', () => {
    expect(xqlErrors('dataset = T\n| transaction user span = 1h', tables)).toEqual([
      { code: 'KX310', category: 'unsupported', line: 2, col: 3, message: "unsupported stage 'transaction': kqlx does not run it yet" },
    ]);
  });
  it('join conflict_strategy = both, bin bins = n and top ... by are refused by name', () => {
    const R = table('user:string', [['x']]);
    expect(xqlErrors('dataset = T | join conflict_strategy = both (dataset = R) as r r.user = user', { T, R })[0]).toMatchObject({ code: 'KX303' });
    expect(xqlErrors('dataset = T | bin port bins = 10', tables)[0]).toMatchObject({ code: 'KX303', col: 24 });
    expect(xqlErrors('dataset = T | top 3 user by action', tables)[0]).toMatchObject({ code: 'KX303' });
  });
  it('a refused function is refused by name', () => {
    expect(xqlErrors('dataset = T | comp approx_top(user, 3) as t', tables)[0]).toMatchObject({ code: 'KX302', message: expect.stringContaining("'approx_top'") });
  });
});
