/** Real exports from the Azure-Sentinel repository (../shared/corpus/sentinel/sample-data). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTableFile } from '../../src/io/load.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { columnValues } from '../../src/table/column.js';
import type { Table } from '../../src/table/table.js';
import { formatDatetime } from '../../src/types/datetime.js';
import { SHARED } from '../helpers/paths.js';

const SAMPLES = join(SHARED, 'corpus/sentinel/sample-data/snapshot');

function column(t: Table, name: string) {
  const i = t.columnIndex(name);
  return columnValues(t.columns[i]!).map((v) => (typeof v === 'bigint' ? formatDatetime(v) : v));
}

async function load(file: string, table: string) {
  return loadTableFile(join(SAMPLES, file), { tableName: table, schema: sentinelSchema(table) });
}

describe('Sentinel sample exports', () => {
  it('AkamaiSIEM.csv: quoted [UTC] header, US datetimes, all rows', async () => {
    const r = await load('CEF/AkamaiSIEM.csv', 'CommonSecurityLog');
    expect(r.problems).toEqual([]);
    expect(r.table.rowCount).toBe(29);
    expect(column(r.table, 'TimeGenerated')[0]).toBe('2020-11-13T16:27:16.933Z');
    expect(column(r.table, 'DestinationPort')[0]).toBe(443);
  });

  it('WatchGuardFirebox_syslog_data.csv: BOM, ISO datetimes, `null` in an int column', async () => {
    const r = await load('WatchGuardFirebox_syslog_data.csv', 'Syslog');
    expect(r.problems).toEqual([]);
    expect(r.table.rowCount).toBe(3066);
    expect(column(r.table, 'TimeGenerated').slice(0, 2)).toEqual(['2020-10-09T02:32:01.657Z', '2020-10-09T02:32:05.18Z']);
    expect(column(r.table, 'ProcessID')[0]).toBeNull();
    expect(column(r.table, 'TenantId')[0]).toBe('9f68fed4-d396-4b60-8836-a524cedceb90');
  });

  it('InfobloxCloudDataConnector-sampledata.csv: local-time header is flagged, JSON column inferred', async () => {
    const r = await load('CEF/InfobloxCloudDataConnector-sampledata.csv', 'CommonSecurityLog');
    expect(r.table.rowCount).toBe(107);
    expect(r.problems.map((p) => p.line)).toEqual([1]);
    expect(r.problems[0]!.message).toContain('Pacific Time (US and Canada) Tijuana');
    expect(r.table.schema.find((c) => c.name === 'AdditionalExtensionsParsedNested')?.type).toBe('dynamic');
  });

  it('Fortigate.json: an array of objects typed by the pack', async () => {
    const r = await load('CEF/Fortigate.json', 'CommonSecurityLog');
    expect(r.problems).toEqual([]);
    expect(column(r.table, 'TimeGenerated')[0]).toBe('2022-03-31T10:52:35.857Z');
    expect(column(r.table, 'DestinationPort')[0]).toBe(3389);
    expect(column(r.table, 'DeviceEventClassID')[0]).toBe('28704'); // a string column given a JSON number
  });

  it('CiscoACI.json: `[UTC]` labels in JSON keys', async () => {
    const r = await load('Syslog/CiscoACI.json', 'Syslog');
    expect(r.problems).toEqual([]);
    expect(column(r.table, 'TimeGenerated')[0]).toBe('2021-06-14T07:43:07.077Z');
    expect(column(r.table, 'EventTime')[0]).toBe('2021-05-05T06:32:40Z');
  });
});
