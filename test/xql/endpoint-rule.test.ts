/**
 * queries/xql/endpoint-inbound-port-scan.xql over the shared generator's xdr_data logs flags exactly
 * the truth's must-flag (agent, remote address) pairs, with the spec's columns and values.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cortex } from '../../src/cortex/catalog.js';
import { cortexSchema } from '../../src/cortex/datasets.js';
import { runQuery } from '../../src/engine.js';
import { toJsonTable } from '../../src/io/format.js';
import { loadTableFile } from '../../src/io/load.js';
import { xql } from '../../src/languages/xql.js';
import { ROOT, SHARED } from '../helpers/paths.js';

const GEN = join(SHARED, 'bench/gen-xql.mjs');
const CHECK = join(SHARED, 'bench/check-xql.mjs');
const RULE = readFileSync(join(ROOT, 'queries/xql/endpoint-inbound-port-scan.xql'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kqlx-xql-endpoint-'));

describe.each(['csv', 'jsonl'] as const)('endpoint inbound port scan over xdr_data %s', (format) => {
  it('flags exactly the must-flag pairs of the truth', async () => {
    const data = join(dir, `xdr.${format}`);
    const truth = join(dir, `xdr-${format}.truth.json`);
    execFileSync('node', [GEN, '--table', 'xdr_data', '--rows', '100000', '--format', format, '--out', data, '--truth', truth, '--quiet']);
    const loaded = await loadTableFile(data, { tableName: 'xdr_data', schema: cortexSchema('xdr_data') });
    expect(loaded.problems).toEqual([]);
    const result = runQuery(RULE, new Map([['xdr_data', loaded.table]]), { language: xql, known: cortex });
    expect(result.diagnostics).toEqual([]);
    const json = toJsonTable(result.table!);
    expect(json.columns.map((c) => c.name)).toEqual(['agent_id', 'agent_hostname', 'action_remote_ip', 'first_alert_time', 'max_distinct_ports_5m', 'distinct_ports', 'events']);
    const file = join(dir, `result-${format}.json`);
    writeFileSync(file, JSON.stringify({ columns: json.columns.map((c) => c.name), rows: json.rows }));
    const r = spawnSync('node', [CHECK, '--truth', truth, '--result', file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const expected = (JSON.parse(readFileSync(truth, 'utf8')) as { expected: { rows: unknown[] } }).expected.rows;
    expect(json.rows).toHaveLength(expected.length);
  }, 180_000);
});
