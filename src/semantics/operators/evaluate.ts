/**
 * evaluate plugins. bag_unpack and pivot have output columns that depend on the data: with a probe
 * (a run), the plugin's input is evaluated once, cached, and its values decide the columns; without
 * one (`kqlx check`), the rest of the query is bound leniently and the query is marked data-dependent.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { AggregateSpec, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema, Table } from '../../table/table.js';
import { toKqlString } from '../../types/convert.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { type Dynamic, isPlainObject } from '../../types/value.js';
import { bindExpr, exprEnv } from '../bind-expr.js';
import { expressionName, uniqueName } from '../naming.js';
import type { BindContext } from '../context.js';
import type { Scope } from '../scope.js';
import { bindAggregateCall } from './summarize.js';

export function bindEvaluate(op: A.Evaluate, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  switch (op.plugin.kind === 'Call' ? op.plugin.name : '') {
    case 'bag_unpack':
      return bindBagUnpack(op, input, scope, ctx);
    case 'pivot':
      return bindPivot(op, input, scope, ctx);
    case 'ipv4_lookup':
      return bindIpLookup('ipv4', op, input, scope, ctx);
    case 'ipv6_lookup':
      return bindIpLookup('ipv6', op, input, scope, ctx);
    case 'sequence_detect':
      return bindSequenceDetect(op, input, scope, ctx);
    default: {
      const name = op.plugin.kind === 'Call' ? op.plugin.name : 'plugin';
      ctx.report(ctx.dialect.functions.isPlugin(name) ? diag.unsupportedPlugin(name, op.keywordSpan) : diag.unknownPlugin(name, op.plugin.span));
      return ctx.errorPlan();
    }
  }
}

/** The plugin's input, evaluated once per run: the probe and the final run share its result. */
function probed(input: PlanNode, ctx: BindContext): { node: PlanNode; table?: Table } {
  const node: PlanNode = input.kind === 'Cache' ? input : { kind: 'Cache', input, id: ctx.nextCacheId(), schema: input.schema, span: input.span };
  if (!ctx.probe) {
    ctx.dataDependent = true;
    return { node };
  }
  return { node, table: ctx.probe(node) };
}

function constantArg(e: A.Expr | undefined, scope: Scope, ctx: BindContext): unknown {
  if (!e) return undefined;
  const v = bindExpr(e, exprEnv([], scope, ctx));
  return v.kind === 'Const' ? v.value : undefined;
}

/** The type of a slot: the type all its non-null values share, or dynamic. */
function slotType(v: Dynamic): ScalarType {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  return 'dynamic';
}

function bindBagUnpack(op: A.Evaluate, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const [columnArg, prefixArg, conflictArg, ignoredArg] = op.plugin.args;
  const column = columnArg?.kind === 'Name' ? input.schema.findIndex((c) => c.name === columnArg.name) : -1;
  if (column < 0 || input.schema[column]!.type !== 'dynamic') {
    ctx.report(diag.invalidArgument('bag_unpack() takes a dynamic column of its input', op.plugin.span));
    return ctx.errorPlan();
  }
  const prefix = String(constantArg(prefixArg, scope, ctx) ?? '');
  const conflict = String(constantArg(conflictArg, scope, ctx) ?? 'error');
  const ignoredValue = constantArg(ignoredArg, scope, ctx);
  const ignored = new Set(Array.isArray(ignoredValue) ? ignoredValue.map(String) : []);

  const { node, table } = probed(input, ctx);
  const types = new Map<string, ScalarType | undefined>();
  if (table) {
    const col = table.columns[column]!;
    for (let r = 0; r < table.rowCount; r++) {
      const bag = col.get(r);
      if (!isPlainObject(bag)) continue;
      for (const [k, v] of Object.entries(bag)) {
        if (ignored.has(k)) continue;
        const seen = types.get(k);
        if (v === null) {
          if (!types.has(k)) types.set(k, undefined);
          continue;
        }
        const t = slotType(v);
        types.set(k, seen === undefined || seen === t ? t : 'dynamic');
      }
    }
  }
  // Slots come out sorted by name, as the plugin's documented example shows.
  const slots = [...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, t]) => ({ key, type: t ?? 'dynamic' }));
  let keep = input.schema.map((_, i) => i).filter((i) => i !== column);
  const kept: ColumnSchema[] = keep.map((i) => input.schema[i]!);
  const out: { key: string; type: ScalarType }[] = [];
  for (const s of slots) {
    const name = prefix + s.key;
    const clash = kept.findIndex((c) => c.name === name);
    if (clash >= 0) {
      if (conflict === 'keep_source') continue;
      if (conflict === 'replace_source') keep = keep.filter((i) => input.schema[i]!.name !== name);
      else {
        ctx.report(diag.invalidArgument(`bag_unpack: the slot '${s.key}' clashes with the column '${name}' (use columnsConflict)`, op.plugin.span));
        return ctx.errorPlan();
      }
    }
    out.push(s);
  }
  const schema = [...keep.map((i) => input.schema[i]!), ...out.map((s) => ({ name: prefix + s.key, type: s.type }))];
  return { kind: 'BagUnpack', input: node, column, keep, slots: out, schema, span: op.span };
}

