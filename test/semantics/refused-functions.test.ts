/** A Kusto function kqlx does not implement is refused by name; a name Kusto does not have is unknown. */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';

describe('refused functions and plugins', () => {
  const first = (q: string) => analyzeQuery(q, { catalog: makeCatalog(new Map()) }).diagnostics[0];
  it('a documented function kqlx does not implement is named as unsupported, an unknown one as unknown', () => {
    expect(first('print hash_many("a", "b")')).toMatchObject({ code: 'KX302', message: "unsupported function 'hash_many'" });
    expect(first('print geo_distance_2points(1.0, 2.0, 3.0, 4.0)')).toMatchObject({ code: 'KX302' });
    expect(first('print no_such_fn(1)')).toMatchObject({ code: 'KX203', message: "unknown function 'no_such_fn'" });
  });
  it('a function refused for a reason says the reason', () => {
    expect(first('print geo_info_from_ip_address("1.2.3.4")')).toMatchObject({
      code: 'KX302', message: "unsupported function 'geo_info_from_ip_address': kqlx needs a GeoIP database",
    });
  });
  it('plugins likewise: a Kusto plugin is unsupported, another name unknown', () => {
    expect(first('print x = 1 | evaluate autocluster()')).toMatchObject({ code: 'KX304', message: "unsupported operator 'evaluate autocluster'" });
    expect(first('print x = 1 | evaluate no_such_plugin()')).toMatchObject({ code: 'KX215', message: "unknown plugin 'no_such_plugin'" });
  });
});
