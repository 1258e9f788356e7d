/**
 * Optional enrichment of loaded records, for records exported before Cloud SIEM enriched them:
 *
 * - Network blocks (`--network-blocks FILE`): for each IP field Cloud SIEM enriches (srcDevice_ip,
 *   dstDevice_ip, device_ip, their natIp twins, dns_replyIp, ...), a null `<field>_isInternal` becomes
 *   true when the address is RFC 1918 private or inside a block flagged internal (the default), false
 *   otherwise; a null `<field>_location` becomes the label of the most specific block holding it.
 *   File: a JSON array of `{"cidr": "10.20.0.0/16", "label": "HQ", "internal": true}`.
 * - Match lists (`--match-lists FILE`): a record whose target field holds a value of a list gets the
 *   list's name in `listMatches` (values compare exactly). Records without `listMatches` get `[]`.
 *   File: a JSON object `{"vuln_scanners": {"fields": ["srcDevice_ip"], "values": ["10.1.2.3"]}}`.
 *
 * Values already in the records are kept: enrichment fills only what is null, so `*_isInternal` of a
 * record the exporter enriched stays as it was.
 */
import { parseV4Address } from '../functions/scalar/ip.js';
import { buildColumn, type Column } from '../table/column.js';
import { type ColumnSchema, Table } from '../table/table.js';
import type { Value } from '../types/value.js';

export interface NetworkBlock {
  readonly base: number;
  readonly bits: number;
  readonly label?: string;
  readonly internal: boolean;
}

export interface MatchList {
  readonly name: string;
  readonly fields: readonly string[];
  readonly values: ReadonlySet<string>;
}

/** The IP fields the schema lists with enrichment (schema/enrichment_fields.md), for network blocks. */
export const ENRICHED_IP_FIELDS = [
  'bro_dhcp_assignedIp', 'device_ip', 'device_natIp', 'dns_replyIp', 'dstDevice_ip', 'dstDevice_natIp',
  'srcDevice_ip', 'srcDevice_natIp',
];

const RFC1918: readonly NetworkBlock[] = [
  { base: 0x0a000000, bits: 8, internal: true },
  { base: 0xac100000, bits: 12, internal: true },
  { base: 0xc0a80000, bits: 16, internal: true },
];

function contains(block: NetworkBlock, ip: number): boolean {
  const size = 2 ** (32 - block.bits);
  return Math.floor(ip / size) === Math.floor(block.base / size);
}

/** Reads the network-blocks file's JSON; problems name the entry. */
export function readNetworkBlocks(json: unknown): { blocks: NetworkBlock[]; problems: string[] } {
  const problems: string[] = [];
  const blocks: NetworkBlock[] = [];
  if (!Array.isArray(json)) return { blocks, problems: ['expected a JSON array of {"cidr", "label", "internal"}'] };
  json.forEach((entry, i) => {
    const e = entry as { cidr?: unknown; label?: unknown; internal?: unknown };
    const m = typeof e?.cidr === 'string' ? /^([\d.]+)\/(\d{1,2})$/.exec(e.cidr.trim()) : null;
    const base = m ? parseV4Address(m[1]!) : null;
    const bits = m ? Number(m[2]) : NaN;
    if (base === null || !(bits >= 0 && bits <= 32)) return problems.push(`entry ${i}: "cidr" must be an IPv4 CIDR such as 10.20.0.0/16`);
    if (e.label !== undefined && typeof e.label !== 'string') return problems.push(`entry ${i}: "label" must be text`);
    if (e.internal !== undefined && typeof e.internal !== 'boolean') return problems.push(`entry ${i}: "internal" must be true or false`);
    blocks.push({ base, bits, label: e.label as string | undefined, internal: e.internal !== false });
    return undefined;
  });
  return { blocks, problems };
}

/** Reads the match-lists file's JSON; problems name the list. */
export function readMatchLists(json: unknown): { lists: MatchList[]; problems: string[] } {
  const problems: string[] = [];
  const lists: MatchList[] = [];
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { lists, problems: ['expected a JSON object: list name → {"fields": [...], "values": [...]}'] };
  for (const [name, spec] of Object.entries(json)) {
    const s = spec as { fields?: unknown; values?: unknown };
    const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number');
    if (!strings(s?.fields) || (s.fields as unknown[]).length === 0) problems.push(`list '${name}': "fields" must be a non-empty list of field names`);
    else if (!strings(s.values)) problems.push(`list '${name}': "values" must be a list of values`);
    else lists.push({ name, fields: (s.fields as string[]).map(String), values: new Set((s.values as unknown[]).map(String)) });
  }
  return { lists, problems };
}

function withColumn(table: Table, name: string, type: ColumnSchema['type'], column: Column): Table {
  const at = table.columnIndex(name);
  const schema = at < 0 ? [...table.schema, { name, type }] : table.schema.map((c, i) => (i === at ? { name, type } : c));
  const columns = at < 0 ? [...table.columns, column] : table.columns.map((c, i) => (i === at ? column : c));
  return new Table(schema, columns, table.rowCount);
}

const textOrNull = (v: Value): string | null => (v === null || v === '' ? null : String(v));

export function applyNetworkBlocks(table: Table, blocks: readonly NetworkBlock[]): Table {
  const all = [...blocks, ...RFC1918];
  let out = table;
  for (const field of ENRICHED_IP_FIELDS) {
    const at = table.columnIndex(field);
    if (at < 0) continue;
    const ips = table.columns[at]!;
    const mostSpecific = (row: number): NetworkBlock | undefined | null => {
      const text = textOrNull(ips.get(row));
      const ip = text === null ? null : parseV4Address(text.trim());
      if (ip === null) return null;
      let best: NetworkBlock | undefined;
      for (const b of all) if (contains(b, ip) && (!best || b.bits > best.bits)) best = b;
      return best;
    };
    const fill = (suffix: string, type: ColumnSchema['type'], compute: (row: number) => Value) => {
      const name = `${field}_${suffix}`;
      const existing = out.columnIndex(name);
      const old = existing < 0 ? undefined : out.columns[existing]!;
      out = withColumn(out, name, type, buildColumn(type, out.rowCount, (row) => {
        const kept = old?.get(row) ?? null;
        return kept !== null && kept !== '' ? kept : compute(row);
      }, 'keep'));
    };
    fill('isInternal', 'bool', (row) => {
      const b = mostSpecific(row);
      return b === null ? null : b !== undefined && b.internal;
    });
    fill('location', 'string', (row) => mostSpecific(row)?.label ?? null);
  }
  return out;
}

export function applyMatchLists(table: Table, lists: readonly MatchList[]): Table {
  const existing = table.columnIndex('listMatches');
  const old = existing < 0 ? undefined : table.columns[existing]!;
  const targets = lists.map((l) => ({ list: l, columns: l.fields.map((f) => table.columnIndex(f)).filter((i) => i >= 0).map((i) => table.columns[i]!) }));
  const column = buildColumn('dynamic', table.rowCount, (row) => {
    const before = old?.get(row);
    const names = Array.isArray(before) ? [...(before as string[])] : [];
    for (const { list, columns } of targets) {
      if (names.includes(list.name)) continue;
      if (columns.some((c) => {
        const v = textOrNull(c.get(row));
        return v !== null && list.values.has(v);
      })) names.push(list.name);
    }
    return names;
  }, 'keep');
  return withColumn(table, 'listMatches', 'dynamic', column);
}
