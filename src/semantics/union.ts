/** `union` and the table lists of search and find: their inputs, and the union of their columns. */
import type { Span } from '../common/span.js';
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanNode } from '../plan/nodes.js';
import type * as A from '../syntax/ast.js';
import type { ColumnSchema } from '../table/table.js';
import type { ScalarType } from '../types/scalar-type.js';
import type { BindContext } from './context.js';
import type { Scope } from './scope.js';
import { tableScan } from './table-scan.js';

/**
 * `union`: columns are the union of the inputs' columns in order of appearance. A name that appears
 * with two types becomes two columns, `name_type` each, as Kusto does. `isfuzzy=true` skips missing tables.
 */
export function bindUnion(e: A.Union, leading: PlanNode[], scope: Scope, ctx: BindContext): PlanNode {
  const fuzzy = e.params.some((p) => p.name === 'isfuzzy' && p.value === true);
  const withSource = e.params.find((p) => p.name === 'withsource')?.value as string | undefined;
  const mark = ctx.diagnostics.length;
  const inputs = [...leading.map((plan) => ({ plan, label: 'union_arg0' })), ...unionInputs(e.tables, fuzzy, leading.length, scope, ctx)];
  if (inputs.length === 0 && ctx.diagnostics.length > mark) return ctx.errorPlan();
  return unionOf(inputs, withSource, e.span);
}

/** A union input and the name its withsource column gives its rows. */
export interface LabelledPlan {
  readonly plan: PlanNode;
  readonly label: string;
}

/**
 * The inputs a union's table list names (search's and find's `in (...)` too): tables, subqueries,
 * and `Prefix*` or `*` wildcards over the loaded tables. `fuzzy` skips names of missing tables.
 * A subquery's label is `union_argN`, N its position among all inputs (`first` come before the list).
 */
export function unionInputs(tables: readonly A.Expr[], fuzzy: boolean, first: number, scope: Scope, ctx: BindContext): LabelledPlan[] {
  const inputs: LabelledPlan[] = [];
  const dropped: Diagnostic[] = [];
  for (const t of tables) {
    const prefix = t.kind === 'Star' ? '' : t.kind === 'Name' && t.name.endsWith('*') ? t.name.slice(0, -1) : undefined;
    if (prefix !== undefined) {
      for (const name of ctx.catalog.tableNames().filter((n) => n.startsWith(prefix))) inputs.push({ plan: tableScan(name, t.span, ctx), label: name });
      continue;
    }
    const plan = fuzzy ? fuzzyInput(t, scope, ctx, dropped) : ctx.bindTabular(t, scope);
    if (plan) inputs.push({ plan, label: t.kind === 'Name' ? t.name : `union_arg${first + inputs.length}` });
  }
  // A fuzzy union needs one input that exists: with none, each missing one is reported.
  if (inputs.length === 0 && first === 0) for (const d of dropped) ctx.report(d);
  return inputs;
}

/** The union of labelled inputs, with a `withSource` column of their labels first when asked. */
export function unionOf(labelled: readonly LabelledPlan[], withSource: string | undefined, span: Span): PlanNode {
  const inputs = labelled.map((l) => l.plan);
  const labels = labelled.map((l) => l.label);
  const types = new Map<string, Set<ScalarType>>();
  for (const input of inputs) {
    for (const c of input.schema) {
      if (!types.has(c.name)) types.set(c.name, new Set());
      types.get(c.name)!.add(c.type);
    }
  }
  const schema: ColumnSchema[] = [];
  const index = new Map<string, number>();
  if (withSource) schema.push({ name: withSource, type: 'string' });
  // A name with several types puts all its `name_type` columns where the name first appears (as the
  // official binder orders them), in the order its types first appear.
  for (const input of inputs) {
    for (const c of input.schema) {
      const variants = types.get(c.name)!;
      for (const type of variants.size > 1 ? variants : [c.type]) {
        const name = variants.size > 1 ? `${c.name}_${type}` : c.name;
        if (!index.has(name)) {
          index.set(name, schema.length);
          schema.push({ name, type });
        }
      }
    }
  }
  const mappings = inputs.map((input) =>
    input.schema.map((c) => index.get(types.get(c.name)!.size > 1 ? `${c.name}_${c.type}` : c.name)!),
  );
  return { kind: 'Union', inputs, mappings, source: withSource ? { labels } : undefined, schema, span };
}

const UNKNOWN_TABLE = diag.unknownTable('', [], { start: 0, end: 0 }).code;

/**
 * An input of `union isfuzzy=true`, or undefined when it cannot be resolved because a table it reads
 * does not exist: such an input contributes nothing. That holds for a function whose query reads a
 * missing table too (a Sentinel parser over a source that is not there); any other problem stays.
 * The dropped inputs' problems go to `dropped`.
 */
function fuzzyInput(t: A.Expr, scope: Scope, ctx: BindContext, dropped: Diagnostic[]): PlanNode | undefined {
  const marks = { diagnostics: ctx.diagnostics.length, absent: ctx.absentSources.length };
  const plan = ctx.bindTabular(t, scope);
  const added = ctx.diagnostics.slice(marks.diagnostics);
  if (added.length === 0 || !added.every((d) => d.code === UNKNOWN_TABLE)) return plan;
  dropped.push(...ctx.diagnostics.splice(marks.diagnostics));
  ctx.absentSources.splice(marks.absent);
  return undefined;
}
