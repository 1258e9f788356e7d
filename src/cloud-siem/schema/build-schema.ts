/**
 * Builds `normalized-schema.json`: the Cloud SIEM normalized schema's fields and their kqlx types,
 * `{ "field": "type" }`, keys sorted so the committed file is reproducible.
 *
 * Source: ../shared/corpus/sumo-cse/schema/full_schema.md (relative to the project root), the
 * content catalog's table of every schema field (`|Field|Type|Description|`). Types map as follows:
 * string → string; int and long → long (record JSON carries plain numbers); float and double → real;
 * boolean → bool; arrays, maps and the Bro/Zeek structures → dynamic.
 *
 * Run: npx tsx src/cloud-siem/schema/build-schema.ts; `--check` only compares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_PATH = resolve(here, '../../../../shared/corpus/sumo-cse/schema/full_schema.md');
export const SCHEMA_PATH = resolve(here, 'normalized-schema.json');

const SCALAR: Record<string, string> = { string: 'string', int: 'long', long: 'long', float: 'real', double: 'real', boolean: 'bool' };

export function buildSchema(markdown: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of markdown.split('\n')) {
    const cells = line.split('|');
    const [name, type] = [cells[1]?.trim(), cells[2]?.trim()];
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === 'Field' || type === undefined) continue;
    fields[name] = SCALAR[type] ?? 'dynamic';
  }
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = `${JSON.stringify(buildSchema(readFileSync(SOURCE_PATH, 'utf8')), null, 1)}\n`;
  if (process.argv.includes('--check')) {
    const same = readFileSync(SCHEMA_PATH, 'utf8') === text;
    process.stdout.write(same ? 'normalized-schema.json is current\n' : 'normalized-schema.json differs from the source\n');
    process.exitCode = same ? 0 : 1;
  } else writeFileSync(SCHEMA_PATH, text);
}
