/**
 * The parser functions loaded from `--parsers` folders, by the names queries call them: each ASIM
 * parser under its ParserName and its EquivalentBuiltInParser, each workspace parser under its alias.
 * A function is parsed and bound only when a query reads it, where the query reads it, so a broken
 * parser fails only the queries that read it, each time with its file and line.
 */
import { diag, PARSER_FILE_CODES } from '../../diagnostics/catalog.js';
import { locate } from '../../diagnostics/diagnostic.js';
import { kql } from '../../languages/kql.js';
import type { PlanNode } from '../../plan/nodes.js';
import { bindLambdaScope, exprEnv } from '../../semantics/bind-expr.js';
import type { BindContext, SourceFunction } from '../../semantics/context.js';
import { Scope } from '../../semantics/scope.js';
import type * as A from '../../syntax/ast.js';
import type { ParserDefinition, ParserProblem } from './parser-file.js';

/** A definition's KQL, parsed once: the function as a lambda, or the syntax problem that stops it. */
type Parsed = { lambda: A.Lambda; problem?: undefined } | { lambda?: undefined; problem: ParserProblem };

/**
 * The workspace name a built-in parser's query calls it by: `_Im_Dns_AzureFirewall` → `vimDnsAzureFirewall`,
 * `_ASim_Dns_AzureFirewall` → `ASimDnsAzureFirewall`, as the Azure-Sentinel files name them.
 */
function workspaceName(builtIn: string): string | undefined {
  const m = /^_(Im|ASim)_(.+)$/.exec(builtIn);
  if (!m) return undefined;
  return `${m[1] === 'Im' ? 'vim' : 'ASim'}${m[2]!.replaceAll('_', '')}`;
}

export class ParserLibrary {
  private readonly byName = new Map<string, ParserDefinition[]>();
  private readonly parsed: Map<ParserDefinition, Parsed>;
  /** Per binding: the parsers being bound (to refuse recursion) and their built-in aliases, innermost last. */
  private readonly active = new WeakMap<BindContext, { def: ParserDefinition; aliases: ReadonlyMap<string, string> }[]>();

  /** Workspace names that built-in parsers' queries use for the built-in parsers they call. */
  private readonly aliasNames = new Set<string>();

  /** Problems reported once when the parsers are loaded: files that could not be read, names two files define. */
  readonly problems: readonly ParserProblem[];

  constructor(definitions: readonly ParserDefinition[], fileProblems: readonly ParserProblem[] = [], parsed = new Map<ParserDefinition, Parsed>()) {
    this.parsed = parsed;
    for (const d of definitions) {
      for (const name of new Set([d.name, d.builtIn].filter((n): n is string => n !== undefined))) {
        const list = this.byName.get(name) ?? [];
        list.push(d);
        this.byName.set(name, list);
      }
      for (const b of d.calls) if (workspaceName(b)) this.aliasNames.add(workspaceName(b)!);
    }
    const duplicates = [...this.byName].filter(([, defs]) => defs.length > 1).map(([name, defs]) => duplicateProblem(name, defs));
    this.problems = [...fileProblems, ...duplicates];
  }

