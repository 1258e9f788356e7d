/**
 * join and lookup. join's default kind is innerunique (the left side deduplicated on the key);
 * right columns whose names clash with left ones get a numeric suffix (`a1`), as Kusto names them.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { JoinKind, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import type { ColumnSchema } from '../../table/table.js';
import type { BindContext } from '../context.js';
import { uniqueName } from '../naming.js';
import type { Scope } from '../scope.js';

const KINDS: Record<string, JoinKind> = {
  inner: 'inner', innerunique: 'innerunique', leftouter: 'leftouter', rightouter: 'rightouter',
  fullouter: 'fullouter', outer: 'fullouter', leftanti: 'leftanti', anti: 'leftanti', leftantisemi: 'leftanti',
  rightanti: 'rightanti', rightantisemi: 'rightanti', leftsemi: 'leftsemi', semi: 'leftsemi', rightsemi: 'rightsemi',
};

interface Keys {
  left: number[];
  right: number[];
}

function resolveKeys(on: readonly A.JoinCondition[], left: readonly ColumnSchema[], right: readonly ColumnSchema[], ctx: BindContext): Keys | undefined {
  const keys: Keys = { left: [], right: [] };
  let ok = true;
  const find = (schema: readonly ColumnSchema[], name: string, span: A.JoinCondition['span']) => {
    const i = schema.findIndex((c) => c.name === name);
    if (i < 0) {
      ctx.report(diag.unknownColumn(name, schema.map((c) => c.name), span));
      ok = false;
    }
    return i;
  };
  for (const c of on) {
    const l = find(left, c.kind === 'Same' ? c.name : c.left, c.span);
    const r = find(right, c.kind === 'Same' ? c.name : c.right, c.span);
    if (l >= 0 && r >= 0 && left[l]!.type !== right[r]!.type) {
      ctx.report(diag.typeMismatch(`join key types differ: ${left[l]!.name} is ${left[l]!.type}, ${right[r]!.name} is ${right[r]!.type}`, c.span));
      ok = false;
    }
    keys.left.push(l);
    keys.right.push(r);
  }
  return ok ? keys : undefined;
}

function kindOf(params: readonly A.OperatorParam[], fallback: JoinKind, ctx: BindContext): JoinKind | undefined {
  const p = params.find((x) => x.name === 'kind');
  if (!p) return fallback;
  const k = KINDS[String(p.value)];
  if (!k) ctx.report(diag.invalidArgument(`unknown join kind '${String(p.value)}'`, p.span));
  return k;
}

export function bindJoin(op: A.Join, left: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const right = ctx.bindTabular(op.right, scope);
  const joinKind = kindOf(op.params, 'innerunique', ctx);
  const keys = resolveKeys(op.on, left.schema, right.schema, ctx);
  if (!joinKind || !keys) return ctx.errorPlan();
  const outputs: { side: 'left' | 'right'; index: number }[] = [];
  const schema: ColumnSchema[] = [];
  const taken = new Set<string>();
  const add = (side: 'left' | 'right', cols: readonly ColumnSchema[]) =>
    cols.forEach((c, index) => {
      const name = uniqueName(c.name, taken);
      taken.add(name);
      outputs.push({ side, index });
      schema.push({ name, type: c.type });
    });
  if (joinKind !== 'rightanti' && joinKind !== 'rightsemi') add('left', left.schema);
  if (joinKind !== 'leftanti' && joinKind !== 'leftsemi') add('right', right.schema);
  return { kind: 'Join', left, right, joinKind, leftKeys: keys.left, rightKeys: keys.right, outputs, schema, span: op.span };
}

/** lookup: a left outer (or inner) join whose right key columns are not repeated in the output. */
export function bindLookup(op: A.Lookup, left: PlanNode, scope: Scope, ctx: BindContext): PlanNode {
  const right = ctx.bindTabular(op.right, scope);
  const joinKind = kindOf(op.params, 'leftouter', ctx);
  if (joinKind && joinKind !== 'leftouter' && joinKind !== 'inner') {
    ctx.report(diag.invalidArgument(`lookup supports kind=leftouter or kind=inner, not '${joinKind}'`, op.keywordSpan));
    return ctx.errorPlan();
  }
  const keys = resolveKeys(op.on, left.schema, right.schema, ctx);
  if (!joinKind || !keys) return ctx.errorPlan();
  const outputs: { side: 'left' | 'right'; index: number }[] = left.schema.map((_, index) => ({ side: 'left', index }));
  const schema: ColumnSchema[] = [...left.schema];
  const taken = new Set(left.schema.map((c) => c.name));
  right.schema.forEach((c, index) => {
    if (keys.right.includes(index)) return;
    const name = uniqueName(c.name, taken);
    taken.add(name);
    outputs.push({ side: 'right', index });
    schema.push({ name, type: c.type });
  });
  // lookup never deduplicates the left side: a plain inner join, or a left outer one.
  return { kind: 'Join', left, right, joinKind, leftKeys: keys.left, rightKeys: keys.right, outputs, schema, span: op.span };
}
