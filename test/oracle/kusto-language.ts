/**
 * Test-only oracle: Microsoft's official KQL parser and binder (Kusto.Language, the C# library
 * compiled to JavaScript by Bridge.NET and shipped as the npm devDependency
 * `@kusto/language-service-next`). Used to compare kqlx's parser and binder with the real one.
 *
 * Loading: the package's `main` (Kusto.Language.Bridge.js) is a script, not a module. It calls a
 * global `Bridge`, which is defined by the Bridge.NET runtime `bridge.js` shipped in the same
 * package (the package's index.html loads bridge.js, then Kusto.Language.Bridge.js, as <script>s).
 * In Node, requiring bridge.js (a CommonJS file) installs `Bridge` and `System` on `global`; then
 * requiring Kusto.Language.Bridge.js registers the `Kusto` namespace on `global`. We load the
 * minified builds (same code, ~3x smaller to compile) once, lazily, on first use.
 *
 * Only the handful of members used here are typed (see the interfaces below); the package's own
 * 1.7 MB `.d.ts` declares global namespaces and is not referenced, to keep `tsc` fast.
 */
import { createRequire } from 'node:module';

/** kqlx's scalar type names. */
export type KqlxTypeName = 'bool' | 'int' | 'long' | 'real' | 'decimal' | 'string' | 'datetime' | 'timespan' | 'guid' | 'dynamic';

export interface OracleColumn {
  name: string;
  /** A kqlx type name; for result columns, an official name not in kqlx's set is passed through. */
  type: string;
}

export interface OracleDiagnostic {
  message: string;
  start: number;
  length: number;
  /** e.g. 'KS142' */
  code: string;
  /** 'Error' | 'Warning' | 'Suggestion' | 'Information' */
  severity: string;
  /** e.g. 'General', 'Performance', 'Correctness' */
  category: string;
}

export interface OracleParseResult {
  syntaxErrors: OracleDiagnostic[];
}

export interface OracleAnalyzeResult {
  /** Every diagnostic of the parsed and bound query (syntax and semantic, all severities). */
  diagnostics: OracleDiagnostic[];
  /** Diagnostics with severity 'Error' only. */
  errors: OracleDiagnostic[];
  /** Columns of the query's final tabular result, when the result is a table. */
  resultColumns?: OracleColumn[];
  /** The official display of the result type, e.g. '(a: string, count_: long)' or 'long' for a scalar result. */
  resultType?: string;
}

// ---------------------------------------------------------------------------------------------
// Minimal typings of the Bridge.NET objects used.

interface BridgeList<T> {
  Count: number;
  getItem(index: number): T;
}

interface KDiagnostic {
  Code: string | null;
  Category: string | null;
  Severity: string | null;
  Message: string | null;
  Start: number;
  Length: number;
}

interface KTypeSymbol {
  Name: string | null;
  Kind: number;
}

interface KColumnSymbol {
  Name: string;
  Type: KTypeSymbol;
}

interface KTableSymbol extends KTypeSymbol {
  Columns: BridgeList<KColumnSymbol>;
}

interface KScalarSymbol extends KTypeSymbol {
  __brand_scalar: never;
}

interface KDatabaseSymbol {
  __brand_database: never;
}

interface KGlobalState {
  WithDatabase(db: KDatabaseSymbol): KGlobalState;
}

interface KKustoCode {
  ResultType: KTypeSymbol | null;
  GetSyntaxDiagnostics(): BridgeList<KDiagnostic>;
  GetDiagnostics(): BridgeList<KDiagnostic>;
}

interface KustoLanguage {
  KustoCode: {
    Parse(text: string, globals?: KGlobalState): KKustoCode;
    ParseAndAnalyze(text: string, globals?: KGlobalState): KKustoCode;
  };
  GlobalState: { Default: KGlobalState };
  Symbols: {
    ScalarTypes: { GetSymbol(typeName: string): KScalarSymbol | null };
    ColumnSymbol: new (
      name: string,
      type: KScalarSymbol,
      description: string | null,
      originalColumns: null,
      source: null,
      examples: null,
    ) => KColumnSymbol;
    TableSymbol: { $ctor4: new (name: string, columns: KColumnSymbol[]) => KTableSymbol } & (abstract new () => KTableSymbol);
    DatabaseSymbol: { $ctor2: new (name: string, alternateName: string | null, members: KTableSymbol[]) => KDatabaseSymbol };
    SchemaDisplay: { GetText(symbol: KTypeSymbol): string };
    SymbolKind: { Table: number };
  };
}

