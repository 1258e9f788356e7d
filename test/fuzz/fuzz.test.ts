/**
 * Issue 15, item 19: the fuzz suite on every run of the tests, with a fixed seed and a small budget
 * (`npm run fuzz -- --count 20000` runs it long). A finding prints what reproduces it.
 */
import { describe, expect, it } from 'vitest';
import { reportText, runFuzz } from './harness.js';

const SEED = 20241207;
const COUNT = 120;

describe('fuzzing: mutated corpus queries and damaged data files', () => {
  it(`${COUNT} cases of seed ${SEED}: no internal error, crash, hang or silently lost row`, async () => {
    const report = await runFuzz({ seed: SEED, count: COUNT, timeoutSeconds: 60 });
    expect(report.cases).toBe(COUNT);
    expect(report.queries).toBeGreaterThan(0);
    expect(report.files).toBeGreaterThan(0);
    expect(report.findings, reportText(report, SEED)).toEqual([]);
  });
});
