/**
 * Test data for the corpus measurements: which tables a rule reads, and typed tables for them built
 * from the Sentinel schema pack, either empty or filled with a few hundred plausible rows.
 *
 * Everything here is deterministic: a fixed `now`, and a PRNG seeded from the table name, so a rule
 * sees the same rows on every run and on every machine.
 */
import { analyzeQuery, type Analyzed } from '../../src/engine.js';
import type { Catalog } from '../../src/semantics/context.js';
import { sentinel } from '../../src/sentinel/catalog.js';
import { sentinelSchema, sentinelTableNames } from '../../src/sentinel/schemas/index.js';
import { ColumnBuilder } from '../../src/table/column.js';
import { type ColumnSchema, Table } from '../../src/table/table.js';
import { msToTicks } from '../../src/types/datetime.js';
import type { ScalarType } from '../../src/types/scalar-type.js';
import { type Dynamic, TICKS_PER_DAY, TICKS_PER_SECOND, type Value } from '../../src/types/value.js';

/** The pinned now() of every corpus run. */
export const FIXED_NOW = new Date('2024-05-02T00:00:00Z');
export const NOW_TICKS = msToTicks(FIXED_NOW.getTime());
/** Rows per generated table. */
export const ROWS_PER_TABLE = 300;
const SEED = 0x6b71_6c78; // 'kqlx'

// ── which tables a rule reads ─────────────────────────────────────────────

const packNames = new Set(sentinelTableNames());

/**
 * A catalogue over the pack alone. Unlike makeCatalog over no tables, it lists the pack's names, so
 * a wildcard `union Security*` binds to (and so discovers) every pack table it matches.
 */
export const packCatalog: Catalog = {
  tableSchema: (name) => sentinelSchema(name),
  tableNames: () => sentinelTableNames(),
  sourceFunction: (name) => sentinel.sourceFunction(name),
};

export interface TableDiscovery {
  /** Pack tables the rule reads, sorted. */
  readonly tables: string[];
  /** 'plan': from the Scan nodes of the bound plan; 'text': analysis failed, names in the text that are in the pack. */
  readonly via: 'plan' | 'text';
  readonly analyzed: Analyzed;
}

/** The tables a query reads: the Scan nodes of its plan, or, when it does not bind, the pack names its text mentions. */
export function discoverTables(query: string): TableDiscovery {
  const analyzed = analyzeQuery(query, { catalog: packCatalog });
  if (analyzed.plan) return { tables: [...scannedTables(analyzed.plan)].sort(), via: 'plan', analyzed };
  return { tables: packNamesInText(query), via: 'text', analyzed };
}

/**
 * Every Scan node's table, anywhere in the plan (also inside expressions: toscalar, `in (subquery)`).
 * A generic walk over the node objects, so plan kinds added later are covered too.
 */
export function scannedTables(plan: object): Set<string> {
  const found = new Set<string>();
  const seen = new WeakSet<object>();
  const visit = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    if (x instanceof Table || ArrayBuffer.isView(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const item of x) visit(item);
      return;
    }
    const node = x as { kind?: unknown; table?: unknown };
    if (node.kind === 'Scan' && typeof node.table === 'string') found.add(node.table);
    for (const v of Object.values(x)) visit(v);
  };
  visit(plan);
  return found;
}

