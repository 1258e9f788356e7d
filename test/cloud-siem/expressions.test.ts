/**
 * Cloud SIEM rule expressions bound through the dialect seam and run on the shared evaluator, with the
 * examples of "Cloud SIEM Rules Syntax" (sumologic.com/help/docs/cse/rules/cse-rules-syntax) as tests:
 * comparisons are case-sensitive, and a comparison with null is false, never null.
 */
import { describe, expect, it } from 'vitest';
import { combineRecords, ExpressionEvaluator } from '../../src/cloud-siem/evaluate.js';
import { inlineTable } from '../../src/cloud-siem/testing/run-case.js';
import type { Value } from '../../src/types/value.js';

/** The expression's value for each record (or for one empty record when none are given). */
function values(text: string, records: Record<string, Value>[] = [{ timestamp: 0 }]): Value[] {
  const table = combineRecords(new Map([['sec_record_test', inlineTable(records)]]));
  const evaluated = new ExpressionEvaluator(table).evaluate(text);
  expect(evaluated.diagnostics).toEqual([]);
  return records.map((_, i) => evaluated.values!(i));
}
const one = (text: string, record?: Record<string, Value>) => values(text, record ? [{ timestamp: 0, ...record }] : undefined)[0];

describe('Cloud SIEM Rules Syntax: the page\'s examples', () => {
  it('! : `!(null) // true`; `device_ip != \'0.0.0.0\'`', () => {
    expect(one('!(null)')).toBe(true);
    expect(values("device_ip != '0.0.0.0'", [{ timestamp: 0, device_ip: '10.0.0.1' }, { timestamp: 1, device_ip: '0.0.0.0' }, { timestamp: 2 }])).toEqual([true, false, false]);
    expect(values('srcPort != 5', [{ timestamp: 0, srcPort: 6 }, { timestamp: 1, srcPort: null }])).toEqual([true, false]);
  });
  it('< <= > >= with null: `null < 10 // false`, `10 < null // false`, `null < null // false` ...', () => {
    for (const op of ['<', '<=', '>', '>=']) {
      expect(one(`null ${op} 10`)).toBe(false);
      expect(one(`10 ${op} null`)).toBe(false);
      expect(one(`null ${op} null`)).toBe(false);
    }
    expect(one('srcPort < dstPort', { srcPort: 5, dstPort: 6 })).toBe(true);
    expect(one('dstPort <= 6669', { dstPort: 6669 })).toBe(true);
  });
  it('= : `"foo" = "foo" // true`, `null = "foo" // false`, `"foo" = null // false`, `null = null // false`', () => {
    expect(one('"foo" = "foo"')).toBe(true);
    expect(one('null = "foo"')).toBe(false);
    expect(one('"foo" = null')).toBe(false);
    expect(one('null = null')).toBe(false);
    expect(one('user_username = "Admin"', { user_username: 'admin' })).toBe(false);
  });
  it('between: `null BETWEEN 1 and 10 // false`, `1 BETWEEN null and 10 // false`, `10 BETWEEN 1 and null // false`', () => {
    expect(one('null BETWEEN 1 and 10')).not.toBe(true);
    expect(one('1 BETWEEN null and 10')).not.toBe(true);
    expect(one('10 BETWEEN 1 and null')).not.toBe(true);
    expect(one("metadata_deviceEventId between '2000000' and '2999999'", { metadata_deviceEventId: '2500000' })).toBe(true);
  });
  it('in: `null IN ("value1", "value2", "value3") // false`; `http_response_statusCode in (400, 500)`', () => {
    expect(one('null IN ("value1", "value2", "value3")')).not.toBe(true);
    expect(one('http_response_statusCode in (400, 500)', { http_response_statusCode: 500 })).toBe(true);
    expect(one('srcDevice_ip IN ("1.2.3.4", "2.3.4.5")', { srcDevice_ip: '2.3.4.5' })).toBe(true);
  });
  it('NOT x IN (...) with a null x is true: the record is not in the list', () => {
    expect(one('NOT dstPort IN (53, 80)')).toBe(true);
    expect(one('NOT dstPort IN (53, 80)', { dstPort: 80 })).toBe(false);
  });
  it("like: case-sensitive, % and _, backslash escapes; `null LIKE \"%foo%\" // false`", () => {
    expect(one('null LIKE "%foo%"')).not.toBe(true);
    expect(one("bro_rdp_cookie like '%admin%'", { bro_rdp_cookie: 'mstshash=admin1' })).toBe(true);
    expect(one("bro_rdp_cookie like '%admin%'", { bro_rdp_cookie: 'mstshash=ADMIN1' })).toBe(false);
    expect(one("'%SystemDrive%\\Users\\John' like '\\%SystemDrive\\%\\\\Users%'")).toBe(true);
    expect(one("x like 'a_c'", { x: 'abc' })).toBe(true);
    expect(one("x NOT LIKE 'a_c'", { x: 'abcd' })).toBe(true);
  });
  it("rlike: `dns_query rlike '[A-Za-z2-7]{60,}'` (a partial match); `null RLIKE \".*foo.*\" // false`", () => {
    expect(one('null RLIKE ".*foo.*"')).not.toBe(true);
    expect(one("dns_query rlike '[A-Za-z2-7]{60,}'", { dns_query: `x.${'a'.repeat(60)}.example.com` })).toBe(true);
    expect(one("dns_query rlike '[A-Za-z2-7]{60,}'", { dns_query: 'short.example.com' })).toBe(false);
    expect(one('commandLine matches /(docker ps)/', { commandLine: 'sudo docker ps -a' })).toBe(true);
  });
  it('functions: length(null) // 0; substring; concat; if; isNull/isEmpty/isBlank; size; array_contains', () => {
    expect(one('length("sumo logic")')).toBe(10);
    expect(one('length(null)')).toBe(0);
    expect(one('substring("Hello world!", 6)')).toBe('world!');
    expect(one('substring("Sumo Logic", 0, 4)')).toBe('Sumo');
    expect(one('substring("Sumo Logic", 0, 100)')).toBe('Sumo Logic');
    expect(one('concat(1, "/", 1, "/", 2020)')).toBe('1/1/2020');
    expect(one('if(severity >= 10, "Critical", if(severity >= 5, "Moderate", "Low"))', { severity: 7 })).toBe('Moderate');
    expect(one('isNull(user_username) AND isEmpty(user_username) AND isBlank(user_username)')).toBe(true);
    expect(one("isBlank(x) AND NOT isEmpty(x)", { x: '  ' })).toBe(true);
    expect(one('size(listMatches)', { listMatches: ['a', 'b'] })).toBe(2);
    expect(one("array_contains(listMatches, 'vuln_scanners')", { listMatches: ['vuln_scanners'] })).toBe(true);
    expect(one("array_contains(listMatches, 'vuln')", { listMatches: ['vuln_scanners'] })).toBe(false);
  });
  it('IP functions: isPrivateIP("192.168.0.1") // true; isPublicIP("10.255.255.255") // false; the CIDR helpers', () => {
    expect(one('isPrivateIP("192.168.0.1")')).toBe(true);
    expect(one('isPrivateIP("127.0.0.1")')).toBe(false);
    expect(one('isPublicIP("10.255.255.255")')).toBe(false);
    expect(one('isPublicIP("8.8.8.8")')).toBe(true);
    expect(one('compareCIDRPrefix("10.10.1.35", "10.10.1.100", "24")')).toBe(true);
    expect(one('getCIDRPrefix("10.10.1.35", "24")')).toBe('10.10.1.0');
    expect(one('maskFromCIDR("30")')).toBe('255.255.255.252');
    expect(one('ipv4ToNumber("127.0.0.1")')).toBe(2130706433);
  });
  it('math: abs(-1.5) // 1.5, ceil(-1.5) // -1, floor(-1.5) // -2, round(1.549, 2) // 1.55, hypot(3, 4) // 5', () => {
    expect([one('abs(-1.5)'), one('ceil(-1.5)'), one('floor(-1.5)'), one('round(1.549, 2)'), one('hypot(3, 4)'), one('cbrt(8)')]).toEqual([1.5, -1, -2, 1.55, 5, 2]);
  });
  it('casts: int(fields[\'SpamScore\']) >= 7 reads a number from text; LOWER and lower are one function', () => {
    expect(one("int(fields['SpamScore']) >= 7", { fields: { SpamScore: '8' } })).toBe(true);
    expect(one("int(fields['SpamScore']) >= 7", { fields: { SpamScore: 'n/a' } })).toBe(false);
    expect(one("LOWER(x) = lower(x) AND toLowerCase(x) = 'abc'", { x: 'ABC' })).toBe(true);
    expect(one('dstPort = "445"', { dstPort: 445 })).toBe(true);
  });
  it('field names in another case resolve when no field has the exact name (MATCH-S00576 writes commandline)', () => {
    expect(one("commandline = 'whoami'", { commandLine: 'whoami' })).toBe(true);
  });
  it('concat with a null argument is null (Spark SQL)', () => {
    expect(one('isNull(concat("a", dstPort))')).toBe(true);
  });
  it("LIKE ... ESCAPE: `x like '10!%' ESCAPE '!'` matches a literal %", () => {
    expect(values("x like '10!%' ESCAPE '!'", [{ timestamp: 0, x: '10%' }, { timestamp: 1, x: '100' }])).toEqual([true, false]);
  });
});
