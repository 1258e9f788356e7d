/** Names bound by `let`, function parameters and `declare query_parameters`, innermost first. */
import type { Lambda } from '../syntax/ast.js';
import type { PlanExpr, PlanNode } from '../plan/nodes.js';

export type Binding =
  | { readonly kind: 'scalar'; readonly expr: PlanExpr }
  | { readonly kind: 'tabular'; readonly plan: PlanNode }
  | { readonly kind: 'function'; readonly lambda: Lambda; readonly scope: Scope }
  /** Named values read as `Name.Field` (a scan step's state). */
  | { readonly kind: 'record'; readonly fields: ReadonlyMap<string, PlanExpr> };

export class Scope {
  private readonly names = new Map<string, Binding>();

  constructor(readonly parent?: Scope) {}

  define(name: string, binding: Binding): void {
    this.names.set(name, binding);
  }

  lookup(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  /** Every name in reach whose binding is of one of `kinds`, for "did you mean" suggestions. */
  namesOf(...kinds: Binding['kind'][]): string[] {
    const own = [...this.names].filter(([, b]) => kinds.includes(b.kind)).map(([n]) => n);
    return [...own, ...(this.parent?.namesOf(...kinds) ?? [])];
  }
}
