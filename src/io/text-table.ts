/**
 * Result tables for people: boxed, fitted to the terminal's width, numbers right-aligned, null shown
 * as `null` (dimmed in colour) where an empty string shows as nothing. When even narrowed columns
 * cannot fit, the vertical record view (one block per row, `-o vertical`) is used instead.
 */
import type { Table } from '../table/table.js';
import type { ScalarType } from '../types/scalar-type.js';
import { cellText, jsonValue } from './format.js';

export interface TextTableOptions {
  /** The terminal's width in characters; no limit when absent (piped output). */
  width?: number;
  /** ANSI colours: bold headers, dim borders and nulls. */
  color?: boolean;
  /** Rows shown before the rest are only counted (default 200). */
  maxRows?: number;
  /** The widest a column grows to before its cells are cut with an ellipsis (default 48). */
  maxCellWidth?: number;
}

/** The narrowest a column is cut to when fitting the width; below that the vertical view reads better. */
const MIN_COLUMN = 6;
const NUMERIC = new Set<ScalarType>(['int', 'long', 'real', 'decimal']);
const NULL_TEXT = 'null';

const ansi = (color: boolean | undefined, code: string) => (s: string) => (color && s ? `\x1b[${code}m${s}\x1b[0m` : s);

interface Cell {
  text: string;
  isNull: boolean;
}

function cell(v: unknown, type: ScalarType): Cell {
  const j = jsonValue(v as never, type);
  if (j === null) return { text: NULL_TEXT, isNull: true };
  // One line per row: line breaks and tabs inside a value are shown escaped.
  return { text: cellText(v as never, type).replace(/\r?\n/g, '\\n').replace(/\t/g, '\\t'), isNull: false };
}

function clip(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, Math.max(0, width - 1))}…` : s;
}

function footer(t: Table, shown: number): string {
  return `${t.rowCount} row${t.rowCount === 1 ? '' : 's'}${shown < t.rowCount ? ` (first ${shown} shown; use -o csv or -o json for all)` : ''}`;
}

/** Column widths that fit `width`, cutting the widest first; undefined when they cannot. */
function fitWidths(natural: number[], width: number | undefined): number[] | undefined {
  const widths = natural.slice();
  if (width === undefined) return widths;
  const total = () => widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1;
  while (total() > width) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i]! > widths[widest]!) widest = i;
    if (widths[widest]! <= MIN_COLUMN) return undefined;
    widths[widest] = Math.max(MIN_COLUMN, widths[widest]! - (total() - width));
  }
  return widths;
}

/** A boxed table for terminals; the vertical view when it cannot fit `width`. */
export function toTextTable(t: Table, options: TextTableOptions = {}): string {
  const maxCell = options.maxCellWidth ?? 48;
  const shown = Math.min(t.rowCount, options.maxRows ?? 200);
  const rows: Cell[][] = [];
  for (let r = 0; r < shown; r++) rows.push(t.columns.map((c, i) => cell(c.get(r), t.schema[i]!.type)));
  const natural = t.schema.map((c, i) => Math.min(maxCell, Math.max(c.name.length, ...rows.map((row) => row[i]!.text.length))));
  const widths = fitWidths(natural, options.width);
  if (!widths) return toVerticalText(t, options);
  const dim = ansi(options.color, '2');
  const bold = ansi(options.color, '1');
  const right = t.schema.map((c) => NUMERIC.has(c.type));
  const pad = (s: string, i: number) => (right[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!));
  const line = (l: string, m: string, r: string) => dim(`${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`);
  const bar = dim('│');
  const out = [line('┌', '┬', '┐'), `${bar} ${t.schema.map((c, i) => bold(pad(clip(c.name, widths[i]!), i))).join(` ${bar} `)} ${bar}`, line('├', '┼', '┤')];
  for (const row of rows) {
    const cells = row.map((c, i) => {
      const text = pad(clip(c.text, widths[i]!), i);
      return c.isNull ? dim(text) : text;
    });
    out.push(`${bar} ${cells.join(` ${bar} `)} ${bar}`);
  }
  out.push(line('└', '┴', '┘'));
  return `${out.join('\n')}\n${footer(t, shown)}\n`;
}

/** One block per row, `Column : value`, values cut to the width; for tables too wide to read across. */
export function toVerticalText(t: Table, options: TextTableOptions = {}): string {
  const shown = Math.min(t.rowCount, options.maxRows ?? 200);
  const dim = ansi(options.color, '2');
  const bold = ansi(options.color, '1');
  const nameWidth = Math.max(0, ...t.schema.map((c) => c.name.length));
  const valueWidth = options.width === undefined ? Infinity : Math.max(MIN_COLUMN, options.width - nameWidth - 3);
  const out: string[] = [];
  for (let r = 0; r < shown; r++) {
    out.push(dim(`─[ row ${r + 1} ]${'─'.repeat(Math.max(0, Math.min(options.width ?? 40, 40) - 12 - String(r + 1).length))}`));
    t.schema.forEach((c, i) => {
      const v = cell(t.columns[i]!.get(r), c.type);
      const text = clip(v.text, valueWidth);
      out.push(`${bold(c.name.padEnd(nameWidth))} ${dim('│')} ${v.isNull ? dim(text) : text}`);
    });
  }
  return `${out.join('\n')}${out.length ? '\n' : ''}${footer(t, shown)}\n`;
}
