/** evaluate plugins: bag_unpack and pivot (output columns from the data), ipv4_lookup, ipv6_lookup, sequence_detect. */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { errors, rows, schemaOf } from '../helpers/run.js';

const bags = `datatable(d:dynamic)[dynamic({"Name": "John", "Age":20}), dynamic({"Name": "Dave", "Age":40}), dynamic({"Name": "Jasmine", "Age":30})]`;

describe('bag_unpack', () => {
  it('turns each slot into a column, typed when its values agree (the doc example)', () => {
    expect(schemaOf(`${bags} | evaluate bag_unpack(d)`)).toEqual(['Age:long', 'Name:string']);
    expect(rows(`${bags} | evaluate bag_unpack(d)`)).toEqual([[20, 'John'], [40, 'Dave'], [30, 'Jasmine']]);
  });
  it('takes a prefix, and the rest of the query binds to the new columns', () => {
    expect(rows(`${bags} | evaluate bag_unpack(d, 'p_') | where p_Age > 25 | project p_Name`)).toEqual([['Dave'], ['Jasmine']]);
  });
  it('a slot of mixed types is dynamic; missing slots are null', () => {
    expect(schemaOf(`datatable(d:dynamic)[dynamic({"a": 1}), dynamic({"a": "x", "b": true})] | evaluate bag_unpack(d)`)).toEqual(['a:dynamic', 'b:bool']);
  });
  it('a slot named like an input column is an error unless columnsConflict says otherwise', () => {
    const q = `datatable(a:long, d:dynamic)[1, dynamic({"a": 2})] | evaluate bag_unpack(d`;
    expect(() => rows(`${q})`)).toThrow(/clashes/);
    expect(rows(`${q}, '', 'replace_source')`)).toEqual([[2]]);
    expect(rows(`${q}, '', 'keep_source')`)).toEqual([[1]]);
  });
  it('without data (check), the query binds leniently and is marked data-dependent', () => {
    const a = analyzeQuery(`${bags} | evaluate bag_unpack(d) | where Whatever > 1`, { catalog: makeCatalog(new Map()) });
    expect(a.diagnostics).toEqual([]);
    expect(a.dataDependent).toBe(true);
  });
});

describe('pivot', () => {
  const T = `datatable(k:string, v:long, g:string)['a', 1, 'x', 'b', 2, 'x', 'a', 3, 'y']`;
  it('one column per distinct value of the pivot column, count() by default', () => {
    expect(schemaOf(`${T} | evaluate pivot(k)`)).toEqual(['a:long', 'b:long']);
    expect(rows(`${T} | evaluate pivot(k)`)).toEqual([[2, 1]]);
  });
  it('aggregates and groups', () => {
    expect(rows(`${T} | evaluate pivot(k, sum(v), g) | sort by g asc`)).toEqual([['x', 1, 2], ['y', 3, 0]]);
  });
});

describe('mv-apply', () => {
  const T = `datatable(x:long, arr:dynamic)[1, dynamic([3, 9, 5]), 2, dynamic([7, 1])]`;
  it('runs the subquery on each row’s items (the doc example: top 2 of each array)', () => {
    expect(rows(`${T} | mv-apply arr to typeof(long) on (top 2 by arr desc)`)).toEqual([[1, 9], [1, 5], [2, 7], [2, 1]]);
  });
  it('keeps the other columns, and a named expansion keeps the source column', () => {
    expect(schemaOf(`${T} | mv-apply with_itemindex=i v = arr to typeof(long) on (summarize s = sum(v), m = max(i))`)).toEqual([
      'x:long', 'arr:dynamic', 's:long', 'm:long',
    ]);
    expect(rows(`${T} | mv-apply v = arr to typeof(long) on (summarize s = sum(v))`)).toEqual([[1, [3, 9, 5], 17], [2, [7, 1], 8]]);
  });
});

describe('ipv4_lookup', () => {
  const L = `let L = datatable(network:string, country:string)["10.0.0.0/8", "Private", "8.8.8.0/24", "Google"];`;
  const S = `datatable(ip:string)["10.1.2.3", "8.8.8.8", "1.1.1.1"]`;
  it('joins each address with the ranges holding it; unmatched rows only with return_unmatched', () => {
    expect(rows(`${L} ${S} | evaluate ipv4_lookup(L, ip, network)`)).toEqual([['10.1.2.3', '10.0.0.0/8', 'Private'], ['8.8.8.8', '8.8.8.0/24', 'Google']]);
    expect(rows(`${L} ${S} | evaluate ipv4_lookup(L, ip, network, true)`)).toHaveLength(3);
  });
});

