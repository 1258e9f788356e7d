/** The alert threshold: the number of result rows compared with triggerThreshold, for each run on its own. */

/** The comparison of a run's row count with the threshold. */
export type TriggerOperator = 'gt' | 'lt' | 'eq' | 'ne';

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
