/**
 * The stages of a query: the source and each `| operator` of its final tabular expression, in written
 * order, each with the plan nodes the binder made from it. Found from the AST (text, position) and the
 * bound plan (nodes), so every language whose front end writes a Pipeline gets the same stages.
 */
import type { SourceText } from '../common/source.js';
import type { Span } from '../common/span.js';
import type { Analyzed } from '../engine.js';
import type { PlanNode } from '../plan/nodes.js';
import { nodeChildren } from '../plan/walk.js';
import type { Expr, Operator } from '../syntax/ast.js';

export interface Stage {
  /** 0 for the source, then 1, 2, ... for the operators in written order. */
  readonly index: number;
  /** The operator's keyword as written (`where`, `summarize`, `filter`), or `source`. */
  readonly operator: string;
  readonly text: string;
  /** Its 1-based line in the containing file. */
  readonly line: number;
  readonly span: Span;
  /** The syntax of the stage: the source expression or the operator. */
  readonly syntax: Expr | Operator;
  /**
   * The plan nodes this stage became, in execution order (its input first). The source stage has one:
   * the node whose output is the source table (a table scan, or the top of a parser function's plan).
   * An operator that changes no data (`render`) has none.
   */
  readonly nodes: readonly PlanNode[];
}

const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;

/** The final tabular expression of the query: the last statement's expression. */
function finalExpression(analyzed: Analyzed): Expr | undefined {
  const statements = analyzed.ast?.statements ?? [];
  const last = statements[statements.length - 1];
  if (last?.kind !== 'ExprStatement') return undefined;
  let e: Expr = last.expr;
  while (e.kind === 'Paren') e = e.inner;
  return e;
}

/** The plan's chain of first children from the root down (each node's input, a join's left side). */
function inputChain(root: PlanNode): PlanNode[] {
  const chain: PlanNode[] = [];
  for (let n: PlanNode | undefined = root; n; n = nodeChildren(n)[0]?.node) chain.push(n);
  return chain;
}

/**
 * The stages of an analyzed query, or undefined when it has no plan. Plan nodes are matched to the
 * operators whose span holds theirs, walking the input chain from the root down and the operators from
 * the last up; the first node that belongs to no operator is the top of the source.
 */
export function queryStages(analyzed: Analyzed): Stage[] | undefined {
  const plan = analyzed.plan;
  const expr = finalExpression(analyzed);
  if (!plan || !expr) return undefined;
  const source = analyzed.source;
  const sourceSyntax = expr.kind === 'Pipeline' ? expr.source : expr;
  const operators = expr.kind === 'Pipeline' ? expr.operators : [];
  const chain = inputChain(plan.kind === 'Results' ? (plan.results[0]?.plan ?? plan) : plan);
  const owned: PlanNode[][] = operators.map(() => []);
  let current = operators.length - 1;
  let i = 0;
  for (; i < chain.length && current >= 0; i++) {
    const node = chain[i]!;
    if (!node.span) {
      // A node the binder added without a span of its own belongs with the operator above it.
      owned[current]!.push(node);
      continue;
    }
    let j = current;
    while (j >= 0 && !within(node.span, operators[j]!.span)) j--;
    if (j < 0) break;
    owned[j]!.push(node);
    current = j;
  }
  const sourceTop = chain[i];
  const stage = (index: number, operator: string, syntax: Expr | Operator, nodes: PlanNode[]): Stage => ({
    index, operator, syntax, span: syntax.span, nodes, text: stageText(source, syntax.span), line: source.position(syntax.span.start).line,
  });
  return [
    stage(0, 'source', sourceSyntax, sourceTop ? [sourceTop] : []),
    ...operators.map((op, k) => stage(k + 1, keyword(source, op), op, owned[k]!.reverse())),
  ];
}

function keyword(source: SourceText, op: Operator): string {
  return source.text.slice(op.keywordSpan.start, op.keywordSpan.end);
}

/** The stage as written, without the comment lines between its lines. */
function stageText(source: SourceText, span: Span): string {
  return source.text.slice(span.start, span.end).split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n').trim();
}
