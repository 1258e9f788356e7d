/**
 * Result schemas against Microsoft's official binder: for every corpus rule that runs in kqlx, the
 * columns (names and types, in order) of kqlx's plan must be those the official binder gives for
 * the same query over the same tables (the pack schemas of the tables the rule reads).
 *
 * schema-differences.json records today's differences (rule id → ours vs official); the test fails
 * only on a difference not recorded there, so it guards against regressions while the list shrinks.
 * Rules the official binder reports errors on are skipped (and listed).
 * To rewrite the file: KQLX_UPDATE_BASELINE=1 npx vitest run test/corpus/oracle-schema.test.ts
 *
 * The two seed rules must match the official schema exactly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRuleQuery } from '../../src/rules/query-source.js';
import { sentinelSchema } from '../../src/sentinel/schemas/index.js';
import { SEED_RULES } from '../helpers/paths.js';
import { officialAnalyze, type OracleAnalyzeResult, type OracleColumn } from '../oracle/kusto-language.js';
import { classifyRule, loadCorpus, schemaOf } from './classify.js';
import { discoverTables } from './generate-data.js';
import { clip, rank, textTable } from './report.js';

const DIFFERENCES_FILE = join(dirname(fileURLToPath(import.meta.url)), 'schema-differences.json');
const UPDATE = process.env.KQLX_UPDATE_BASELINE === '1';

interface Difference {
  readonly ours: string;
  readonly official: string;
}

interface Compared {
  readonly id: string;
  readonly ours: OracleColumn[];
  readonly official: OracleColumn[];
}

const show = (cols: readonly OracleColumn[]) => cols.map((c) => `${c.name}:${c.type}`).join(', ');

function official(query: string, tables: readonly string[]): OracleAnalyzeResult {
  const schemas: Record<string, OracleColumn[]> = {};
  for (const t of tables) schemas[t] = (sentinelSchema(t) ?? []).map((c) => ({ name: c.name, type: c.type }));
  return officialAnalyze(query, schemas);
}

/**
 * The kinds of difference between two schemas, as short pattern keys that group across rules:
 * type changes of a same-named column, columns only one side has, and order.
 */
export function differencePatterns(ours: readonly OracleColumn[], off: readonly OracleColumn[]): string[] {
  const patterns = new Set<string>();
  const oursByName = new Map(ours.map((c) => [c.name, c]));
  const offByName = new Map(off.map((c) => [c.name, c]));
  for (const c of ours) {
    const o = offByName.get(c.name);
    if (o && o.type !== c.type) patterns.add(`type of a column: kqlx ${c.type} vs official ${o.type}`);
  }
  const onlyOurs = ours.filter((c) => !offByName.has(c.name));
  const onlyOff = off.filter((c) => !oursByName.has(c.name));
  const shape = (c: OracleColumn, other: Map<string, OracleColumn>) => {
    const base = /^(.*?)(\d+)$/.exec(c.name)?.[1];
    if (base && other.has(base)) return `a duplicate named <name>N (as ${c.name}:${c.type})`;
    const typed = /^(.*)_(bool|int|long|real|decimal|string|datetime|timespan|guid|dynamic)$/.exec(c.name);
    if (typed) return `a union column <name>_<type> (as ${c.name})`;
    return `column ${c.name}:${c.type}`;
  };
  for (const c of onlyOff) patterns.add(`only official has ${shape(c, oursByName)}`);
  for (const c of onlyOurs) patterns.add(`only kqlx has ${shape(c, offByName)}`);
  if (!patterns.size) {
    // Same columns, other order: say which columns moved.
    const names = (cols: readonly OracleColumn[], without: string) => cols.filter((c) => c.name !== without).map((c) => c.name).join(',');
    const single = ours.find((c) => names(ours, c.name) === names(off, c.name));
    const moved = ours.filter((c, i) => off[i]?.name !== c.name).map((c) => c.name);
    const at = (cols: readonly OracleColumn[], name: string) => cols.findIndex((c) => c.name === name);
    const typedSuffix = /^(.*)_(bool|int|long|real|decimal|string|datetime|timespan|guid|dynamic)$/;
    const unionPair = (name: string) => {
      const m = typedSuffix.exec(name);
      return m !== null && ours.some((c) => c.name !== name && c.name.startsWith(`${m[1]}_`) && typedSuffix.exec(c.name)?.[1] === m[1]);
    };
    if (moved.some(unionPair)) {
      patterns.add('column order: union of differently-typed same-name columns (official puts <name>_<type2> right after <name>_<type1>)');
    } else if (single && at(ours, single.name) > at(off, single.name)) {
      patterns.add('column order: one column further right in kqlx, kept in place by the official binder (an output named like an input column)');
    } else if (single) {
      patterns.add('column order: one column further right in the official result than in kqlx');
    } else patterns.add('column order differs');
  } else if (onlyOurs.length === 0 && onlyOff.length === 0 && ours.some((c, i) => off[i]?.name !== c.name)) {
    patterns.add('column order differs');
  }
  return [...patterns];
}

