/**
 * The data problems a run met while loading (malformed rows, changed values), counted so that the run
 * ends with their number, however many files reported them. One command runs per process.
 */

let count = 0;

export function countProblems(n: number): void {
  count += n;
}

export function problemCount(): number {
  return count;
}

/** The count so far, reset to zero. */
export function takeProblemCount(): number {
  const n = count;
  count = 0;
  return n;
}

export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** The line that ends a run which met data problems: how many, and how to make them an error. */
export function problemSummary(n: number): string {
  return `kqlx: ${plural(n, 'data problem')} while loading (listed above): rows skipped or values changed; --strict makes any an error\n`;
}
