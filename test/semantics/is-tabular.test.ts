/** One test decides whether an expression is a table: `let` values, `in (...)` items, toscalar()'s argument. */
import { describe, expect, it } from 'vitest';
import { rows, table } from '../helpers/run.js';

const T = table('x:long, y:string', [[1, 'a'], [2, 'b'], [3, 'c']]);
const U = table('x:long', [[2], [3]]);

describe('tables and scalars, decided one way', () => {
  it('an in (...) item that calls a user function whose body is a table is that table', () => {
    expect(rows('let f = () { U | where x > 2 }; T | where x in (f()) | project y', { T, U })).toEqual([['c']]);
  });
  it('a name that is a column of the row is a scalar even when a table has that name', () => {
    expect(rows('T | extend U = 2 | where x in (U) | project y', { T, U })).toEqual([['b']]);
  });
  it("toscalar() of a tabular let is that table's first value", () => {
    expect(rows('let V = U | order by x desc; print v = toscalar(V)', { U })).toEqual([[3]]);
  });
});