/** Identifiers (and quoted names, as in `table("X")`) of the text that are pack tables. */
export function packNamesInText(query: string): string[] {
  const names = new Set<string>();
  for (const m of query.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (packNames.has(m[0])) names.add(m[0]);
  return [...names].sort();
}

// ── deterministic randomness ──────────────────────────────────────────────

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return s;
  }
  guid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.int(0, 3)]}${this.hex(3)}-${this.hex(12)}`;
  }
}

// ── value pools (small, so that groups form and joins match) ─────────────

const USERS = ['alice', 'bob', 'carol', 'dave', 'eve', 'mallory', 'svc-backup', 'admin'];
const DOMAIN = 'contoso.com';
const IPS = [
  '10.0.0.5', '10.0.1.17', '10.1.2.3', '192.168.1.10', '192.168.1.254', '172.16.5.4',
  '8.8.8.8', '1.1.1.1', '20.42.65.92', '40.83.12.7', '52.168.1.1', '104.16.0.9', '185.220.101.4',
  '203.0.113.77', '198.51.100.23', '127.0.0.1', '2001:db8::1', 'fe80::1ff:fe23:4567:890a',
];
const HOSTS = ['WS-001', 'WS-002', 'SRV-DC01', 'SRV-SQL02', 'web-01', 'LAPTOP-7', 'fw-edge-1'];
const WORDS = [
  'Success', 'Failure', 'allow', 'deny', 'incomplete', 'reset-both', 'Add member to role', 'Sign-in activity',
  'Update user', 'Consent to application', 'Microsoft', 'Palo Alto Networks', 'PAN-OS', 'Windows', 'Linux',
  'Azure', 'test', 'value', 'High', 'Low', 'Medium', 'Informational', 'blocked', 'Create', 'Delete',
];
const PORTS = [22, 23, 53, 80, 123, 135, 389, 443, 445, 1433, 3389, 5985, 8080, 8443, 49512, 50123, 65000];
const EVENT_IDS = [4624, 4625, 4648, 4663, 4688, 4720, 4722, 4725, 4726, 4728, 4732, 4740, 4756, 1102, 4104, 7045, 5145];
const PROCESSES = ['cmd.exe', 'powershell.exe', 'rundll32.exe', 'svchost.exe', 'certutil.exe', 'w3wp.exe', 'bash', 'curl'];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CN', 'RU', 'NL', 'JP'];
const URLS = [
  'https://login.microsoftonline.com/common/oauth2', 'http://example.org/index.php?id=1', 'https://portal.azure.com/',
  'http://203.0.113.77/payload.exe', 'https://github.com/org/repo', 'https://contoso.sharepoint.com/sites/x',
];
const DOMAINS = ['contoso.com', 'example.org', 'login.microsoftonline.com', 'xn--80ak6aa92e.com', 'abcdefghijkl.biz', 'github.com'];
const PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'HTTP', 'HTTPS', 'DNS'];

function account(r: Prng, style: 'upn' | 'sam' | 'name' | 'any'): string {
  const u = r.pick(USERS);
  const s = style === 'any' ? r.pick(['upn', 'sam', 'name'] as const) : style;
  return s === 'upn' ? `${u}@${DOMAIN}` : s === 'sam' ? `CONTOSO\\${u}` : u;
}

function ip(r: Prng): string {
  return r.chance(0.7) ? r.pick(IPS) : `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

// ── column-name heuristics ────────────────────────────────────────────────

const isIpName = (n: string) =>
  /(^|[a-z0-9_])(IP|Ip)(v4|v6|V4|V6)?([A-Z_]|s?$)/.test(n) ||
  /ip_?addr|ipaddress|^ip(s|v4|v6)?$|^ip_/i.test(n) ||
  (/Address(es)?$/.test(n) && !/(mac|mail|sender|recipient|url|web|physical|street|home)address/i.test(n)) ||
  /^(src|dst|source|destination|client|remote|local|server|caller|nat|dvc)(_)?(ip|addr)$/i.test(n);
const isMacName = (n: string) => /mac(address|addr)?$/i.test(n) && !/machine/i.test(n);
const isEmailName = (n: string) => /mail|upn|userprincipalname|sender|recipient/i.test(n);
const isAccountName = (n: string) => /user|account|principal|caller|actor|identity|initiatedby|subject|logon.*name|owner/i.test(n);
const isHostName = (n: string) => /computer|host|machine|workstation|devicename|^device$|dvc$|dvchostname|servername/i.test(n);
const isUrlName = (n: string) => /url|uri$|referer|referrer/i.test(n);
const isDomainName = (n: string) => /domain|fqdn|dnsquery$|queryname|^name$|^query$/i.test(n);
const isProcessName = (n: string) => /process|image|filename|file_name|^file$|path|commandline|command/i.test(n);
const isHashName = (n: string) => /sha1|sha256|md5|hash/i.test(n);

type Gen<T> = (r: Prng) => T;

