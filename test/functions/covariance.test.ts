/** covariance(), covarianceif(), covariancep(), covariancepif(): the docs pages' examples and rules. */
import { describe, expect, it } from 'vitest';
import { callAggregate } from '../helpers/functions.js';
import { errors, rows, schemaOf, table } from '../helpers/run.js';

const PAIRS = 'datatable(x:real, y:real) [1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0]';
const THIRDS = 'range x from 1 to 100 step 1 | extend y = iff(x % 2 == 0, x * 2, x * 3)';

describe('covariance, covariancep (docs)', () => {
  it('sample covariance divides by n − 1: 20.5 for the page example', () => {
    const q = `${PAIRS} | summarize covariance(x, y)`;
    expect(schemaOf(q)).toEqual(['covariance_x_y:real']);
    expect(rows(q)).toEqual([[20.5]]);
  });
  it('population covariance divides by n: 16.4', () => {
    const q = `${PAIRS} | summarize covariancep(x, y)`;
    expect(schemaOf(q)).toEqual(['covariancep_x_y:real']);
    expect(rows(q)).toEqual([[16.4]]);
  });
  it('is symmetric, and of a variable with itself is its variance', () => {
    const [[yx, xx, vx, yy, vy]] = rows(`${PAIRS} | summarize covariance(y, x), covariance(x, x), variance(x), covariancep(y, y), variancep(y)`) as number[][];
    expect([yx, xx, vx]).toEqual([20.5, 2.5, 2.5]);
    expect(yy).toBeCloseTo(204.16, 10);
    expect(vy).toBeCloseTo(204.16, 10);
  });
  it('leaves out rows where either value is null; null with no pairs, 0 (sample) for one pair', () => {
    const T = table('a:long, b:long', [[1, 2], [null, 5], [3, null], [5, 10]]);
    expect(rows('T | summarize covariance(a, b), covariancep(a, b)', { T })).toEqual([[16, 8]]);
    expect(callAggregate('covariance', ['long', 'long'], []).value).toBeNull();
    expect(callAggregate('covariancep', ['long', 'long'], [[null, 1]]).value).toBeNull();
    expect(callAggregate('covariance', ['long', 'long'], [[4, 1]]).value).toBe(0);
    expect(callAggregate('covariancep', ['long', 'long'], [[4, 1]]).value).toBe(0);
  });
  it('takes datetimes and timespans as their ticks, precisely', () => {
    const T = table('t:datetime, d:timespan', [
      [17_000_000_000_000_000n, 10n], [17_000_000_000_000_002n, 20n], [17_000_000_000_000_004n, 30n],
    ]);
    expect(rows('T | summarize covariance(t, d), covariancep(d, d)', { T })).toEqual([[20, 200 / 3]]);
  });
  it('names an argument that is not a column as empty (docs/semantics.md)', () => {
    expect(schemaOf(`${PAIRS} | summarize covariance(x * 2, y), covariancep(x, y + 1)`)).toEqual(['covariance__y:real', 'covariancep_x_:real']);
  });
  it('refuses values that are not numbers, timespans or datetimes', () => {
    const T = table('a:long, s:string', []);
    expect(errors('T | summarize covariance(a, s)', { T })[0]?.message).toMatch(/covariance\(\): argument 2 must be a number/);
  });
});

describe('covarianceif, covariancepif (docs)', () => {
  it('over the rows where x is divisible by 3: 2142 (sample) and 2077.09… (population)', () => {
    const q = `${THIRDS} | summarize covarianceif(x, y, x % 3 == 0), covariancepif(x, y, x % 3 == 0)`;
    expect(schemaOf(q)).toEqual(['covarianceif_x_y:real', 'covariancepif_x_y:real']);
    const [[sample, population]] = rows(q) as number[][];
    expect(sample).toBeCloseTo(2142, 9);
    expect(population).toBeCloseTo(2077.09090909091, 9);
  });
  it('equal the plain forms over the filtered rows', () => {
    expect(rows(`${THIRDS} | where x % 3 == 0 | summarize covariance(x, y), covariancep(x, y)`)).toEqual(
      rows(`${THIRDS} | summarize covarianceif(x, y, x % 3 == 0), covariancepif(x, y, x % 3 == 0)`),
    );
  });
  it('the predicate must be bool', () => {
    const T = table('a:long, b:long', []);
    expect(errors('T | summarize covarianceif(a, b, a)', { T })[0]?.message).toMatch(/predicate/);
  });
});
