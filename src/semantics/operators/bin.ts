/**
 * XQL's bin: `bin f span = <n><unit>` replaces each timestamp (or number) of f with the start of its
 * bucket. Time buckets are aligned on the Unix epoch, shifted by `timeshift` (epoch seconds) when
 * given, and by the `timezone`'s UTC offset when given; units are s, m, h, d, w. A number's span is
 * a plain number. `bins = n` is refused: its page does not say how the range is cut.
 */
import { diag } from '../../diagnostics/catalog.js';
import type { NamedExpr, PlanExpr, PlanNode } from '../../plan/nodes.js';
import type * as A from '../../syntax/ast.js';
import { isNumeric } from '../../types/scalar-type.js';
import { TICKS_PER_SECOND } from '../../types/value.js';
import { floorDiv } from '../../functions/scalar/conversion.js';
import { zoneOf } from '../../types/zone.js';
import type { BindContext } from '../context.js';

const UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n, w: 604_800n };

export function bindBin(op: A.Bin, input: PlanNode, ctx: BindContext): PlanNode {
  const schema = input.schema;
  const index = schema.findIndex((c) => c.name === op.column.name);
  if (index < 0) {
    ctx.report(diag.unknownColumn(op.column.name, schema.map((c) => c.name), op.column.span));
    return ctx.errorPlan();
  }
  const param = (name: string) => op.params.find((p) => p.name === name);
  const bins = param('bins');
  if (bins) {
    ctx.report(diag.unsupportedFeature("bin ... bins = n: its page does not say how the field's range is cut into n buckets", bins.span));
    return ctx.errorPlan();
  }
  const span = param('span');
  if (!span) {
    ctx.report(diag.invalidArgument('bin needs span = <time> or bins = <number>', op.keywordSpan));
    return ctx.errorPlan();
  }
  const type = schema[index]!.type;
  let impl: (v: unknown) => unknown;
  if (type === 'datetime') {
    const m = /^(\d+)(s|m|h|d|w)$/i.exec(String(span.value));
    if (!m) {
      ctx.report(diag.invalidArgument(`bin span must be a number and one of the units s, m, h, d, w, not '${String(span.value)}'`, span.span));
      return ctx.errorPlan();
    }
    const width = BigInt(m[1]!) * UNIT_SECONDS[m[2]!.toLowerCase()]! * TICKS_PER_SECOND;
    const shift = param('timeshift');
    const zoneName = param('timezone');
    const zone = zoneName ? zoneOf(String(zoneName.value)) : undefined;
    if (zoneName && !zone) {
      ctx.report(diag.invalidArgument(`unknown time zone '${String(zoneName.value)}'`, zoneName.span));
      return ctx.errorPlan();
    }
    const origin = BigInt(Number(shift?.value ?? 0)) * TICKS_PER_SECOND;
    if (width <= 0n) {
      ctx.report(diag.invalidArgument('bin span must be positive', span.span));
      return ctx.errorPlan();
    }
    impl = (v) => {
      if (typeof v !== 'bigint') return null;
      const offset = zone ? BigInt(zone.offsetAt(Number(v / 10_000n))) * 60n * TICKS_PER_SECOND : 0n;
      return floorDiv(v - origin + offset, width) * width + origin - offset;
    };
  } else if (isNumeric(type)) {
    const width = Number(span.value);
    if (!(width > 0)) {
      ctx.report(diag.invalidArgument('bin span must be a positive number for a numeric field', span.span));
      return ctx.errorPlan();
    }
    impl = (v) => (typeof v === 'number' ? Math.floor(v / width) * width : null);
  } else {
    ctx.report(diag.typeMismatch(`bin needs a timestamp or a number; '${op.column.name}' is ${type}`, op.column.span));
    return ctx.errorPlan();
  }
  const columns: NamedExpr[] = schema.map((c, i) => {
    const col: PlanExpr = { kind: 'Column', index: i, type: c.type };
    return { name: c.name, expr: i === index ? { kind: 'Apply', name: 'bin', notation: 'function', impl: (a) => impl(a[0]) as never, args: [col], type: c.type } : col };
  });
  return { kind: 'Project', input, columns, schema, span: op.span };
}
