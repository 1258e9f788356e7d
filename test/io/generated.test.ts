/** The loader over the benchmark generator's files (../shared/bench/gen-logs.mjs), CSV and JSONL. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTableFile } from '../../src/io/load.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { ConstColumn, NumberColumn, StringColumn, TicksColumn } from '../../src/table/column.js';
import type { Table } from '../../src/table/table.js';
import { GEN_LOGS } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlx-gen-'));
const ROWS = 5000;

function generate(table: string, format: 'csv' | 'jsonl'): string {
  const out = join(dir, `${table}.${format}`);
  execFileSync('node', [GEN_LOGS, '--table', table, '--rows', String(ROWS), '--format', format, '--out', out, '--quiet']);
  return out;
}

/** The same rows as KQL reads them: CSV has no '' apart from null, JSON has. */
function sameRows(storedA: Table, storedB: Table): void {
  const [a, b] = [storedA.withStringNulls('empty'), storedB.withStringNulls('empty')];
  expect(b.schema).toEqual(a.schema);
  for (let r = 0; r < a.rowCount; r++) expect(b.row(r), `row ${r}`).toEqual(a.row(r));
}

describe('generated CommonSecurityLog, with the Sentinel pack schema', () => {
  const csv = generate('CommonSecurityLog', 'csv');
  const jsonl = generate('CommonSecurityLog', 'jsonl');
  const schema = sentinelSchema('CommonSecurityLog');

  it('loads every CSV row without problems, typed as the pack says', async () => {
    const r = await loadTableFile(csv, { tableName: 'CommonSecurityLog', schema });
    const t = r.table;
    expect(r.problems).toEqual([]);
    expect(r.rowsRead).toBe(ROWS);
    expect(t.rowCount).toBe(ROWS);
    const col = (name: string) => t.columns[t.columnIndex(name)]!;
    expect(col('TimeGenerated')).toBeInstanceOf(TicksColumn);
    expect(col('DestinationPort')).toBeInstanceOf(NumberColumn);
    expect(col('DeviceAction')).toBeInstanceOf(StringColumn);
    expect(col('DestinationHostName')).toBeInstanceOf(ConstColumn); // in the schema, not in the file

    // The first data row, cell by cell, against the file's own text.
    const lines = readFileSync(csv, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const first = lines[1]!.split(',');
    const cell = (name: string) => first[header.indexOf(name)];
    expect(col('TimeGenerated').get(0)).toBe(BigInt(Date.parse(cell('TimeGenerated')!)) * 10_000n);
    expect(col('DestinationPort').get(0)).toBe(Number(cell('DestinationPort')));
    expect(col('SentBytes').get(0)).toBe(Number(cell('SentBytes')));
    expect(col('DeviceVendor').get(0)).toBe('Palo Alto Networks');

    // Empty int cells (PAN-OS SYSTEM rows have no ports) are null, never 0.
    const ports = col('DestinationPort') as NumberColumn;
    let nulls = 0;
    for (let i = 0; i < ROWS; i++) if (ports.get(i) === null) nulls++;
    const emptyPortCells = lines.slice(1, ROWS + 1).filter((l) => l.split(',')[header.indexOf('DestinationPort')] === '').length;
    expect(nulls).toBe(emptyPortCells);
    expect(nulls).toBeGreaterThan(0);
  });

  it('reads the same table from JSONL as from CSV', async () => {
    const a = await loadTableFile(csv, { tableName: 'CommonSecurityLog', schema });
    const b = await loadTableFile(jsonl, { tableName: 'CommonSecurityLog', schema });
    expect(b.problems).toEqual([]);
    sameRows(a.table, b.table);
  });

  it('gives the same table whatever the read size', async () => {
    const a = await loadTableFile(csv, { tableName: 'CommonSecurityLog', schema });
    const b = await loadTableFile(csv, { tableName: 'CommonSecurityLog', schema, chunkBytes: 997 });
    sameRows(a.table, b.table);
  });
});

describe('generated NetworkSession', () => {
  const csv = generate('NetworkSession', 'csv');
  const jsonl = generate('NetworkSession', 'jsonl');

  it('loads with the _Im_NetworkSession schema from CSV and JSONL alike', async () => {
    const schema = sentinelSchema('_Im_NetworkSession');
    const a = await loadTableFile(csv, { tableName: '_Im_NetworkSession', schema });
    const b = await loadTableFile(jsonl, { tableName: '_Im_NetworkSession', schema });
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(a.table.schema.find((c) => c.name === 'DstPortNumber')?.type).toBe('int');
    sameRows(a.table, b.table);
  });

  it('infers the same types without a schema', async () => {
    const a = await loadTableFile(csv, { tableName: 'NetworkSession' });
    const b = await loadTableFile(jsonl, { tableName: 'NetworkSession' });
    const types = Object.fromEntries(a.table.schema.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ TimeGenerated: 'datetime', DstPortNumber: 'long', SrcBytes: 'long', DvcAction: 'string' });
    sameRows(a.table, b.table);
  });
});