// ---------------------------------------------------------------------------------------------
// Loading (module-level lazy singleton).

let lib: KustoLanguage | undefined;
let loadMillis = 0;

/** Loads the official library (once per process) and returns its `Kusto.Language` namespace. */
export function kustoLanguage(): KustoLanguage {
  if (lib) return lib;
  const g = globalThis as { Kusto?: { Language?: KustoLanguage } };
  if (!g.Kusto?.Language) {
    const t0 = performance.now();
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js'); // defines global Bridge, System
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js'); // defines global Kusto
    loadMillis = performance.now() - t0;
  }
  if (!g.Kusto?.Language) throw new Error('@kusto/language-service-next did not define the global Kusto.Language');
  lib = g.Kusto.Language;
  return lib;
}

/** Milliseconds spent loading the library in this process (0 if not loaded here, or not yet). */
export function officialLoadMillis(): number {
  return loadMillis;
}

// ---------------------------------------------------------------------------------------------
// API.

function toArray<T>(list: BridgeList<T> | null | undefined): T[] {
  const out: T[] = [];
  if (!list) return out;
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

function toDiagnostic(d: KDiagnostic): OracleDiagnostic {
  return {
    message: d.Message ?? '',
    start: d.Start,
    length: d.Length,
    code: d.Code ?? '',
    severity: d.Severity ?? '',
    category: d.Category ?? '',
  };
}

/** Official type names (and aliases) to kqlx's names. */
const TYPE_NAMES: Record<string, string> = {
  bool: 'bool',
  boolean: 'bool',
  int: 'int',
  int32: 'int',
  long: 'long',
  int64: 'long',
  real: 'real',
  double: 'real',
  float: 'real',
  decimal: 'decimal',
  string: 'string',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  guid: 'guid',
  uniqueid: 'guid',
  dynamic: 'dynamic',
};

/** Maps an official type name to kqlx's (dynamic(array) etc. become 'dynamic'); unknown names pass through. */
export function toKqlxTypeName(officialName: string): string {
  const n = officialName.toLowerCase();
  if (n.startsWith('dynamic')) return 'dynamic';
  return TYPE_NAMES[n] ?? n;
}

/** Parses without semantic analysis and returns the syntax diagnostics. */
export function officialParse(query: string): OracleParseResult {
  const K = kustoLanguage();
  const code = K.KustoCode.Parse(query, K.GlobalState.Default);
  return { syntaxErrors: toArray(code.GetSyntaxDiagnostics()).map(toDiagnostic) };
}

const globalsCache = new Map<string, KGlobalState>();

/** A GlobalState whose default database ('db') holds the given tables. Cached by schema. */
export function officialGlobals(tables: Record<string, OracleColumn[]>): KGlobalState {
  const key = JSON.stringify(tables);
  const cached = globalsCache.get(key);
  if (cached) return cached;
  const K = kustoLanguage();
  const S = K.Symbols;
  const tableSymbols = Object.entries(tables).map(([tableName, columns]) => {
    const cols = columns.map((c) => {
      const type = S.ScalarTypes.GetSymbol(c.type);
      if (!type) throw new Error(`unknown type '${c.type}' for column ${tableName}.${c.name}`);
      return new S.ColumnSymbol(c.name, type, null, null, null, null);
    });
    return new S.TableSymbol.$ctor4(tableName, cols);
  });
  const globals = K.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.$ctor2('db', null, tableSymbols));
  if (globalsCache.size >= 64) globalsCache.clear();
  globalsCache.set(key, globals);
  return globals;
}

/**
 * Parses and binds `query` against a database holding `tables` (kqlx column lists). Returns all
 * diagnostics and, when the query's result is tabular, its columns with kqlx type names.
 */
export function officialAnalyze(query: string, tables: Record<string, OracleColumn[]>): OracleAnalyzeResult {
  const K = kustoLanguage();
  const code = K.KustoCode.ParseAndAnalyze(query, officialGlobals(tables));
  const diagnostics = toArray(code.GetDiagnostics()).map(toDiagnostic);
  const result: OracleAnalyzeResult = { diagnostics, errors: diagnostics.filter((d) => d.severity === 'Error') };
  const rt = code.ResultType;
  if (rt) {
    result.resultType = K.Symbols.SchemaDisplay.GetText(rt);
    if (rt.Kind === K.Symbols.SymbolKind.Table) {
      result.resultColumns = toArray((rt as KTableSymbol).Columns).map((c) => ({
        name: c.Name,
        type: toKqlxTypeName(c.Type.Name ?? ''),
      }));
    }
  }
  return result;
}