/** Sysmon-style EventData XML: a DataItem whose EventData holds named Data elements. */
function sysmonEventData(r: Prng): string {
  const image = `C:\\Windows\\System32\\${r.pick(PROCESSES)}`;
  const data: [string, string][] = [
    ['UtcTime', '2024-05-01 10:00:00.000'], ['ProcessGuid', `{${r.guid()}}`], ['ProcessId', String(r.int(100, 9999))],
    ['Image', image], ['OriginalFileName', image.split('\\').pop()!], ['CommandLine', `${image} /c whoami`],
    ['User', account(r, 'sam')], ['Hashes', `SHA256=${r.hex(64)}`], ['ParentImage', 'C:\\Windows\\explorer.exe'],
    ['TargetFilename', `C:\\Users\\Public\\${r.pick(WORDS)}.dll`], ['SubjectLogonId', '0x3e7'],
  ];
  const items = data.map(([name, value]) => `<Data Name="${name}">${value}</Data>`).join('');
  return `<DataItem type="System.XmlData" time="2024-05-01T10:00:00Z"><EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">${items}</EventData></DataItem>`;
}

/** The generator of a string column, chosen once from its name. */
function stringGenerator(col: string, table: string): Gen<string> {
  if (col === 'Type') return () => table;
  const inner = ((): Gen<string> => {
    if (isMacName(col)) return (r) => `00:1a:2b:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}`;
    if (isIpName(col)) return ip;
    if (/port$/i.test(col)) return (r) => String(r.pick(PORTS));
    if (isEmailName(col)) return (r) => account(r, 'upn');
    if (/^account$|accountname|targetaccount|subjectaccount/i.test(col)) return (r) => account(r, 'sam');
    if (isAccountName(col)) return (r) => account(r, 'any');
    if (isUrlName(col)) return (r) => r.pick(URLS);
    if (isHostName(col)) return (r) => (r.chance(0.5) ? r.pick(HOSTS) : `${r.pick(HOSTS)}.${DOMAIN}`);
    if (isDomainName(col)) return (r) => r.pick(DOMAINS);
    // The Event table's EventData holds the event's XML, as Sysmon and Windows events store it there.
    if (col === 'EventData' && table === 'Event') return sysmonEventData;
    if (isHashName(col)) {
      const n = /md5/i.test(col) ? 32 : /sha1/i.test(col) ? 40 : 64;
      return (r) => r.hex(n);
    }
    if (/commandline|command/i.test(col)) {
      return (r) => `${r.pick(PROCESSES)} /c whoami ${r.pick(['-enc SQBFAFgA', '/all', 'http://203.0.113.77/a.ps1', ''])}`;
    }
    if (isProcessName(col)) return (r) => (r.chance(0.5) ? r.pick(PROCESSES) : `C:\\Windows\\System32\\${r.pick(PROCESSES)}`);
    if (/country|location|region/i.test(col)) return (r) => r.pick(COUNTRIES);
    if (/protocol/i.test(col)) return (r) => r.pick(PROTOCOLS);
    if (/tenantid|correlationid|objectid|resourceid$|^id$|guid|sessionid|appid$/i.test(col)) return (r) => r.guid();
    if (/^resulttype$|errorcode|resultcode|statuscode/i.test(col)) return (r) => r.pick(['0', '0', '50126', '50053', '200', '403', '404']);
    if (/eventid$/i.test(col)) return (r) => String(r.pick(EVENT_IDS));
    if (/extension|additional|message|description|details|syslogmessage|data$/i.test(col)) {
      return (r) => `reason=${r.pick(['tcp-rst-from-server', 'aged-out', 'tcp-fin', 'policy-deny'])};cat=${r.pick(WORDS)};user=${account(r, 'sam')};src=${ip(r)}`;
    }
    return (r) => r.pick(WORDS);
  })();
  return (r) => (r.chance(0.06) ? '' : inner(r));
}

