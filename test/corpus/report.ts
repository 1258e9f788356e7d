/** Small text-report helpers for the corpus tests: counting, ranking and fixed-width tables. */

export interface Ranked {
  readonly key: string;
  readonly count: number;
  readonly examples: string[];
}

/** Groups items by key, most frequent first (ties by key), keeping a few example ids per key. */
export function rank<T>(items: readonly T[], key: (item: T) => string, id: (item: T) => string, examples = 3): Ranked[] {
  const groups = new Map<string, { count: number; examples: string[] }>();
  for (const item of items) {
    const k = key(item);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { count: 0, examples: [] }));
    g.count++;
    if (g.examples.length < examples) g.examples.push(id(item));
  }
  return [...groups.entries()]
    .map(([k, g]) => ({ key: k, count: g.count, examples: g.examples }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** A plain fixed-width table. */
export function textTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function pct(n: number, total: number): string {
  return total === 0 ? '0.0%' : `${((100 * n) / total).toFixed(1)}%`;
}

/** Cuts long messages for one-line display. */
export function clip(s: string, max = 110): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
