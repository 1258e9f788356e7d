/**
 * Builds the Sentinel schema pack: `sentinel-pack.json`, one entry per table or parser output,
 * `{ "TableName": "Col1:type,Col2:type,..." }`, keys sorted so the committed file is reproducible.
 *
 * Source: ../shared/corpus/sentinel/schemas/tables-normalized.json (relative to the project root),
 * which merges Microsoft's rule-validation schemas. Those were written by many hands, so this script
 * normalizes what it reads and says what it changed:
 *   - type names come in many spellings (`String`, `DateTime`, `Double`, `SByte`, `BigInt`, `string `);
 *     each is mapped to a kqlx type through parseTypeName, plus the storage-level names below;
 *   - table and column names are trimmed, and a CSV export's unit suffix (`TimeGenerated [UTC]`) is
 *     removed, since the column itself is `TimeGenerated`;
 *   - a column listed twice keeps its first type;
 *   - columns the current table reference adds since the 2022 snapshot are appended (CURRENT_REFERENCE_COLUMNS).
 *
 * Run: npx tsx src/sentinel/schemas/build-pack.ts  (or `npm run gen:schemas`); `--check` only compares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTypeName, type ScalarType } from '../../types/scalar-type.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../../..');
export const SOURCE_PATH = resolve(projectRoot, '../shared/corpus/sentinel/schemas/tables-normalized.json');
export const PACK_PATH = resolve(here, 'sentinel-pack.json');

/**
 * Storage and .NET names that Log Analytics table definitions use and KQL does not accept as type
 * names. SByte is how Log Analytics stores bool (the `_b` columns of custom tables); Object is the
 * dynamic column of older table definitions.
 */
const STORAGE_TYPE_NAMES: Record<string, ScalarType> = {
  sbyte: 'bool',
  bigint: 'long',
  integer: 'int',
  object: 'dynamic',
  uri: 'string',
  'date/time': 'datetime',
};

interface SourceColumn {
  name: string;
  type: string;
}
interface SourceEntry {
  kind?: string;
  columns: SourceColumn[];
}

export interface PackBuild {
  /** The JSON text to commit, with a trailing newline. */
  text: string;
  /** What was normalized or dropped, one line each, for the person running the script. */
  notes: string[];
  /** Type spellings that mapped to nothing; such columns are left out of the pack. */
  unknownTypes: string[];
}

export function kqlxTypeOf(sourceType: string): ScalarType | undefined {
  const t = sourceType.trim();
  return parseTypeName(t) ?? STORAGE_TYPE_NAMES[t.toLowerCase()];
}

/** `TimeGenerated [UTC]` → `TimeGenerated`: the suffix is how an export labels the time zone. */
function columnName(raw: string): string {
  return raw.trim().replace(/\s+\[[^\]]*\]$/, '');
}

/**
 * The standard columns every Log Analytics table has (Azure Monitor's table reference lists them on
 * each table page); the validation schemas leave them out of many tables. Added to entries of kind
 * 'table' only: a parser function's output has whatever its body projects.
 */
const STANDARD_COLUMNS: readonly (readonly [string, ScalarType])[] = [
  ['TenantId', 'string'],
  ['Type', 'string'],
  ['_ResourceId', 'string'],
  ['_SubscriptionId', 'string'],
  ['_IsBillable', 'string'],
  ['_BilledSize', 'real'],
];

/**
 * Columns that Azure Monitor's current table reference lists and the 2022 validation schemas lack,
 * for tables whose rules use them (SigninLogs: `AutonomousSystemNumber`, `HomeTenantId`, ...). Names
 * and types are the reference page's (learn.microsoft.com/azure/azure-monitor/reference/tables/signinlogs);
 * a column the source already has keeps the source's type.
 */
