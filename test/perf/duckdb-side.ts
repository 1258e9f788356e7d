/**
 * The DuckDB side of the benchmark: the same CSV file loaded into a DuckDB table with the generator's
 * column types, and SQL written to give the same result as each seed query.
 *
 * How the KQL readings map to SQL (the truth file's `semantics` states the same readings):
 *   - KQL strings are never null: string columns are read with force_not_null, so an empty field is
 *     '' (an empty int field stays NULL), and allow_quoted_nulls=false keeps a quoted "" as ''.
 *   - `isnotempty(DestinationPort)` on an int is IS NOT NULL; `DestinationPort !in ("443", ...)`
 *     compares numerically (Kusto converts the literals to the column's type); `!between` is
 *     inclusive at both ends; `!in` and `==` are case-sensitive.
 *   - `ipv4_is_private()` is true for 10/8, 172.16/12 and 192.168/16, false for any other IPv4
 *     address, and NULL for text that is not an IPv4 address (empty, IPv6, octets over 255 or with
 *     leading zeros), and `NULL = false` drops the row, as `null == false` does in KQL. The macro
 *     handles bare dotted quads (what the generator writes), not kqlx's `a.b.c.d/n` prefix form.
 *   - `coalesce()` on strings takes the first non-empty argument, so each string is NULLIF(x, '').
 *   - `extract("reason=(.+?)(;|$)", 1, s)` is a case-sensitive RE2 search for the first match; DuckDB's
 *     regexp_extract is RE2 as well (leftmost match, lazy `+?`, `$` the end of the text as no flag
 *     sets multi-line mode) and returns '' when there is no match, which coalesce skips.
 *   - `s !has "aged-out"`: the needle must sit on term boundaries, a term being a run of letters and
 *     digits, compared case-insensitively; that is the regex (^|[^0-9A-Za-z])aged-out($|[^0-9A-Za-z])
 *     with the 'i' option (all text is ASCII).
 *   - `makeset(x)` caps at 128 and `make_set(x, n)` at n distinct non-null values; which ones Kusto
 *     keeps is unspecified, so here the smallest (as the truth file's canonical form does).
 *   - `dcount()` is taken as exact (count(DISTINCT)); `bin(TimeGenerated, 5m)` is time_bucket with
 *     5-minute buckets, which line up with the Unix epoch as bin() does.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
// @ts-expect-error -- the generator is dependency-free JavaScript with no type declarations
import { schemaOf as untypedSchemaOf } from '../../../shared/bench/gen-logs.mjs';
import type { GenTable } from './datasets.js';

type GenType = 'datetime' | 'string' | 'int' | 'long';
const schemaOf = untypedSchemaOf as (table: GenTable) => { name: string; type: GenType }[];

const SQL_TYPE: Record<GenType, string> = { datetime: 'TIMESTAMP', string: 'VARCHAR', int: 'INTEGER', long: 'BIGINT' };

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** CREATE TABLE AS SELECT over read_csv with every column's type given (no sniffing). */
export function loadSql(table: GenTable, sqlTableName: string, csvPath: string): string {
  const cols = schemaOf(table);
  const columns = cols.map((c) => `${sqlString(c.name)}: ${sqlString(SQL_TYPE[c.type])}`).join(', ');
  const strings = cols.filter((c) => c.type === 'string').map((c) => sqlString(c.name)).join(', ');
  return `CREATE OR REPLACE TABLE ${ident(sqlTableName)} AS SELECT * FROM read_csv(${sqlString(csvPath)},
  header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n',
  allow_quoted_nulls = false, force_not_null = [${strings}],
  columns = {${columns}})`;
}

/** The three RFC 1918 blocks; NULL for anything that is not a dotted-quad IPv4 address. */
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
export const MACROS = String.raw`
CREATE OR REPLACE MACRO kql_ipv4_is_private(ip) AS
  CASE WHEN regexp_full_match(trim(ip), '(${OCTET}\.){3}${OCTET}')
       THEN regexp_matches(trim(ip), '^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.)')
       ELSE NULL END;
`;

/** `col has term`, for a term of letters, digits and '-' (no regex metacharacters to escape). */
function kqlHas(col: string, term: string): string {
  if (!/^[0-9A-Za-z-]+$/.test(term)) throw new Error(`kqlHas: unsupported term '${term}'`);
  return `regexp_matches(${col}, '(^|[^0-9A-Za-z])${term}($|[^0-9A-Za-z])', 'i')`;
}