/** Where two schemas first part, with a few columns of context on each side. */
export function firstDifference(ours: readonly OracleColumn[], off: readonly OracleColumn[]): string {
  let i = 0;
  while (i < ours.length && i < off.length && ours[i]!.name === off[i]!.name && ours[i]!.type === off[i]!.type) i++;
  const window = (cols: readonly OracleColumn[]) => `${i > 2 ? '… ' : ''}${show(cols.slice(Math.max(0, i - 2), i + 4))}${i + 4 < cols.length ? ' …' : ''}`;
  return `  first difference at column ${i + 1} (kqlx ${ours.length} columns, official ${off.length}):\n  kqlx:     ${window(ours)}\n  official: ${window(off)}`;
}

function readDifferences(): Record<string, Difference> | undefined {
  try {
    return JSON.parse(readFileSync(DIFFERENCES_FILE, 'utf8')) as Record<string, Difference>;
  } catch {
    return undefined;
  }
}

const compared: Compared[] = [];
const skipped: { id: string; error: string }[] = [];
const scalarResults: string[] = [];
let ranCount = 0;

describe('result schemas vs the official binder (corpus rules that run)', () => {
  beforeAll(() => {
    for (const rule of loadCorpus()) {
      const r = classifyRule(rule);
      if (r.outcome !== 'ran') continue;
      ranCount++;
      const o = official(rule.query, r.tables);
      if (o.errors.length) {
        const e = o.errors[0]!;
        skipped.push({ id: rule.id, error: `${e.code} ${e.message}` });
        continue;
      }
      if (!o.resultColumns) {
        scalarResults.push(rule.id);
        continue;
      }
      compared.push({ id: rule.id, ours: r.schema ?? [], official: o.resultColumns });
    }
  });

  it('agrees with the official result schema, except for the recorded differences', () => {
    const differing = compared.filter((c) => show(c.ours) !== show(c.official));
    const out: string[] = [];
    out.push(`\n=== result schemas: ${ranCount} rules run in kqlx; ${compared.length} compared, ${compared.length - differing.length} agree, ${differing.length} differ; ` +
      `${skipped.length} skipped (official binder errors), ${scalarResults.length} with a non-tabular official result ===`);

    const byPattern = rank(differing.flatMap((c) => differencePatterns(c.ours, c.official).map((p) => ({ p, id: c.id }))), (x) => x.p, (x) => x.id, 20);
    if (byPattern.length) {
      out.push('\n--- differences by pattern (a rule may show several) ---');
      out.push(textTable(['rules', 'pattern', 'rule ids'], byPattern.map((g) => [g.count, g.key, g.examples.join(' ')])));
    }
    if (skipped.length) {
      out.push('\n--- skipped: the official binder reports errors on these rules kqlx runs ---');
      out.push(textTable(['rule', 'first official error'], skipped.map((s) => [s.id, clip(s.error, 120)])));
    }
    if (scalarResults.length) out.push(`\nnon-tabular official result: ${scalarResults.join(' ')}`);

    const current: Record<string, Difference> = {};
    for (const c of differing) current[c.id] = { ours: show(c.ours), official: show(c.official) };
    const recorded = readDifferences();
    if (!recorded || UPDATE) {
      writeFileSync(DIFFERENCES_FILE, `${JSON.stringify(current, null, 1)}\n`);
      out.push(`\nwrote ${DIFFERENCES_FILE}: ${differing.length} differences`);
      console.log(out.join('\n'));
      return;
    }
    const newOnes = differing.filter((c) => {
      const r = recorded[c.id];
      return !r || r.ours !== show(c.ours) || r.official !== show(c.official);
    });
    const fixed = Object.keys(recorded).filter((id) => !current[id]);
    if (fixed.length) {
      out.push(`\nNOTE: recorded differences that are gone (now agree, or the rule no longer runs / is skipped): ${fixed.join(' ')}. ` +
        'Update the file: KQLX_UPDATE_BASELINE=1 npx vitest run test/corpus/oracle-schema.test.ts');
    }
    for (const c of newOnes) {
      out.push(`\nNEW difference ${c.id}: ${differencePatterns(c.ours, c.official).join('; ')}\n${firstDifference(c.ours, c.official)}`);
    }
    console.log(out.join('\n'));
    expect(newOnes.map((c) => c.id), 'rules whose result schema newly differs from the official binder').toEqual([]);
  });

  it.each(Object.entries(SEED_RULES))('seed rule %s has exactly the official result schema', (_key, path) => {
    const rule = readRuleQuery(readFileSync(path, 'utf8'), path);
    expect(rule.error).toBeUndefined();
    const query = rule.query!.text;
    const discovery = discoverTables(query);
    expect(discovery.analyzed.diagnostics).toEqual([]);
    const o = official(query, discovery.tables);
    expect(o.errors).toEqual([]);
    expect(show(schemaOf(discovery.analyzed.plan)!)).toBe(show(o.resultColumns!));
  });
});
