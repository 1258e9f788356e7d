/** The list of Kusto functions refused by name must not name a function kqlx implements. */
import { describe, expect, it } from 'vitest';
import { aggregates, MULTI_COLUMN_FUNCTIONS, scalarFunctions } from '../../src/functions/index.js';
import { analyzeQuery, makeCatalog } from '../../src/engine.js';
import { REFUSED_FUNCTION_NAMES } from '../../src/semantics/kusto-functions.js';

describe('refused functions', () => {
  const first = (q: string) => analyzeQuery(q, makeCatalog(new Map())).diagnostics[0];
  it('none of them is implemented, in the library or as a binder special form', () => {
    const implemented = [...REFUSED_FUNCTION_NAMES].filter((n) => scalarFunctions.has(n) || aggregates.has(n) || MULTI_COLUMN_FUNCTIONS.has(n));
    expect(implemented).toEqual([]);
    const notRefused = [...REFUSED_FUNCTION_NAMES].filter((n) => first(`print ${n}()`)?.code !== 'KX302');
    expect(notRefused).toEqual([]);
  });
  it('a refused function is named as unsupported, an unknown one as unknown', () => {
    expect(first('print hash_many("a", "b")')).toMatchObject({ code: 'KX302', message: "unsupported function 'hash_many'" });
    expect(first('print no_such_fn(1)')).toMatchObject({ code: 'KX203', message: "unknown function 'no_such_fn'" });
  });
});
