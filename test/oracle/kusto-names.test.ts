/**
 * The names of Kusto's built-in functions, aggregates and plugins, as the official library knows
 * them, kept in src/languages/kql/kusto-names.json: a documented name kqlx does not implement is refused
 * by name (KX302, KX304), any other name is unknown (KX203). This test keeps the file current.
 * To rewrite it: KQLX_UPDATE_BASELINE=1 npx vitest run test/oracle/kusto-names.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { kustoLanguage } from './kusto-language.js';

const FILE = join(ROOT, 'src/languages/kql/kusto-names.json');

/** The Bridge.NET build exposes these lists as plain arrays of symbols. */
type Symbols = readonly { Name: string }[];

const names = (list: Symbols) => [...new Set(list.map((s) => s.Name))].sort();

it('src/languages/kql/kusto-names.json lists the official library\'s functions, aggregates and plugins', () => {
  const globals = (kustoLanguage().GlobalState.Default as unknown) as Record<'Functions' | 'Aggregates' | 'PlugIns', Symbols>;
  const current = { functions: names(globals.Functions), aggregates: names(globals.Aggregates), plugins: names(globals.PlugIns) };
  const text = `${JSON.stringify(current, null, 1)}\n`;
  if (process.env.KQLX_UPDATE_BASELINE === '1') writeFileSync(FILE, text);
  expect(readFileSync(FILE, 'utf8')).toBe(text);
});
