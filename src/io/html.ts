/**
 * A result as one self-contained HTML file: the table, and the chart `render` asked for drawn as inline
 * SVG (no script, no external resource). Every piece of user data is escaped, so a cell cannot inject
 * HTML or script.
 */
import type { Table } from '../table/table.js';
import { cellText } from './format.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);
const W = 720;
const H = 320;
const PAD = 40;
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

function tableHtml(t: Table): string {
  const head = t.schema.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  const rows: string[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    rows.push(`<tr>${t.columns.map((col, i) => `<td>${escapeHtml(cellText(col.get(r), t.schema[i]!.type))}</td>`).join('')}</tr>`);
  }
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const asNumber = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null);

/** Lines (or points) of every numeric column over the first column: timechart, linechart, areachart, scatterchart. */
function lineChart(t: Table, points: boolean): string {
  const x = 0;
  const ys = t.schema.map((c, i) => (i !== x && NUMERIC.has(c.type) ? i : -1)).filter((i) => i >= 0);
  const xs = Array.from({ length: t.rowCount }, (_v, r) => asNumber(t.columns[x]!.get(r)) ?? r);
  const order = xs.map((_v, r) => r).sort((a, b) => xs[a]! - xs[b]!);
  const values = ys.flatMap((i) => order.map((r) => asNumber(t.columns[i]!.get(r)))).filter((v): v is number => v !== null);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...values), Math.max(1, ...values)];
  const sx = (v: number) => PAD + ((v - x0) / (x1 - x0 || 1)) * (W - 2 * PAD);
  const sy = (v: number) => H - PAD - ((v - y0) / (y1 - y0 || 1)) * (H - 2 * PAD);
  const series = ys.map((i, k) => {
    const pts = order.map((r) => [xs[r]!, asNumber(t.columns[i]!.get(r))] as const).filter(([, v]) => v !== null)
      .map(([a, v]) => `${sx(a).toFixed(1)},${sy(v!).toFixed(1)}`);
    const colour = COLOURS[k % COLOURS.length];
    return points
      ? pts.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${colour}"/>`).join('')
      : `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.join(' ')}"/>`;
  });
  const legend = ys.map((i, k) => `<text x="${PAD + k * 140}" y="16" fill="${COLOURS[k % COLOURS.length]}">${escapeHtml(t.schema[i]!.name)}</text>`);
  const labels = `<text x="${PAD}" y="${H - 8}">${escapeHtml(cellText(t.columns[x]!.get(order[0] ?? 0), t.schema[x]!.type))}</text>`
    + `<text x="${W - PAD}" y="${H - 8}" text-anchor="end">${escapeHtml(cellText(t.columns[x]!.get(order[order.length - 1] ?? 0), t.schema[x]!.type))}</text>`
    + `<text x="4" y="${PAD}">${y1}</text><text x="4" y="${H - PAD}">${y0}</text>`;
  return axes() + series.join('') + legend.join('') + labels;
}

/** Bars of the first numeric column, one per row, labelled by the first other column: columnchart, barchart. */
function barChart(t: Table): string {
  const y = t.schema.findIndex((c) => NUMERIC.has(c.type));
  const label = t.schema.findIndex((_c, i) => i !== y);
  const values = Array.from({ length: t.rowCount }, (_v, r) => asNumber(t.columns[y]!.get(r)) ?? 0);
  const top = Math.max(1, ...values);
  const width = (W - 2 * PAD) / Math.max(1, values.length);
  const bars = values.map((v, r) => {
    const h = (v / top) * (H - 2 * PAD);
    const name = label >= 0 ? cellText(t.columns[label]!.get(r), t.schema[label]!.type) : `${r}`;
    return `<rect x="${(PAD + r * width + 2).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${Math.max(1, width - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[0]}"><title>${escapeHtml(`${name}: ${v}`)}</title></rect>`;
  });
  return axes() + bars.join('') + `<text x="4" y="${PAD}">${top}</text>`;
}

const axes = () => `<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#888"/><line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${H - PAD}" stroke="#888"/>`;

const CHARTS: Partial<Record<string, (t: Table) => string>> = {
  timechart: (t) => lineChart(t, false),
  linechart: (t) => lineChart(t, false),
  areachart: (t) => lineChart(t, false),
  scatterchart: (t) => lineChart(t, true),
  columnchart: barChart,
  barchart: barChart,
};

/** The chart kinds -o html draws; others are named as not drawn. */
export const DRAWN_CHARTS = Object.keys(CHARTS);

export function toHtml(t: Table, title: string, visualization?: string): string {
  let chart = '';
  if (visualization !== undefined) {
    const draw = CHARTS[visualization];
    const hasNumbers = t.schema.some((c) => NUMERIC.has(c.type));
    chart = draw && hasNumbers && t.rowCount > 0
      ? `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(visualization)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">${draw(t)}</svg><figcaption>render ${escapeHtml(visualization)}</figcaption></figure>`
      : `<p class="note">render ${escapeHtml(visualization)}: ${draw ? 'no numeric column or no rows to draw' : `not drawn (kqlx draws ${DRAWN_CHARTS.join(', ')})`}</p>`;
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;font-size:13px}th{background:#f3f3f3}.note{color:#a60}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
${chart}
<p>${t.rowCount} row${t.rowCount === 1 ? '' : 's'}</p>
${tableHtml(t)}
</body></html>
`;
}
