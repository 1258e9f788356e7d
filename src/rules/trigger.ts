/** The alert threshold: the number of result rows compared with triggerThreshold, for each run on its own. */
import type { TriggerOperator } from './vocabulary.js';

export function isTriggered(rowCount: number, operator: TriggerOperator, threshold: number): boolean {
  switch (operator) {
    case 'gt':
      return rowCount > threshold;
    case 'lt':
      return rowCount < threshold;
    case 'eq':
      return rowCount === threshold;
    case 'ne':
      return rowCount !== threshold;
  }
}

export const OPERATOR_TEXT: Record<TriggerOperator, string> = { gt: '>', lt: '<', eq: '=', ne: '≠' };
