/**
 * The names of Kusto's built-in functions, aggregates and plugins (kusto-names.json, taken from the
 * official library and kept current by test/oracle/kusto-names.test.ts), so that one kqlx does not
 * implement is refused by name ("unsupported function 'series_fir'") and only a name Kusto does not
 * have is called unknown.
 */
import names from './kusto-names.json' with { type: 'json' };

const FUNCTIONS: ReadonlySet<string> = new Set([...names.functions, ...names.aggregates]);
const PLUGINS: ReadonlySet<string> = new Set(names.plugins);

/** Whether `name` is a Kusto function or aggregate (implemented by kqlx or not). */
export function isKustoFunction(name: string): boolean {
  return FUNCTIONS.has(name);
}

/** Whether `name` is a Kusto plugin (`evaluate name(...)`). */
export function isKustoPlugin(name: string): boolean {
  return PLUGINS.has(name);
}
