/** Two columns of lines, expected on the left and actual on the right; lines that differ are marked. */

const MAX_LEFT = 60;

function clip(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

export function sideBySide(expected: readonly string[], actual: readonly string[], indent = '      '): string {
  const width = Math.min(MAX_LEFT, Math.max(8, ...expected.map((l) => l.length)));
  const lines = [`${indent}  ${'expected'.padEnd(width)} │ actual`];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i] ?? '';
    const a = actual[i] ?? '';
    const mark = e === a ? ' ' : '≠';
    lines.push(`${indent}${mark} ${clip(e, width).padEnd(width)} │ ${a}`);
  }
  return lines.join('\n');
}