  /** The same functions, with `def` alone under its names (to use one of two files that define a name). */
  preferring(def: ParserDefinition): ParserLibrary {
    const names = new Set([def.name, def.builtIn]);
    const others = this.definitions().filter((d) => d === def || !(names.has(d.name) || (d.builtIn !== undefined && names.has(d.builtIn))));
    return new ParserLibrary(others, this.problems, this.parsed);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  definitions(): ParserDefinition[] {
    return [...new Set([...this.byName.values()].flat())];
  }

  /**
   * The parser a query reading `name` calls. Within a parser called by its built-in name, the workspace
   * names of the built-in parsers it lists stand for them (so a name may resolve only there).
   */
  sourceFunction(name: string): SourceFunction | undefined {
    if (!this.byName.has(name) && !this.aliasNames.has(name)) return undefined;
    return {
      bareName: true,
      bind: (call, scope, ctx) => {
        const key = this.active.get(ctx)?.at(-1)?.aliases.get(name) ?? name;
        const defs = this.byName.get(key);
        if (defs) return this.bindCall(key, defs, call, scope, ctx);
        ctx.report(diag.unknownTable(name, [], call.nameSpan));
        return ctx.errorPlan();
      },
    };
  }

  /** The definition's KQL, parsed on first use. */
  parse(def: ParserDefinition): Parsed {
    let p = this.parsed.get(def);
    if (!p) {
      p = parseDefinition(def);
      this.parsed.set(def, p);
    }
    return p;
  }

  private bindCall(name: string, defs: readonly ParserDefinition[], call: A.Call, scope: Scope, ctx: BindContext): PlanNode {
    if (defs.length > 1) {
      const p = duplicateProblem(name, defs);
      ctx.report(diag.brokenParser(name, `${p.file}:${p.line}:${p.col}`, p.message, call.nameSpan));
      return ctx.errorPlan();
    }
    const def = defs[0]!;
    const parsed = this.parse(def);
    if (parsed.problem) {
      const p = parsed.problem;
      ctx.report(diag.brokenParser(name, `${p.file}:${p.line}:${p.col}`, p.message, call.nameSpan));
      return ctx.errorPlan();
    }
    const stack = this.active.get(ctx) ?? [];
    this.active.set(ctx, stack);
    if (stack.some((s) => s.def === def)) {
      ctx.report(diag.recursiveParser(name, call.nameSpan));
      return ctx.errorPlan();
    }
    // Called by its built-in name, a unifying parser calls the built-in parsers its `Parsers:` lists.
    const aliases = new Map<string, string>();
    if (name === def.builtIn) for (const b of def.calls) if (workspaceName(b)) aliases.set(workspaceName(b)!, b);

    const marks = { diagnostics: ctx.diagnostics.length, absent: ctx.absentSources.length };
    stack.push({ def, aliases });
    ctx.sourcesOptional++;
    let plan: PlanNode;
    try {
      plan = this.bindBody(parsed.lambda, call, scope, ctx);
    } finally {
      ctx.sourcesOptional--;
      stack.pop();
    }
    // The parser's own problems point into its file; the query sees them where it reads the parser.
    ctx.absentSources.splice(marks.absent);
    const inner = ctx.diagnostics.splice(marks.diagnostics);
    for (const d of inner) {
      const at = locate(d, def.query);
      const where = `${def.file}:${at.line ?? def.line}:${at.col ?? 1}`;
      ctx.report(diag.inParser(d, name, where, call.nameSpan));
    }
    return inner.some((d) => d.severity === 'error') ? ctx.errorPlan() : plan;
  }

  /** The body bound with the call's arguments (bound where the call stands); it sees nothing of the caller's `let`s. */
  private bindBody(lambda: A.Lambda, call: A.Call, scope: Scope, ctx: BindContext): PlanNode {
    const inner = bindLambdaScope(call, lambda, new Scope(), exprEnv([], scope, ctx));
    if (!inner) return ctx.errorPlan();
    const last = lambda.body.statements.at(-1);
    if (last?.kind !== 'ExprStatement') {
      ctx.report(diag.invalidArgument('the parser query ends without a tabular expression', lambda.span));
      return ctx.errorPlan();
    }
    return ctx.bindTabular(last.expr, inner);
  }
}

function duplicateProblem(name: string, defs: readonly ParserDefinition[]): ParserProblem {
  const [first, second] = defs as [ParserDefinition, ParserDefinition];
  return {
    file: second.file, line: second.line, col: 1, code: PARSER_FILE_CODES.duplicate,
    message: `'${name}' is defined twice: in ${first.file}:${first.line} and in ${second.file}:${second.line}`,
  };
}

/** The parameters (from ParserParams) and the query, as a function of KQL. */
function parseDefinition(def: ParserDefinition): Parsed {
  const syntax = (message: string, line: number, col: number): Parsed => ({ problem: { file: def.file, line, col, code: PARSER_FILE_CODES.kqlSyntax, message } });
  let params: readonly A.LambdaParam[] = [];
  if (def.params.length > 0) {
    const header = `let f = (${def.params.map((p) => `${p.name}:${p.type}${p.default !== undefined ? `=${p.default}` : ''}`).join(', ')}) { print 1 }; print 1`;
    const parsed = kql.parse(header);
    const value = parsed.ast?.statements[0];
    if (parsed.diagnostics.length > 0 || value?.kind !== 'Let' || value.value.kind !== 'Lambda') {
      return syntax(`ParserParams: ${parsed.diagnostics[0]?.message ?? 'not a parameter list'}`, def.line, 1);
    }
    params = value.value.params;
  }
  const body = kql.parse(def.query.text);
  const error = body.diagnostics.find((d) => d.severity === 'error');
  if (error || !body.ast) {
    const at = error ? locate(error, def.query) : undefined;
    return syntax(error?.message ?? 'the query does not parse', at?.line ?? def.line, at?.col ?? 1);
  }
  return { lambda: { kind: 'Lambda', params, body: body.ast, span: { start: 0, end: def.query.text.length } } };
}
