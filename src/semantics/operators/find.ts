/**
 * find: the rows of its tables (`in (...)` or every loaded table) for which the predicate holds,
 * after a `source_` column (or the withsource name) naming each row's table. Tables that have none
 * of the columns the predicate names are left out.
 *
 * project-smart (the default) outputs the columns all those tables share, then the predicate's
 * other columns in the order it names them, and packs the rest of each row into `pack_`. `project`
 * outputs the listed columns, null where a table lacks one and cast to a given `:type`; pack_all()
 * packs the columns not listed. A column with several types across the tables is one `name_type`
 * column per type in project-smart, and needs a `:type` in `project`.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import type { ScalarType } from '../../types/scalar-type.js';
import { bindExpr, convertTo, exprEnv } from '../bind-expr.js';
import { type LabelledPlan } from '../union.js';
import type { BindContext } from '../context.js';
import { Scope } from '../scope.js';
import { absent, columnTypes, filterEach, hasColumn, predicateColumns, sourceTables } from './multi-table.js';

/** An output column: a table's column `source` (of `sourceType` only, for a `name_type` column), as `type`. */
interface FindColumn {
  readonly name: string;
  readonly type: ScalarType;
  readonly source: string;
  readonly sourceType?: ScalarType;
}

const PACK_COLUMN = 'pack_';

export function bindFind(e: A.Find, scope: Scope, ctx: BindContext): PlanNode {
  const all = sourceTables(e.tables, e.span, scope, ctx);
  const named = predicateColumns(e.predicate, all);
  const sources = named.length > 0 ? all.filter((s) => named.some((n) => hasColumn(s.plan, n))) : all;
  const filtered = filterEach(e.predicate, sources, named, scope, ctx);
  const columns = e.project ? projectColumns(e.project, sources, ctx) : smartColumns(named, sources);
  if (!filtered || !columns) return ctx.errorPlan();

  const packed = (schema: readonly ColumnSchema[]) => schema.filter((c) => !columns.some((o) => o.source === c.name));
  const withPack = e.project ? e.project.packAll : sources.some((s) => packed(s.plan.schema).length > 0);
  const outputs: ColumnSchema[] = columns.map((c) => ({ name: c.name, type: c.type }));
  if (withPack) outputs.push({ name: PACK_COLUMN, type: 'dynamic' });
  const inputs = filtered.map(({ plan }): PlanNode => {
    const values: NamedExpr[] = columns.map((c) => ({ name: c.name, expr: columnValue(c, plan.schema) }));
    if (withPack) values.push({ name: PACK_COLUMN, expr: packOf(packed(plan.schema), plan.schema, ctx) });
    return { kind: 'Project', input: plan, columns: values, schema: outputs, span: e.span };
  });
  return {
    kind: 'Union',
    inputs,
    mappings: inputs.map(() => outputs.map((_, i) => i + 1)),
    source: { labels: filtered.map((f) => f.label) },
    schema: [{ name: e.withSource ?? 'source_', type: 'string' }, ...outputs],
    span: e.span,
  };
}

/** project-smart: the columns every table has (in the first table's order), then the predicate's others. */
function smartColumns(named: readonly string[], sources: readonly LabelledPlan[]): FindColumn[] {
  const shared = (sources[0]?.plan.schema ?? []).map((c) => c.name).filter((n) => sources.every((s) => hasColumn(s.plan, n)));
  return [...shared, ...named.filter((n) => !shared.includes(n))].flatMap((name) => {
    const types = columnTypes(name, sources);
    if (types.length === 1) return [{ name, type: types[0]!, source: name }];
    return types.map((type) => ({ name: `${name}_${type}`, type, source: name, sourceType: type }));
  });
}

/** `project Col[:type], ...`: each column must be in some table, with one type or a `:type` given. */
function projectColumns(project: A.FindProject, sources: readonly LabelledPlan[], ctx: BindContext): FindColumn[] | undefined {
  const columns: FindColumn[] = [];
  let failed = false;
  for (const c of project.columns) {
    const types = columnTypes(c.name, sources);
    if (columns.some((o) => o.name === c.name)) ctx.report(diag.duplicateColumn(c.name, c.span));
    else if (types.length === 0) {
      const candidates = [...new Set(sources.flatMap((s) => s.plan.schema.map((x) => x.name)))];
      ctx.report(diag.unknownColumn(c.name, candidates, c.span));
    } else if (!c.type && types.length > 1) {
      ctx.report(diag.invalidArgument(`column '${c.name}' has several types in find's tables (${types.join(', ')}): give one, as ${c.name}:${types[0]}`, c.span));
    } else {
      columns.push({ name: c.name, type: c.type ?? types[0]!, source: c.name });
      continue;
    }
    failed = true;
  }
  return failed ? undefined : columns;
}

/** The column's value in a table's row, cast to its output type; null where the table lacks it. */
function columnValue(c: FindColumn, schema: readonly ColumnSchema[]): PlanExpr {
  const index = schema.findIndex((x) => x.name === c.source && (c.sourceType === undefined || x.type === c.sourceType));
  if (index < 0) return absent(c.type);
  return convertTo({ kind: 'Column', index, type: schema[index]!.type }, c.type);
}

/** The given columns of a row as a property bag, as bag_pack builds it (no columns: an empty bag). */
function packOf(columns: readonly ColumnSchema[], schema: readonly ColumnSchema[], ctx: BindContext): PlanExpr {
  if (columns.length === 0) return { kind: 'Const', value: {}, type: 'dynamic' };
  const span = { start: 0, end: 0 };
  const args = columns.flatMap((c): A.Expr[] => [
    { kind: 'Literal', type: 'string', value: c.name, span },
    { kind: 'Name', name: c.name, span },
  ]);
  const call: A.Call = { kind: 'Call', name: 'bag_pack', nameSpan: span, args, argNames: args.map(() => undefined), span };
  // A scope of its own, so a user's `let bag_pack` cannot stand in.
  return bindExpr(call, exprEnv(schema, new Scope(), ctx));
}