/** pivot(Column [, Aggregate] [, GroupColumn ...]): the default aggregate is count(). */
function bindPivot(op: A.Evaluate, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const [pivotArg, aggArg, ...groupArgs] = op.plugin.args;
  const env = exprEnv(input.schema, scope, ctx);
  if (!pivotArg) {
    ctx.report(diag.wrongArgCount('pivot', 'at least 1', 0, op.plugin.span));
    return ctx.errorPlan();
  }
  const pivot = bindExpr(pivotArg, env);
  const aggCall: A.Call =
    aggArg?.kind === 'Call' ? aggArg : { kind: 'Call', name: 'count', nameSpan: op.plugin.span, args: [], argNames: [], span: op.plugin.span };
  const bound = bindAggregateCall(aggCall, env, ctx);
  const keys: number[] = [];
  for (const g of groupArgs) {
    const i = g.kind === 'Name' ? input.schema.findIndex((c) => c.name === g.name) : -1;
    if (i < 0) {
      ctx.report(diag.unknownColumn(g.kind === 'Name' ? g.name : '?', input.schema.map((c) => c.name), g.span));
      return ctx.errorPlan();
    }
    keys.push(i);
  }
  if (!bound || ctx.isError(pivot)) return ctx.errorPlan();
  const aggregate: AggregateSpec = { name: 'pivot', ...bound };

  const { node, table } = probed(input, ctx);
  const values = new Set<string>();
  if (table) {
    const f = pivotValues(table, input.schema, pivotArg);
    for (const v of f) values.add(v);
  }
  const ordered = [...values].sort();
  const schema = [...keys.map((i) => input.schema[i]!), ...ordered.map((v) => ({ name: v, type: aggregate.binding.type }))];
  return { kind: 'Pivot', input: node, keys, pivot, values: ordered, aggregate, schema, span: op.span };
}

/** The text of each row's pivot value (only plain column pivots are probed directly). */
function pivotValues(table: Table, schema: readonly ColumnSchema[], pivotArg: A.Expr): string[] {
  const i = pivotArg.kind === 'Name' ? schema.findIndex((c) => c.name === pivotArg.name) : -1;
  if (i < 0) return [];
  const col = table.columns[i]!;
  const out: string[] = [];
  for (let r = 0; r < table.rowCount; r++) out.push(toKqlString(col.get(r), schema[i]!.type));
  return out;
}

/**
 * ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupKey [, ExtraKey ...] [, return_unmatched]) and
 * ipv6_lookup, the same join on ipv6_is_in_range.
 */
function bindIpLookup(family: 'ipv4' | 'ipv6', op: A.Evaluate, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const args = [...op.plugin.args];
  let returnUnmatched = false;
  const last = args[args.length - 1];
  if (last?.kind === 'Literal' && typeof last.value === 'boolean') {
    returnUnmatched = last.value;
    args.pop();
  }
  const [tableArg, sourceArg, lookupArg, ...extraArgs] = args;
  if (!tableArg || sourceArg?.kind !== 'Name' || lookupArg?.kind !== 'Name') {
    const v = family === 'ipv4' ? 'IPv4' : 'IPv6';
    ctx.report(diag.invalidArgument(`${family}_lookup() takes a lookup table, the source ${v} column and the lookup ${v} column`, op.plugin.span));
    return ctx.errorPlan();
  }
  const lookup = ctx.bindTabular(tableArg, scope);
  const find = (schema: readonly ColumnSchema[], e: A.Expr) => {
    const i = e.kind === 'Name' ? schema.findIndex((c) => c.name === e.name) : -1;
    if (i < 0) ctx.report(diag.unknownColumn(e.kind === 'Name' ? e.name : '?', schema.map((c) => c.name), e.span));
    return i;
  };
  const sourceKey = find(input.schema, sourceArg);
  const lookupKey = find(lookup.schema, lookupArg);
  const extraKeys = extraArgs.map((e) => [find(input.schema, e), find(lookup.schema, e)] as const);
  if (sourceKey < 0 || lookupKey < 0 || extraKeys.some(([a, b]) => a < 0 || b < 0)) return ctx.errorPlan();
  const fn = ctx.dialect.functions.scalar(`${family}_is_in_range`)!.bind([{ type: 'string' }, { type: 'string' }]);
  if ('error' in fn) throw new Error(fn.error);
  const dropped = new Set(extraKeys.map(([, b]) => b));
  const lookupColumns = lookup.schema.map((_, i) => i).filter((i) => !dropped.has(i));
  const taken = new Set(input.schema.map((c) => c.name));
  const schema = [...input.schema, ...lookupColumns.map((i) => {
    const name = uniqueName(lookup.schema[i]!.name, taken);
    taken.add(name);
    return { name, type: lookup.schema[i]!.type };
  })];
  return { kind: 'IpLookup', input, lookup, sourceKey, lookupKey, extraKeys, returnUnmatched, lookupColumns, family, inRange: fn.impl, schema, span: op.span };
}

