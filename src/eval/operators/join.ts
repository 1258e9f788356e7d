/**
 * join and lookup: a hash join on the right side's keys. Null keys never match. innerunique keeps the
 * first left row of each key (Kusto keeps an arbitrary one; the first makes runs reproducible).
 */
import { RowBudget } from '../limits.js';
import type { JoinNode } from '../../plan/nodes.js';
import { type Column, columnFromValues, ConstColumn, gather } from '../../table/column.js';
import { Table } from '../../table/table.js';
import type { Value } from '../../types/value.js';
import { dynamicToJson } from '../../types/json-text.js';
import type { RunState } from '../state.js';

function keyOf(t: Table, cols: readonly number[], row: number): unknown {
  if (cols.length === 1) {
    const v = t.columns[cols[0]!]!.get(row);
    return typeof v === 'object' && v !== null ? dynamicToJson(v) : v;
  }
  const parts: string[] = [];
  for (const c of cols) {
    const v = t.columns[c]!.get(row);
    if (v === null) return null;
    parts.push(typeof v === 'object' ? dynamicToJson(v) : `${typeof v}:${String(v)}`);
  }
  return parts.join('\u0001');
}

const NONE = 0xffffffff;

export function runJoin(node: JoinNode, left: Table, right: Table, state: RunState): Table {
  const kind = node.joinKind;
  const budget = new RowBudget(state.limits, `join (kind=${kind})`, node.schema.length, node.span);
  const index = new Map<unknown, number[]>();
  for (let r = 0; r < right.rowCount; r++) {
    const k = keyOf(right, node.rightKeys, r);
    if (k === null) continue;
    let rows = index.get(k);
    if (!rows) index.set(k, (rows = []));
    rows.push(r);
  }
  const leftRows: number[] = [];
  const rightRows: number[] = [];
  const rightMatched = new Uint8Array(right.rowCount);
  const seenLeftKeys = new Set<unknown>();

  for (let l = 0; l < left.rowCount; l++) {
    const k = keyOf(left, node.leftKeys, l);
    if (kind === 'innerunique') {
      if (k === null || seenLeftKeys.has(k)) continue;
      seenLeftKeys.add(k);
    }
    const matches = k === null ? undefined : index.get(k);
    switch (kind) {
      case 'leftsemi':
        if (matches) leftRows.push(l);
        break;
      case 'leftanti':
        if (!matches) leftRows.push(l);
        break;
      case 'rightsemi':
      case 'rightanti':
        if (matches) for (const r of matches) rightMatched[r] = 1;
        break;
      default:
        if (matches) {
          budget.check(leftRows.length + matches.length);
          for (const r of matches) {
            leftRows.push(l);
            rightRows.push(r);
            rightMatched[r] = 1;
          }
        } else if (kind === 'leftouter' || kind === 'fullouter') {
          leftRows.push(l);
          rightRows.push(NONE);
        }
    }
  }
  if (kind === 'rightsemi' || kind === 'rightanti') {
    for (let r = 0; r < right.rowCount; r++) if ((rightMatched[r] === 1) === (kind === 'rightsemi')) rightRows.push(r);
  }
  if (kind === 'rightouter' || kind === 'fullouter') {
    for (let r = 0; r < right.rowCount; r++) {
      if (!rightMatched[r]) {
        leftRows.push(NONE);
        rightRows.push(r);
      }
    }
  }
  const n = kind === 'rightsemi' || kind === 'rightanti' ? rightRows.length : leftRows.length;
  const pick = (t: Table, rows: number[]) => {
    const idx = Uint32Array.from(rows);
    const hasNone = rows.includes(NONE);
    const composed = new Map<Uint32Array, Uint32Array>();
    return (c: number): Column => {
      const col = t.columns[c]!;
      if (!hasNone) return gather(col, idx, composed);
      // Unmatched sides of outer joins are null (KQL's strings: empty).
      const values: Value[] = rows.map((r) => (r === NONE ? null : col.get(r)));
      return columnFromValues(col.type, values, state.stringNulls);
    };
  };
  const fromLeft = pick(left, leftRows);
  const fromRight = pick(right, rightRows);
  const columns = node.outputs.map((o) => (o.side === 'left' ? fromLeft(o.index) : fromRight(o.index)));
  if (columns.length === 0) return new Table(node.schema, [], n);
  return new Table(node.schema, columns.map((c) => (c.length === n ? c : new ConstColumn(c.type, null, n))), n);
}