function numberGenerator(col: string, type: ScalarType): Gen<number> {
  if (/port/i.test(col)) return (r) => r.pick(PORTS);
  if (/eventid$|event_id$/i.test(col)) return (r) => r.pick(EVENT_IDS);
  if (/bytes|size|length|duration|sent|received|packets/i.test(col)) return (r) => r.int(0, 5_000_000);
  if (/count/i.test(col)) return (r) => r.int(0, 50);
  if (/severity|level|score/i.test(col)) return (r) => r.int(0, 10);
  if (type === 'real' || type === 'decimal') return (r) => Math.round(r.next() * 100_000) / 100;
  return (r) => r.int(0, 100);
}

function genericDynamic(r: Prng): Dynamic {
  switch (r.int(0, 5)) {
    case 0:
      return { name: r.pick(WORDS), value: r.int(0, 100), id: r.guid(), ip: ip(r), user: account(r, 'upn') };
    case 1:
      return [r.pick(WORDS), r.pick(WORDS)];
    case 2:
      return [{ name: r.pick(WORDS), value: r.pick(WORDS) }, { name: 'UserPrincipalName', value: account(r, 'upn') }];
    case 3:
      return [];
    case 4:
      return { Name: r.pick(HOSTS), Address: ip(r), Count: r.int(1, 9), Tags: [r.pick(WORDS)] };
    default:
      return r.pick(WORDS);
  }
}

/** Dynamic columns: the shapes of a few well-known Azure AD columns, else small objects and arrays. */
function dynamicGenerator(col: string): Gen<Dynamic> {
  if (/^initiatedby$/i.test(col)) {
    return (r): Dynamic => {
      const user = account(r, 'upn');
      return r.chance(0.7)
        ? { user: { id: r.guid(), userPrincipalName: user, ipAddress: ip(r), displayName: user.split('@')[0]! } }
        : { app: { appId: r.guid(), displayName: 'Graph Explorer', servicePrincipalId: r.guid() } };
    };
  }
  if (/targetresources/i.test(col)) {
    return (r) => [{
      id: r.guid(), displayName: r.pick(WORDS), type: r.pick(['User', 'Group', 'Application', 'Role']), userPrincipalName: account(r, 'upn'),
      modifiedProperties: [{ displayName: r.pick(['Role.DisplayName', 'AppAddress', 'Group.DisplayName']), oldValue: '""', newValue: `"${r.pick(WORDS)}"` }],
    }];
  }
  if (/locationdetails|location/i.test(col)) {
    return (r) => ({ city: 'Seattle', state: 'Washington', countryOrRegion: r.pick(COUNTRIES), geoCoordinates: { latitude: 47.6, longitude: -122.3 } });
  }
  if (/devicedetail/i.test(col)) {
    return (r) => ({ deviceId: r.chance(0.5) ? r.guid() : '', operatingSystem: r.pick(['Windows 10', 'iOS 15', 'Linux']), browser: r.pick(['Edge 100', 'Chrome 99']), isCompliant: r.chance(0.5) });
  }
  if (/^status$/i.test(col)) return (r) => ({ errorCode: r.pick([0, 0, 50126, 50053]), failureReason: r.pick(['', 'Invalid username or password']) });
  if (/additionaldetails|properties|parameters|extended/i.test(col)) {
    return (r) => [{ key: r.pick(['User-Agent', 'AppId', 'ipaddr']), value: r.pick(WORDS) }, { key: 'ipaddr', value: ip(r) }];
  }
  if (/ips$|addresses$/i.test(col)) return (r) => [ip(r), ip(r)];
  return genericDynamic;
}

/**
 * Literals of a query, mixed into the generated values so that its filters (`where Op == "x"`,
 * `has_any (…)`, `EventID in (4624, …)`) match some rows and later stages see data.
 */
export interface QueryLiterals {
  readonly strings: readonly string[];
  readonly numbers: readonly number[];
}

export function queryLiterals(query: string): QueryLiterals {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const text = query; // comments included: their literals do no harm
  for (const m of text.matchAll(/@?"((?:[^"\\\n]|\\.)*)"|@?'((?:[^'\\\n]|\\.)*)'/g)) {
    const verbatim = m[0].startsWith('@');
    let v = m[1] ?? m[2] ?? '';
    if (!verbatim) v = v.replace(/\\(.)/g, '$1');
    if (v.length > 0 && v.length <= 200) strings.add(v);
  }
  for (const m of text.matchAll(/(?<![\w.])(\d{1,9})(?![\w.])/g)) numbers.add(Number(m[1]));
  return { strings: [...strings], numbers: [...numbers] };
}

