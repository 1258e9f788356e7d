/** `kqlx lint`: the two seed findings, the other finding kinds, and cases that must not fire. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { lint } from '../../src/explain/lint.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { KQLX, ROOT, SEED_RULES } from '../helpers/paths.js';

function lintJson(file: string) {
  const r = spawnSync('node', [KQLX, 'lint', '-o', 'json', file], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).findings as { code: string; kind: string; severity: string; line: number; message: string; fix?: string }[];
}

const HOUR = 36_000_000_000n;
const lintQuery = (query: string, rule?: { description?: string; queryPeriod?: bigint }) =>
  lint(analyzeQuery(query, { catalog: makeCatalog(new Map(), sentinel) }), rule && { description: rule.description ?? '', descriptionLine: 1, queryPeriod: rule.queryPeriod });

describe('kqlx lint on the seed rules', () => {
  it("seed 001: the description promises 10.x.x.x hosts but SourceIP is never tested (KL001); the int port is compared with strings (KL003)", () => {
    const findings = lintJson(SEED_RULES.paloAlto);
    expect(findings.map((f) => [f.code, f.kind, f.severity])).toEqual([
      ['KL001', 'untestedPromise', 'warning'], ['KL003', 'mismatchedTypes', 'warning'],
    ]);
    expect(findings[0]!.message).toBe('the description speaks of 10.x.x.x addresses, but no filter of the query tests an address against 10.');
    expect(findings[0]!.fix).toContain('ipv4_is_in_range(<address column>, "10.0.0.0/8")');
  });

  it('seed 004: "::1" after ipv4_is_private(SrcIpAddr) == False is dead (KL002); "127.0.0.1" is not', () => {
    const findings = lintJson(SEED_RULES.asim);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'KL002', kind: 'deadExclusionValue', severity: 'warning' });
    expect(findings[0]!.message).toBe(
      '"::1" in `SrcIpAddr !in ("127.0.0.1", "::1")` can never be seen: `ipv4_is_private(SrcIpAddr) == False` (stage 1) already removed every row whose SrcIpAddr is "::1"',
    );
  });

  it('exits 1 when there are findings, and prints each with its code, location and fix', () => {
    const r = spawnSync('node', [KQLX, 'lint', SEED_RULES.asim], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/PortScan-ASimNetworkSession\.yaml:\d+: warning KL002 an excluded value an earlier filter already removed: /);
    expect(r.stdout).toContain('  fix: remove "::1" from the list');
  });
});

describe('lint finding kinds', () => {
  it('KL004: ago() beyond the query period; KL005: a bin() wider than it', () => {
    const q = 'CommonSecurityLog | where TimeGenerated > ago(2d) | summarize count() by bin(TimeGenerated, 1d)';
    expect(lintQuery(q, { queryPeriod: HOUR }).map((f) => f.code)).toEqual(['KL004', 'KL005']);
    expect(lintQuery(q, { queryPeriod: 48n * HOUR })).toEqual([]);
  });

  it('KL003 fires for a string column against numbers', () => {
    expect(lintQuery('CommonSecurityLog | where DeviceAction in (1, 2)').map((f) => f.code)).toEqual(['KL003']);
  });

  // Must not fire: cases met on the corpus and the seeds.
  it('must not fire: a description range the query does test, an exclusion value the earlier filter keeps, an int against numbers', () => {
    expect(lintQuery('CommonSecurityLog | where SourceIP startswith "10." and DestinationPort !in (443, 80)', { description: 'internal 10.x.x.x hosts' })).toEqual([]);
    expect(lintQuery('CommonSecurityLog | where ipv4_is_private(SourceIP) == false | where SourceIP !in ("127.0.0.1")')).toEqual([]);
    expect(lintQuery('CommonSecurityLog | where DeviceAction != "deny" | where DeviceAction !in ("allow")')).toEqual([]);
  });
});
