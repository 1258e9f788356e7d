/**
 * Binding a rule's query without data, to learn its result schema and the tables it reads, and
 * checking that every column the alert settings name is one the query produces. Sentinel refuses
 * to save such a rule ("The given column ... does not exist"); kqlx says so before loading any data.
 */
import type { LocatedDiagnostic } from '../diagnostics/diagnostic.js';
import { type Analyzed, analyzeQuery, makeCatalog } from '../engine.js';
import type { Catalog } from '../semantics/context.js';
import { sentinel } from './catalog.js';
import type { ColumnSchema } from '../table/table.js';
import type { RuleProblem } from '../rules/problems.js';
import { columnRefs, type Rule } from './rule.js';
import { scannedTables } from '../rules/scanned-tables.js';

export interface CheckedRule {
  readonly rule: Rule;
  readonly analyzed: Analyzed;
  /** The query's result columns, when it binds. */
  readonly schema?: readonly ColumnSchema[];
  /** Tables the query reads (Scan nodes of its plan). */
  readonly tables: readonly string[];
  /** Those and the tables read when given, empty otherwise (the sources of parser functions). */
  readonly reads: readonly string[];
  readonly problems: RuleProblem[];
}

export const sentinelCatalog = (): Catalog => makeCatalog(new Map(), sentinel);

export function checkRuleColumns(rule: Rule, catalog: Catalog = sentinelCatalog()): CheckedRule {
  const analyzed = analyzeQuery(rule.query, { catalog: catalog });
  const problems: RuleProblem[] = analyzed.diagnostics.map((d) => diagnosticProblem(rule, d));
  const plan = analyzed.plan;
  if (!plan || problems.some((p) => p.severity === 'error')) {
    return { rule, analyzed, tables: plan ? scannedTables(plan) : [], reads: plan ? scannedTables(plan, { withOptional: true }) : [], problems };
  }
  const names = plan.schema.map((c) => c.name);
  const have = new Set(names);
  const list = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
  for (const ref of columnRefs(rule)) {
    if (!have.has(ref.column)) {
      problems.push({
        file: rule.file, line: ref.line, col: ref.col, key: ref.key, severity: 'error',
        message: `column '${ref.column}' is not produced by the query${near(ref.column, names)} (its columns: ${list})`,
      });
    }
  }
  for (const f of [rule.override?.displayName, rule.override?.description]) {
    for (const ref of f?.placeholders ?? []) {
      if (!have.has(ref.column)) {
        problems.push({
          file: rule.file, line: ref.line, col: ref.col, key: ref.key, severity: 'warning',
          message: `{{${ref.column}}} names no column of the query's result; kqlx leaves it in the alert text as written`,
        });
      }
    }
  }
  return { rule, analyzed, schema: plan.schema, tables: scannedTables(plan), reads: scannedTables(plan, { withOptional: true }), problems };
}

/** The query's own KQL problems, placed in the rule file (the SourceText carries the offsets). */
export function diagnosticProblem(rule: Rule, d: LocatedDiagnostic): RuleProblem {
  return {
    file: rule.file,
    line: d.line ?? rule.query.lineOffset + 1,
    col: d.col ?? rule.query.colOffset + 1,
    key: 'query',
    message: `${d.code}: ${d.message}`,
    severity: d.severity,
  };
}

function near(name: string, names: readonly string[]): string {
  const lower = name.toLowerCase();
  const hit = names.find((n) => n.toLowerCase() === lower);
  return hit ? ` (did you mean '${hit}'? names are case-sensitive)` : '';
}