const NO_LITERALS: QueryLiterals = { strings: [], numbers: [] };

/** The generator of one column: values plausible for its type and name, and a few nulls (empty strings for strings). */
export function columnGenerator(col: ColumnSchema, table: string, now: bigint = NOW_TICKS): Gen<Value> {
  const nullable = col.name !== 'TimeGenerated' && col.name !== 'Type';
  const base = ((): Gen<Value> => {
    switch (col.type) {
      case 'string':
        return stringGenerator(col.name, table);
      case 'bool':
        return (r) => r.chance(0.5);
      case 'int':
      case 'long':
      case 'real':
      case 'decimal':
        return numberGenerator(col.name, col.type);
      case 'datetime':
        // Spread over the 24 h before now, to the second; a few a day earlier.
        return (r) => now - BigInt(Math.floor(r.next() * 86_400)) * TICKS_PER_SECOND - (r.chance(0.02) ? TICKS_PER_DAY : 0n);
      case 'timespan':
        return (r) => BigInt(r.int(0, 7200)) * TICKS_PER_SECOND;
      case 'guid':
        return (r) => r.guid();
      case 'dynamic':
        return dynamicGenerator(col.name);
    }
  })();
  return col.type === 'string' || !nullable ? base : (r) => (r.chance(0.05) ? null : base(r));
}

export function generateRows(table: string, schema: readonly ColumnSchema[], count = ROWS_PER_TABLE): Value[][] {
  const r = new Prng(SEED ^ hashString(table));
  const gens = schema.map((c) => columnGenerator(c, table));
  const rows: Value[][] = [];
  for (let i = 0; i < count; i++) rows.push(gens.map((g) => g(r)));
  return rows;
}

/**
 * A copy of `base` with some string cells (25 %) replaced by the query's string literals and some
 * int/long cells (15 %) by its integer literals. Other columns are shared with `base`.
 */
export function withLiterals(base: Table, table: string, literals: QueryLiterals): Table {
  if (!literals.strings.length && !literals.numbers.length) return base;
  const r = new Prng(SEED ^ hashString(table) ^ 0x9e3779b9);
  const columns = base.columns.map((column, j) => {
    const c = base.schema[j]!;
    const isInt = c.type === 'int' || c.type === 'long';
    const pool: readonly Value[] = c.type === 'string' && c.name !== 'Type' ? literals.strings : isInt ? literals.numbers : [];
    if (!pool.length) return column;
    const p = isInt ? 0.15 : 0.25;
    const b = new ColumnBuilder(c.type, 'keep');
    for (let i = 0; i < base.rowCount; i++) b.push(r.chance(p) ? r.pick(pool) : column.get(i));
    return b.finish();
  });
  return new Table(base.schema, columns, base.rowCount);
}

// ── tables ────────────────────────────────────────────────────────────────

export type DataMode = 'empty' | 'rows';

const cache = new Map<string, Table>();

/**
 * The pack table `name`, empty or with generated rows (the query's literals mixed in when given);
 * undefined if the pack does not know it. The literal-free tables are cached.
 */
export function packTable(name: string, mode: DataMode, literals: QueryLiterals = NO_LITERALS): Table | undefined {
  const key = `${mode}:${name}`;
  let t = cache.get(key);
  if (!t) {
    const schema = sentinelSchema(name);
    if (!schema) return undefined;
    t = mode === 'empty' ? Table.empty(schema) : Table.fromRows(schema, generateRows(name, schema));
    cache.set(key, t);
  }
  return mode === 'rows' ? withLiterals(t, name, literals) : t;
}

/** Tables for the given names (those in the pack); generated rows draw on the literals of `query`. */
export function tablesFor(names: readonly string[], mode: DataMode, query?: string): Map<string, Table> {
  const literals = mode === 'rows' && query !== undefined ? queryLiterals(query) : NO_LITERALS;
  const m = new Map<string, Table>();
  for (const n of names) {
    const t = packTable(n, mode, literals);
    if (t) m.set(n, t);
  }
  return m;
}