describe('ipv6_lookup', () => {
  // Four rows of the page's lookup table and four of its addresses: enough for each kind of match.
  const data = `let IP_Data = datatable(network:string, continent_code:string, continent_name:string, country_iso_code:string, country_name:string)
    [ "2001:0db8:85a3::/48","NA","North America","US","United States",
      "2404:6800:4001::/48","AS","Asia","JP","Japan",
      "2a00:1450:4001::/48","EU","Europe","DE","Germany",
      "2a02:26f0:4001::/48","EU","Europe","FR","France" ];
    let IPs = datatable(ip:string)
    [ "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2404:6800:4001:0001:0000:8a2e:0370:7334",
      "2a02:26f0:4001:0006:0000:8a2e:0370:7334", "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd" ];`;
  it('the page example: each address with the network holding it', () => {
    expect(rows(`${data} IPs | evaluate ipv6_lookup(IP_Data, ip, network) | project network, country_name, ip`)).toEqual([
      ['2001:0db8:85a3::/48', 'United States', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
      ['2404:6800:4001::/48', 'Japan', '2404:6800:4001:0001:0000:8a2e:0370:7334'],
      ['2a02:26f0:4001::/48', 'France', '2a02:26f0:4001:0006:0000:8a2e:0370:7334'],
    ]);
  });
  it('with return_unmatched, the address no network holds comes too, its lookup columns empty', () => {
    expect(rows(`${data} IPs | evaluate ipv6_lookup(IP_Data, ip, network, true) | where isempty(network) | project ip, country_name`))
      .toEqual([['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '']]);
  });
});

describe('sequence_detect', () => {
  // Shaped like the page's StormEvents example: Excessive Heat followed by Wildfire within 5 days, per State.
  const storms = `datatable(StartTime:datetime, EventType:string, State:string)[
    datetime(2007-05-08 00:00), "Excessive Heat", "CALIFORNIA",
    datetime(2007-05-08 16:02), "Wildfire", "CALIFORNIA",
    datetime(2007-05-10 11:30), "Wildfire", "CALIFORNIA",
    datetime(2007-05-20 00:00), "Wildfire", "CALIFORNIA",
    datetime(2007-05-09 00:00), "Wildfire", "TEXAS",
    datetime(2007-05-11 00:00), "Excessive Heat", "TEXAS"]`;
  const q = `${storms} | evaluate sequence_detect(StartTime, 5d, 5d, heat=(EventType == "Excessive Heat"), wildfire=(EventType == 'Wildfire'), State)`;
  it('every chain of steps in time order within the windows, per dimension (the doc example shape)', () => {
    expect(schemaOf(q)).toEqual(['State:string', 'heat_StartTime:datetime', 'wildfire_StartTime:datetime', 'Duration:timespan']);
    expect(rows(q)).toEqual([
      ['CALIFORNIA', '2007-05-08T00:00:00Z', '2007-05-08T16:02:00Z', '16:02:00'],
      ['CALIFORNIA', '2007-05-08T00:00:00Z', '2007-05-10T11:30:00Z', '2.11:30:00'],
    ]);
  });
  it('the step window and the whole span both bound a chain', () => {
    const three = `datatable(t:datetime, e:string)[datetime(2024-01-01 00:00), "a", datetime(2024-01-01 00:04), "b", datetime(2024-01-01 00:08), "c"]`;
    const run = (w: string, span: string) => rows(`${three} | evaluate sequence_detect(t, ${w}, ${span}, a=(e == "a"), b=(e == "b"), c=(e == "c"))`);
    expect(run('5m', '10m')).toEqual([['2024-01-01T00:00:00Z', '2024-01-01T00:04:00Z', '2024-01-01T00:08:00Z', '00:08:00']]);
    expect(run('3m', '10m')).toEqual([]);
    expect(run('5m', '7m')).toEqual([]);
  });
  it('refuses a timeline that is not a datetime, and steps without names', () => {
    expect(errors(`${storms} | evaluate sequence_detect(State, 5d, 5d, heat=(EventType == "x"), State)`)[0]?.code).toBe('KX205');
    expect(errors(`${storms} | evaluate sequence_detect(StartTime, 5d, 5d, EventType == "x", State)`)[0]?.code).toBe('KX212');
  });
});

describe('other row functions', () => {
  it('parse kind=relaxed leaves a column that does not convert null, and keeps the others', () => {
    expect(rows(`print m = "a=x, b=7" | parse kind=relaxed m with "a=" a:long ", b=" b:long | project a, b`)).toEqual([[null, 7]]);
    expect(rows(`print m = "a=x, b=7" | parse m with "a=" a:long ", b=" b:long | project a, b`)).toEqual([[null, null]]);
  });
  it('row_window_session starts sessions by distance from the first and from the previous row, or on restart', () => {
    const q = (extra: string) =>
      rows(`range t from datetime(2024-01-01) to datetime(2024-01-01 02:00) step 20m | serialize | extend s = row_window_session(t, 1h, 30m${extra}) | summarize dcount(s)`)[0]![0];
    expect(q('')).toBe(2);
    expect(q(', t == datetime(2024-01-01 00:40)')).toBe(3);
  });
  it('make_string and parse_command_line', () => {
    expect(rows('print make_string(dynamic([75, 117, 115, 116, 111]))')).toEqual([['Kusto']]);
    expect(rows('print parse_command_line("echo \\"hello world!\\" print$?", "windows")')).toEqual([[['echo', 'hello world!', 'print$?']]]);
  });
});
