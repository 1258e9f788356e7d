/**
 * A signal's score (severity) from the rule's score or score_mapping ("Write an Aggregation Rule",
 * dynamic severity): a constant; the field's value (`fieldValue`); or the field's value tried against
 * the mappings in order, the first that applies giving the score ("once a match occurs, processing
 * stops"), the default otherwise. `equal` compares the value's text, and numbers numerically ("equal to
 * 4" matches "4" and "4.0"); `range` is inclusive at both ends. Scores are clamped to 0..10.
 */
import type { Value } from '../types/value.js';
import { numberOf, textOf } from '../languages/cse/functions.js';
import type { Score } from './rule.js';

export function scoreOf(score: Score, fieldValue: (field: string) => Value): number {
  switch (score.kind) {
    case 'constant':
      return clamp(score.score);
    case 'fieldValue': {
      const n = numberOf(fieldValue(score.field));
      return clamp(n ?? score.default);
    }
    case 'fieldValueMapping': {
      const v = fieldValue(score.field);
      const text = textOf(v);
      const n = numberOf(v);
      for (const c of score.cases) {
        if (c.kind === 'equal') {
          const wanted = Number(c.value);
          if (text === c.value || (n !== null && c.value.trim() !== '' && Number.isFinite(wanted) && n === wanted)) return clamp(c.score);
        } else if (n !== null && n >= c.low && n <= c.high) return clamp(c.score);
      }
      return clamp(score.default);
    }
  }
}

function clamp(n: number): number {
  return Math.min(10, Math.max(0, n));
}