const CURRENT_REFERENCE_COLUMNS: Readonly<Record<string, readonly (readonly [string, ScalarType])[]>> = {
  SigninLogs: [
    ['Agent', 'dynamic'], ['AppliedConditionalAccessPolicies', 'string'], ['AppliedEventListeners', 'dynamic'],
    ['AppOwnerTenantId', 'string'], ['AuthenticationAppDeviceDetails', 'string'],
    ['AuthenticationAppPolicyEvaluationDetails', 'string'], ['AuthenticationContextClassReferences', 'string'],
    ['AuthenticationProtocol', 'string'], ['AuthenticatorAppLocation', 'string'], ['AutonomousSystemNumber', 'string'],
    ['ClientCredentialType', 'string'], ['ConditionalAccessAudiences', 'string'], ['CrossTenantAccessType', 'string'],
    ['FederatedCredentialId', 'string'], ['FlaggedForReview', 'bool'], ['GlobalSecureAccessIpAddress', 'string'],
    ['HomeTenantId', 'string'], ['HomeTenantName', 'string'], ['IncomingTokenType', 'string'],
    ['IPAddressFromResourceProvider', 'string'], ['IsTenantRestricted', 'bool'], ['IsThroughGlobalSecureAccess', 'bool'],
    ['OriginalTransferMethod', 'string'], ['ResourceOwnerTenantId', 'string'], ['ResourceServicePrincipalId', 'string'],
    ['ResourceTenantId', 'string'], ['RiskLevel', 'string'], ['SessionId', 'string'], ['SessionLifetimePolicies', 'string'],
    ['SignInIdentifier', 'string'], ['SignInIdentifierType', 'string'], ['SourceAppClientId', 'string'],
    ['TokenProtectionStatusDetails', 'dynamic'], ['UniqueTokenIdentifier', 'string'],
  ],
};

export function buildPack(source: Record<string, SourceEntry>): PackBuild {
  const notes: string[] = [];
  const unknown = new Set<string>();
  const pack: Record<string, string> = {};

  for (const [rawName, entry] of Object.entries(source)) {
    const table = rawName.trim();
    if (table !== rawName) notes.push(`table '${rawName}': name trimmed`);
    if (pack[table] !== undefined) {
      notes.push(`table '${table}': listed twice, first kept`);
      continue;
    }
    const seen = new Map<string, ScalarType>();
    const parts: string[] = [];
    for (const col of entry.columns) {
      const name = columnName(col.name);
      if (name !== col.name) notes.push(`${table}.${col.name}: name normalized to '${name}'`);
      // The compact form separates columns with ',' and name from type with the last ':'.
      if (name === '' || name.includes(',')) {
        notes.push(`${table}.${col.name}: name cannot be stored, column left out`);
        continue;
      }
      const type = kqlxTypeOf(col.type);
      if (type === undefined) {
        unknown.add(col.type);
        notes.push(`${table}.${name}: unknown type '${col.type}', column left out`);
        continue;
      }
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        if (earlier !== type) notes.push(`${table}.${name}: listed as ${earlier} and ${type}, ${earlier} kept`);
        continue;
      }
      seen.set(name, type);
      parts.push(`${name}:${type}`);
    }
    for (const [name, type] of CURRENT_REFERENCE_COLUMNS[table] ?? []) {
      if (seen.has(name)) continue;
      seen.set(name, type);
      parts.push(`${name}:${type}`);
    }
    if (entry.kind === 'table') {
      for (const [name, type] of STANDARD_COLUMNS) if (!seen.has(name)) parts.push(`${name}:${type}`);
    }
    pack[table] = parts.join(',');
  }

  const sorted: Record<string, string> = {};
  for (const key of Object.keys(pack).sort()) sorted[key] = pack[key]!;
  return { text: `${JSON.stringify(sorted, null, 1)}\n`, notes, unknownTypes: [...unknown].sort() };
}

export function buildPackFromSource(path = SOURCE_PATH): PackBuild {
  return buildPack(JSON.parse(readFileSync(path, 'utf8')) as Record<string, SourceEntry>);
}

function main(): void {
  const build = buildPackFromSource();
  const check = process.argv.includes('--check');
  if (check) {
    let current = '';
    try {
      current = readFileSync(PACK_PATH, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== build.text) {
      console.error(`${PACK_PATH} is out of date; run npm run gen:schemas`);
      process.exitCode = 1;
      return;
    }
    console.log('sentinel-pack.json is current');
    return;
  }
  writeFileSync(PACK_PATH, build.text);
  const tables = Object.keys(JSON.parse(build.text) as object).length;
  console.log(`wrote ${PACK_PATH}: ${tables} tables, ${build.text.length} bytes`);
  for (const note of build.notes) console.log(`  note: ${note}`);
  if (build.unknownTypes.length > 0) console.log(`unknown types: ${build.unknownTypes.join(', ')}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