/** PaloAlto-PortScanning.yaml. */
export const PALO_ALTO_SQL = String.raw`
WITH filtered AS (
  SELECT * EXCLUDE (Reason),
         coalesce(nullif(Reason, ''),
                  nullif(regexp_extract(AdditionalExtensions, 'reason=(.+?)(;|$)', 1), ''),
                  '') AS Reason
  FROM CommonSecurityLog
  WHERE DestinationPort IS NOT NULL AND DeviceAction NOT IN ('reset-both', 'deny')
    AND DestinationPort NOT IN (443, 53, 389, 80, 0, 880, 8888, 8080)
    AND ApplicationProtocol = 'incomplete'
    AND NOT (DestinationPort BETWEEN 49512 AND 65535)
    AND Computer <> ''
    AND kql_ipv4_is_private(DestinationIP) = false
), per_destination AS (
  SELECT DeviceName, SourceUserID, SourceIP, ApplicationProtocol, Reason, DestinationPort, Protocol,
         DeviceVendor, DeviceProduct, DeviceAction, DestinationIP,
         min(TimeGenerated) AS StartTimeUtc, max(TimeGenerated) AS EndTimeUtc, count(*) AS count_
  FROM filtered
  WHERE NOT ${kqlHas('Reason', 'aged-out')} AND NOT ${kqlHas('Reason', 'tcp-fin')}
  GROUP BY DeviceName, SourceUserID, SourceIP, ApplicationProtocol, Reason, DestinationPort, Protocol,
           DeviceVendor, DeviceProduct, DeviceAction, DestinationIP
  HAVING count(*) >= 10
)
SELECT DeviceName, SourceUserID, SourceIP, ApplicationProtocol, Reason, DestinationPort, Protocol,
       DeviceVendor, DeviceProduct, DeviceAction,
       min(StartTimeUtc) AS StartTimeUtc, max(EndTimeUtc) AS EndTimeUtc,
       list(DISTINCT DestinationIP ORDER BY DestinationIP)[1:128] AS set_DestinationIP,
       sum(count_) AS totalcount
FROM per_destination
GROUP BY DeviceName, SourceUserID, SourceIP, ApplicationProtocol, Reason, DestinationPort, Protocol,
         DeviceVendor, DeviceProduct, DeviceAction
`;

/** PortScan-ASimNetworkSession.yaml (PortScanThreshold = 50). */
export const ASIM_SQL = String.raw`
SELECT SrcIpAddr,
       time_bucket(INTERVAL 5 MINUTE, TimeGenerated) AS TimeGenerated,
       count(DISTINCT DstPortNumber) AS AttemptedPortsCount,
       (list(DISTINCT DstPortNumber ORDER BY DstPortNumber) FILTER (WHERE DstPortNumber IS NOT NULL))[1:100] AS AttemptedPorts,
       (list(DISTINCT concat(EventVendor, '/', EventProduct) ORDER BY concat(EventVendor, '/', EventProduct)))[1:20] AS ReportedBy
FROM _Im_NetworkSession
WHERE kql_ipv4_is_private(SrcIpAddr) = false
  AND SrcIpAddr NOT IN ('127.0.0.1', '::1')
GROUP BY SrcIpAddr, time_bucket(INTERVAL 5 MINUTE, TimeGenerated)
HAVING count(DISTINCT DstPortNumber) > 50
`;

export interface DuckSession {
  readonly connection: DuckDBConnection;
  readonly version: string;
  readonly threads: string;
  close(): void;
}

export async function openDuckDB(): Promise<DuckSession> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(MACROS);
  const info = (await connection.runAndReadAll(`SELECT version() AS v, current_setting('threads') AS t`)).getRowObjectsJS()[0]!;
  return {
    connection,
    version: String(info.v),
    threads: String(info.t),
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export interface DuckResult {
  readonly rows: number;
  readonly checksum: number;
}

/** Runs the query and fetches every result row into JavaScript values (as kqlx hands back a table). */
export async function runDuckQuery(connection: DuckDBConnection, sql: string, checksumColumn: string): Promise<DuckResult> {
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  return { rows: rows.length, checksum: rows.reduce((sum, r) => sum + Number(r[checksumColumn]), 0) };
}