/**
 * sequence_detect(TimelineColumn, MaxSequenceStepWindow, MaxSequenceSpan, Step1 = predicate, ...,
 * Dim1, ...): steps are the named arguments, dimensions the unnamed ones after them. Output: the
 * dimensions, one `<step>_<TimelineColumn>` datetime column per step, and Duration.
 */
function bindSequenceDetect(op: A.Evaluate, input: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const { args, argNames } = op.plugin;
  const usage = 'sequence_detect() takes the timeline column, the step window, the sequence span, named step predicates, then dimensions';
  const [timelineArg, windowArg, spanArg] = args;
  const rest = args.slice(3).map((e, i) => ({ e, name: argNames[i + 3] }));
  const firstDim = rest.findIndex((a) => a.name === undefined);
  const steps = firstDim < 0 ? rest : rest.slice(0, firstDim);
  const dimArgs = firstDim < 0 ? [] : rest.slice(firstDim);
  if (timelineArg?.kind !== 'Name' || steps.length === 0 || dimArgs.some((a) => a.name !== undefined)) {
    ctx.report(diag.invalidArgument(usage, op.plugin.span));
    return ctx.errorPlan();
  }
  const timeline = input.schema.findIndex((c) => c.name === timelineArg.name);
  if (timeline < 0) {
    ctx.report(diag.unknownColumn(timelineArg.name, input.schema.map((c) => c.name), timelineArg.span));
    return ctx.errorPlan();
  }
  if (input.schema[timeline]!.type !== 'datetime') {
    ctx.report(diag.typeMismatch(`sequence_detect(): the timeline column '${timelineArg.name}' must be a datetime`, timelineArg.span));
    return ctx.errorPlan();
  }
  const stepWindow = constantArg(windowArg, scope, ctx);
  const maxSpan = constantArg(spanArg, scope, ctx);
  if (typeof stepWindow !== 'bigint' || typeof maxSpan !== 'bigint') {
    ctx.report(diag.constantRequired('the step window and sequence span of sequence_detect() (timespans)', op.plugin.span));
    return ctx.errorPlan();
  }
  const env = exprEnv(input.schema, scope, ctx);
  const stepExprs = steps.map((s) => bindExpr(s.e, env));
  const dims = dimArgs.map((d, i) => ({ name: expressionName(d.e) ?? `Column${i + 1}`, expr: bindExpr(d.e, env) }));
  if (stepExprs.some((e) => ctx.isError(e)) || dims.some((d) => ctx.isError(d.expr))) return ctx.errorPlan();
  const notBool = steps.find((_, i) => stepExprs[i]!.type !== 'bool');
  if (notBool) {
    ctx.report(diag.typeMismatch(`sequence_detect(): step '${notBool.name}' must be a boolean predicate`, notBool.e.span));
    return ctx.errorPlan();
  }
  const schema: ColumnSchema[] = [
    ...dims.map((d) => ({ name: d.name, type: d.expr.type })),
    ...steps.map((s) => ({ name: `${s.name}_${timelineArg.name}`, type: 'datetime' as const })),
    { name: 'Duration', type: 'timespan' },
  ];
  return { kind: 'SequenceDetect', input, timeline, stepWindow, maxSpan, steps: stepExprs, dims, schema, span: op.span };
}
