/** The built-in Cortex dataset schemas: the generator's fields are all there, with the types XQL uses. */
import { describe, expect, it } from 'vitest';
import { cortexDatasetNames, cortexSchema } from '../../src/cortex/datasets.js';
import { SHARED } from '../helpers/paths.js';

const TYPES: Record<string, string> = { datetime: 'datetime', string: 'string', int: 'long', long: 'long', bool: 'bool', array: 'dynamic' };

describe('Cortex datasets', () => {
  it('has the four datasets the issue names, each with _time a timestamp', () => {
    expect(cortexDatasetNames().sort()).toEqual(['panw_ngfw_threat_raw', 'panw_ngfw_traffic_raw', 'panw_ngfw_url_raw', 'xdr_data']);
    for (const name of cortexDatasetNames()) expect(cortexSchema(name)!.find((c) => c.name === '_time')).toEqual({ name: '_time', type: 'datetime' });
  });

  it.each(['panw_ngfw_threat_raw', 'xdr_data'])('%s has every field of the shared generator, with its type', async (table) => {
    const gen = (await import(`${SHARED}/bench/gen-xql.mjs`)) as { schemaOf(t: string): { name: string; type: string }[] };
    const schema = new Map(cortexSchema(table)!.map((c) => [c.name, c.type]));
    for (const { name, type } of gen.schemaOf(table)) expect([name, schema.get(name)]).toEqual([name, TYPES[type]]);
  });

  it('an unknown dataset has no built-in schema; a lookup returns a fresh array', () => {
    expect(cortexSchema('my_custom_raw')).toBeUndefined();
    cortexSchema('xdr_data')!.pop();
    expect(cortexSchema('xdr_data')!.some((c) => c.name === 'action_file_path')).toBe(true);
  });
});
