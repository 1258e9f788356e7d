/**
 * scan, following its page's matching logic. Each step holds at most one sequence: a match id and,
 * for itself and every step before it, the record (input and declared columns) that matched there.
 * Each input record is checked against the steps from last to first:
 *
 * - Check 1: the previous step holds a sequence and the record meets the step's condition over that
 *   state. The sequence moves up to this step (dropping the one this step held) and the extended
 *   record becomes this step's record in it.
 * - Check 2 (only when check 1 did not match): this step holds a sequence, or is the first step, and
 *   the record meets the condition over this step's state. The extended record replaces this step's
 *   record in the sequence; on the first step with no sequence a new one begins, with the next match id.
 *
 * A match is output as the step's `output` says: every match (all), none, or only the last of the
 * matches a sequence makes at the step before it leaves (last).
 */
import type { PlanExpr, ScanStepsNode } from '../../plan/nodes.js';
import { type Column, columnFromValues } from '../../table/column.js';
import { Table } from '../../table/table.js';
import type { ScalarType } from '../../types/scalar-type.js';
import type { Value } from '../../types/value.js';
import { compileExpr, type PlanRunner, type RowFn } from '../compile.js';
import type { RunState } from '../state.js';

/** The match a step holds: its id, and per step up to the holder, the record that matched there. */
interface Sequence {
  readonly matchId: number;
  readonly records: (Value[] | undefined)[];
}

/** An output row, with the input record it came from (rows held by output=last are placed by it). */
interface Emitted {
  readonly record: number;
  readonly values: Value[];
}

/** A column of the scan row that reads a slot the evaluator fills: a declared value or a state value. */
class SlotColumn implements Column {
  constructor(
    readonly type: ScalarType,
    private readonly slots: Value[],
    private readonly slot: number,
    readonly length: number,
  ) {}
  get(): Value {
    return this.slots[this.slot] ?? null;
  }
}

export function runScan(node: ScanStepsNode, input: Table, state: RunState, runPlan: PlanRunner): Table {
  const inputWidth = input.schema.length;
  const recordSchema = [...input.schema, ...node.declared.map(({ name, type }) => ({ name, type }))];
  const width = recordSchema.length;
  const defaults = node.declared.map((c) => c.default);
  /** An empty step's record: null input columns (empty strings) and the declared defaults. */
  const emptyRecord = [...input.schema.map((c) => (c.type === 'string' ? '' : null)), ...defaults];

  // The scan row: the input columns, then slots for the declared columns and each step's state record.
  const slots: Value[] = new Array<Value>(width * (node.steps.length + 1)).fill(null);
  const frameSchema = [...recordSchema, ...node.steps.flatMap((s) => recordSchema.map((c) => ({ name: `${s.name}.${c.name}`, type: c.type })))];
  const frameColumns = frameSchema.map((c, i) => (i < inputWidth ? input.columns[i]! : new SlotColumn(c.type, slots, i, input.rowCount)));
  const frame = new Table(frameSchema, frameColumns, input.rowCount);
  const compile = (e: PlanExpr) => compileExpr(e, frame, state, runPlan);
  const steps = node.steps.map((s) => ({
    output: s.output,
    condition: compile(s.condition),
    assignments: s.assignments.map((a) => ({ slot: inputWidth + a.declared, value: compile(a.expr) })),
  }));

  // Only the state values the expressions read are loaded: wide tables make whole records costly.
  const stateRead = [...statesRead(node, frameSchema.length, width)].map((slot) => ({ slot, step: Math.floor(slot / width) - 1, column: slot % width }));
  /** Puts a sequence's records (or empty ones) in the state slots, and the defaults in the declared slots. */
  const load = (seq: Sequence | undefined) => {
    for (let i = 0; i < defaults.length; i++) slots[inputWidth + i] = defaults[i]!;
    for (const s of stateRead) slots[s.slot] = (seq?.records[s.step] ?? emptyRecord)[s.column]!;
  };
  const meets = (condition: RowFn, r: number, seq: Sequence | undefined) => {
    load(seq);
    return condition(r) === true;
  };
  /** The record extended by the step's assignments, each seeing the ones before it; `load` has run. */
  const extend = (assignments: (typeof steps)[number]['assignments'], r: number): Value[] => {
    for (const a of assignments) slots[a.slot] = a.value(r);
    const record = input.columns.map((c) => c.get(r));
    for (let i = inputWidth; i < width; i++) record.push(slots[i]!);
    return record;
  };

  const held: (Sequence | undefined)[] = new Array<Sequence | undefined>(steps.length).fill(undefined);
  const pendingLast: (Emitted | undefined)[] = new Array<Emitted | undefined>(steps.length).fill(undefined);
  const out: Emitted[] = [];
  let nextMatchId = 0;
  /** The sequence at step k leaves it: an output=last step outputs its last match now. */
  const leave = (k: number) => {
    const pending = pendingLast[k];
    if (pending) out.push(pending);
    pendingLast[k] = undefined;
  };
  const emit = (k: number, r: number, record: Value[], seq: Sequence) => {
    const row: Emitted = { record: r, values: node.withMatchId ? [...record, seq.matchId] : record };
    if (steps[k]!.output === 'all') out.push(row);
    else if (steps[k]!.output === 'last') pendingLast[k] = row;
  };

  for (let r = 0; r < input.rowCount; r++) {
    for (let k = steps.length - 1; k >= 0; k--) {
      const step = steps[k]!;
      const previous = k > 0 ? held[k - 1] : undefined;
      if (previous && meets(step.condition, r, previous)) {
        leave(k - 1);
        leave(k);
        held[k - 1] = undefined;
        const record = extend(step.assignments, r);
        previous.records[k] = record;
        held[k] = previous;
        emit(k, r, record, previous);
        continue;
      }
      const own = held[k];
      if ((own || k === 0) && meets(step.condition, r, own)) {
        const seq = own ?? { matchId: nextMatchId++, records: [] };
        const record = extend(step.assignments, r);
        seq.records[k] = record;
        held[k] = seq;
        emit(k, r, record, seq);
      }
    }
  }
  for (let k = steps.length - 1; k >= 0; k--) leave(k);

  // Rows held back by output=last go where their record stands; the sort is stable.
  out.sort((a, b) => a.record - b.record);
  const columns = node.schema.map((c, i) => columnFromValues(c.type, out.map((row) => row.values[i]!), state.stringNulls));
  return new Table(node.schema, columns, out.length);
}

/** The state slots (scan row columns from `width` on) that the steps' expressions read. */
function statesRead(node: ScanStepsNode, frameWidth: number, width: number): Set<number> {
  const read = new Set<number>();
  const visit = (e: PlanExpr) => {
    if (e.kind === 'Column' && e.index >= width) read.add(e.index);
    // pack_all() packs the whole scan row.
    else if (e.kind === 'Row') for (let i = width; i < frameWidth; i++) read.add(i);
    else if ('args' in e) e.args.forEach(visit);
  };
  for (const step of node.steps) {
    visit(step.condition);
    step.assignments.forEach((a) => visit(a.expr));
  }
  return read;
}
