/**
 * The KQL grammar, as a chevrotain parser that builds the AST directly (embedded actions).
 * The grammar is deliberately a little wider than Kusto's: the binder rejects what is well-formed
 * but meaningless. Recovery is on, so one pass reports several syntax errors.
 * Rule names are the names used in grammar/kql.ebnf.
 */
import { EmbeddedActionsParser, type IToken, type TokenType, tokenMatcher, EOF } from 'chevrotain';
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDatetime } from '../../types/datetime.js';
import { parseTypeName, type ScalarType } from '../../types/scalar-type.js';
import { formatTimespan } from '../../types/timespan.js';
import type { Dynamic, Value } from '../../types/value.js';
import type * as A from '../ast.js';
import { errorMessageProvider } from './errors.js';
import { decodeString, isPlainOperatorName, PIPE_OPERATOR_NAMES, typedLiteral, typeConstructorLiteral } from './literals.js';
import { caseSensitivePredicate, searchCaseSensitivity, termPredicate } from './search-predicate.js';
import * as T from './tokens.js';
import { cover, type Spanned, tokenSpan } from '../token-spans.js';

/** graph-to-table's parameters naming the node hash id columns. */
const GRAPH_ID_PARAMETERS = ['with_node_id', 'with_source_id', 'with_target_id'];

const COMPARE_TOKENS: TokenType[] = [
  T.EqEq, T.NotEq, T.LessEq, T.GreaterEq, T.Less, T.Greater, T.EqTilde, T.NotTilde,
];

/** Tokens after an operand that make it part of a larger expression (`"x" == C`, `* has "x"`). */
const CONTINUING_TOKENS: TokenType[] = [
  ...COMPARE_TOKENS, T.StringOp, T.NotStringOp, T.Matches, T.InOp, T.NotIn, T.HasAny, T.Between, T.NotBetween,
  T.Plus, T.Minus, T.Star, T.Slash, T.Percent, T.Dot, T.LBracket,
];

/** Tokens after a name that end the expression it stands in (`project find`, `where search, x`). */
const ENDING_TOKENS: TokenType[] = [
  T.Pipe, T.Semicolon, T.RParen, T.RBracket, T.RBrace, T.Comma, T.And, T.Or, T.Asc, T.Desc, T.Nulls, T.By, T.On,
];

const STRING_OP_ALIASES: Record<string, A.StringOp> = {
  containscs: 'contains_cs',
  '!containscs': '!contains_cs',
  notcontains: '!contains',
  notcontainscs: '!contains_cs',
  notlike: '!like',
};

export class KqlParser extends EmbeddedActionsParser {
  /** Diagnostics found by grammar actions (unknown operators, bad literals), beside chevrotain's own errors. */
  actionDiagnostics: Diagnostic[] = [];

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 2, errorMessageProvider });
    this.performSelfAnalysis();
  }

  // ── lookahead helpers ───────────────────────────────────────────────────

  private is(k: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(k), type);
  }

  /** `name =` or `['name'] =` ahead (a single `=`, not `==`). */
  private namedAssignAhead(): boolean {
    if (this.is(1, T.Identifier) && this.is(2, T.Equals)) return true;
    return this.is(1, T.LBracket) && this.is(2, T.StringLiteral) && this.is(3, T.RBracket) && this.is(4, T.Equals);
  }

  /** `(a, b) =` ahead, as arg_max results are named. */
  private tupleAssignAhead(): boolean {
    if (!this.is(1, T.LParen)) return false;
    let k = 2;
    for (;;) {
      if (!this.is(k, T.Identifier)) return false;
      k++;
      if (this.is(k, T.Comma)) k++;
      else break;
    }
    return this.is(k, T.RParen) && this.is(k + 1, T.Equals);
  }

  /** `name = value` ahead where name is one of an operator's parameters (`kind`, `hint.strategy`, ...). */
  private paramAhead(allowed: readonly string[]): boolean {
    if (!this.is(1, T.Identifier)) return false;
    let name = this.LA(1).image;
    let k = 1;
    while (this.is(k + 1, T.Dot) && this.is(k + 2, T.Identifier)) {
      name += `.${this.LA(k + 2).image}`;
      k += 2;
    }
    if (!this.is(k + 1, T.Equals)) return false;
    return allowed.includes(name) || name.startsWith('hint.');
  }

  /** A parenthesised parameter list followed by `{`: the start of a lambda. */
  private lambdaAhead(): boolean {
    if (!this.is(1, T.LParen)) return false;
    let depth = 0;
    for (let k = 1; ; k++) {
      const t = this.LA(k);
      if (t.tokenType === EOF) return false;
      if (tokenMatcher(t, T.LParen)) depth++;
      else if (tokenMatcher(t, T.RParen) && --depth === 0) return this.is(k + 1, T.LBrace);
    }
  }

  /** Token k makes the operand before it part of a larger expression. */
  private continues(k: number): boolean {
    return CONTINUING_TOKENS.some((t) => this.is(k, t));
  }

  /** The position of the `)` closing the `(` at k, or -1 when it is not closed. */
  private closingParen(k: number): number {
    let depth = 0;
    for (let i = k; ; i++) {
      const t = this.LA(i);
      if (t.tokenType === EOF) return -1;
      if (tokenMatcher(t, T.LParen)) depth++;
      else if (tokenMatcher(t, T.RParen) && --depth === 0) return i;
    }
  }

  /**
   * `search`/`find` at 1 starts its tabular source, rather than naming a column: what follows can
   * neither end nor continue an expression (`where find == 1`), and `in (...)` is followed by more.
   */
  private sourceWordAhead(): boolean {
    if (!this.is(1, T.Search) && !this.is(1, T.Find)) return false;
    // Starting a statement, the word is the operator even when its arguments are missing.
    if (this.LA(0).tokenType === EOF || this.is(0, T.Semicolon)) return true;
    const endsOrContinues = (k: number) =>
      this.LA(k).tokenType === EOF || ENDING_TOKENS.some((t) => this.is(k, t)) || (this.continues(k) && !this.is(k, T.Star));
    if (this.is(2, T.InOp)) {
      const close = this.is(3, T.LParen) ? this.closingParen(3) : -1;
      return close > 0 && !endsOrContinues(close + 1);
    }
    return !endsOrContinues(2);
  }

  /** The parentheses at k close, and no operator follows them: a predicate group, not an operand. */
  private groupAhead(k: number): boolean {
    const close = this.closingParen(k);
    return close > 0 && !this.continues(close + 1);
  }

  /** A search term ahead: string literals (adjacent ones concatenate) that no operator follows. */
  private termAhead(): boolean {
    let k = 1;
    while (this.is(k, T.StringLiteral)) k++;
    return k > 1 && !this.continues(k);
  }

  private adjacent(k: number): boolean {
    const prev = this.LA(k - 1);
    const next = this.LA(k);
    return next.tokenType !== EOF && prev.endOffset !== undefined && prev.endOffset + 1 === next.startOffset;
  }

  // ── statements ──────────────────────────────────────────────────────────

  public query = this.RULE('query', (): A.Block => {
    const first = this.LA(1);
    const statements = this.SUBRULE(this.statementList);
    return this.ACTION(() => ({ kind: 'Block', statements, span: cover(first, ...statements) }) as A.Block);
  });

  private statementList = this.RULE('statementList', (): A.Statement[] => {
    const statements: A.Statement[] = [];
    this.OPTION(() => {
      const s = this.SUBRULE(this.statement);
      this.ACTION(() => s && statements.push(s));
    });
    this.MANY(() => {
      this.CONSUME(T.Semicolon);
      this.OPTION2(() => {
        const s = this.SUBRULE2(this.statement);
        this.ACTION(() => s && statements.push(s));
      });
    });
    return statements;
  });

  private statement = this.RULE('statement', (): A.Statement =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.letStatement) },
        { ALT: () => this.SUBRULE(this.setStatement) },
        {
          GATE: () => this.is(1, T.Declare) && this.LA(2).image === 'query_parameters',
          ALT: () => this.SUBRULE(this.declareStatement),
        },
        {
          ALT: () => {
            const expr = this.SUBRULE(this.pipeExpression);
            return this.ACTION(() => ({ kind: 'ExprStatement', expr, span: cover(expr) }) as A.ExprStatement);
          },
        },
      ],
    }),
  );

  private letStatement = this.RULE('letStatement', (): A.LetStatement => {
    const kw = this.CONSUME(T.Let);
    const name = this.SUBRULE(this.columnName);
    this.CONSUME(T.Equals);
    const value = this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.is(1, T.View) && this.is(2, T.LParen),
          ALT: () => {
            this.CONSUME(T.View);
            return this.SUBRULE(this.lambda);
          },
        },
        { GATE: () => this.lambdaAhead(), ALT: () => this.SUBRULE2(this.lambda) },
        { ALT: () => this.SUBRULE(this.pipeExpression) },
      ],
    });
    return this.ACTION(
      () => ({ kind: 'Let', name: name?.name, nameSpan: name?.span, value, span: cover(kw, value) }) as A.LetStatement,
    );
  });

  private setStatement = this.RULE('setStatement', (): A.SetStatement => {
    const kw = this.CONSUME(T.Set);
    const name = this.SUBRULE(this.dottedName);
    let value: Value | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      value = this.SUBRULE(this.paramValue);
    });
    return this.ACTION(() => ({ kind: 'Set', name: name?.name, value, span: cover(kw, name) }) as A.SetStatement);
  });

  private declareStatement = this.RULE('declareStatement', (): A.DeclareParameters => {
    const kw = this.CONSUME(T.Declare);
    this.CONSUME(T.Identifier); // query_parameters
    const params = this.SUBRULE(this.lambdaParameters);
    return this.ACTION(() => ({ kind: 'DeclareParameters', params, span: cover(kw) }) as A.DeclareParameters);
  });

  private lambda = this.RULE('lambda', (): A.Lambda => {
    const params = this.SUBRULE(this.lambdaParameters);
    const open = this.CONSUME(T.LBrace);
    const statements = this.SUBRULE(this.statementList);
    const close = this.CONSUME(T.RBrace);
    return this.ACTION(() => ({
      kind: 'Lambda',
      params,
      body: { kind: 'Block', statements, span: cover(open, close) },
      span: cover(open, close),
    }) as A.Lambda);
  });

  private lambdaParameters = this.RULE('lambdaParameters', (): A.LambdaParam[] => {
    const params: A.LambdaParam[] = [];
    this.CONSUME(T.LParen);
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const p = this.SUBRULE(this.lambdaParameter);
        this.ACTION(() => p && params.push(p));
      },
    });
    this.CONSUME(T.RParen);
    return params;
  });

  private lambdaParameter = this.RULE('lambdaParameter', (): A.LambdaParam => {
    const name = this.SUBRULE(this.columnName);
    this.CONSUME(T.Colon);
    const type = this.OR([
      {
        ALT: () => {
          const schema = this.SUBRULE(this.tabularSchema);
          return schema as A.LambdaParam['type'];
        },
      },
      { ALT: () => this.SUBRULE(this.typeName) as A.LambdaParam['type'] },
    ]);
    let def: A.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      def = this.SUBRULE(this.expression);
    });
    return this.ACTION(() => ({ name: name?.name, type, default: def, span: cover(name, def) }) as A.LambdaParam);
  });

  /** `(*)`, `(a:string, b:long)` or `(a:string, *)`: the schema of a tabular parameter. */
  private tabularSchema = this.RULE('tabularSchema', () => {
    const columns: A.ColumnDecl[] = [];
    let open = false;
    this.CONSUME(T.LParen);
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () =>
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.Star);
              open = true;
            },
          },
          {
            ALT: () => {
              const c = this.SUBRULE(this.columnDeclaration);
              this.ACTION(() => c && columns.push(c));
            },
          },
        ]),
    });
    this.CONSUME(T.RParen);
    return { columns, open };
  });

  // ── pipelines and operators ─────────────────────────────────────────────

  public pipeExpression = this.RULE('pipeExpression', (): A.Expr => {
    const source = this.SUBRULE(this.expression);
    const operators: A.Operator[] = [];
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      const op = this.SUBRULE(this.queryOperator);
      this.ACTION(() => op && operators.push(op));
    });
    return this.ACTION(() =>
      operators.length === 0
        ? source
        : ({ kind: 'Pipeline', source, operators, span: cover(source, ...operators) } as A.Pipeline),
    );
  });

  private queryOperator = this.RULE('queryOperator', (): A.Operator =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.whereOperator) },
        { ALT: () => this.SUBRULE(this.extendOperator) },
        { ALT: () => this.SUBRULE(this.projectOperator) },
        { ALT: () => this.SUBRULE(this.projectAwayOperator) },
        { ALT: () => this.SUBRULE(this.projectKeepOperator) },
        { ALT: () => this.SUBRULE(this.projectRenameOperator) },
        { ALT: () => this.SUBRULE(this.projectReorderOperator) },
        { ALT: () => this.SUBRULE(this.summarizeOperator) },
        { ALT: () => this.SUBRULE(this.countOperator) },
        { ALT: () => this.SUBRULE(this.distinctOperator) },
        { ALT: () => this.SUBRULE(this.sortOperator) },
        { ALT: () => this.SUBRULE(this.takeOperator) },
        { ALT: () => this.SUBRULE(this.topOperator) },
        { ALT: () => this.SUBRULE(this.topNestedOperator) },
        { ALT: () => this.SUBRULE(this.unionOperator) },
        { ALT: () => this.SUBRULE(this.searchOperator) },
        { ALT: () => this.SUBRULE(this.joinOperator) },
        { ALT: () => this.SUBRULE(this.lookupOperator) },
        { ALT: () => this.SUBRULE(this.mvExpandOperator) },
        { ALT: () => this.SUBRULE(this.mvApplyOperator) },
        { ALT: () => this.SUBRULE(this.makeSeriesOperator) },
        { ALT: () => this.SUBRULE(this.parseOperator) },
        { ALT: () => this.SUBRULE(this.parseKvOperator) },
        { ALT: () => this.SUBRULE(this.asOperator) },
        { ALT: () => this.SUBRULE(this.serializeOperator) },
        { ALT: () => this.SUBRULE(this.evaluateOperator) },
        { ALT: () => this.SUBRULE(this.invokeOperator) },
        { ALT: () => this.SUBRULE(this.getschemaOperator) },
        { ALT: () => this.SUBRULE(this.renderOperator) },
        { ALT: () => this.SUBRULE(this.topHittersOperator) },
        { ALT: () => this.SUBRULE(this.partitionOperator) },
        { ALT: () => this.SUBRULE(this.sampleOperator) },
        { ALT: () => this.SUBRULE(this.sampleDistinctOperator) },
        { ALT: () => this.SUBRULE(this.forkOperator) },
        { ALT: () => this.SUBRULE(this.facetOperator) },
        { ALT: () => this.SUBRULE(this.scanOperator) },
        { ALT: () => this.SUBRULE(this.makeGraphOperator) },
        { ALT: () => this.SUBRULE(this.graphMatchOperator) },
        { ALT: () => this.SUBRULE(this.graphToTableOperator) },
        { ALT: () => this.SUBRULE(this.unsupportedOperator) },
        { ALT: () => this.SUBRULE(this.unknownOperator) },
      ],
    }),
  );

  private whereOperator = this.RULE('whereOperator', (): A.Where => {
    const kw = this.CONSUME(T.Where);
    const predicate = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ kind: 'Where', predicate, span: cover(kw, predicate), keywordSpan: tokenSpan(kw) }) as A.Where);
  });

  private extendOperator = this.RULE('extendOperator', (): A.Extend => {
    const kw = this.CONSUME(T.Extend);
    const columns = this.SUBRULE(this.assignmentList);
    return this.ACTION(() => ({ kind: 'Extend', columns, span: cover(kw, ...columns), keywordSpan: tokenSpan(kw) }) as A.Extend);
  });

  private projectOperator = this.RULE('projectOperator', (): A.Project => {
    const kw = this.CONSUME(T.Project);
    const columns = this.SUBRULE(this.assignmentList);
    return this.ACTION(() => ({ kind: 'Project', columns, span: cover(kw, ...columns), keywordSpan: tokenSpan(kw) }) as A.Project);
  });

  private projectAwayOperator = this.RULE('projectAwayOperator', (): A.ProjectAway => {
    const kw = this.CONSUME(T.ProjectAway);
    const patterns = this.SUBRULE(this.namePatternList);
    return this.ACTION(() => ({ kind: 'ProjectAway', patterns, span: cover(kw, ...patterns), keywordSpan: tokenSpan(kw) }) as A.ProjectAway);
  });

  private projectKeepOperator = this.RULE('projectKeepOperator', (): A.ProjectKeep => {
    const kw = this.CONSUME(T.ProjectKeep);
    const patterns = this.SUBRULE(this.namePatternList);
    return this.ACTION(() => ({ kind: 'ProjectKeep', patterns, span: cover(kw, ...patterns), keywordSpan: tokenSpan(kw) }) as A.ProjectKeep);
  });

  private projectReorderOperator = this.RULE('projectReorderOperator', (): A.ProjectReorder => {
    const kw = this.CONSUME(T.ProjectReorder);
    const patterns = this.SUBRULE(this.namePatternList);
    return this.ACTION(() => ({ kind: 'ProjectReorder', patterns, span: cover(kw, ...patterns), keywordSpan: tokenSpan(kw) }) as A.ProjectReorder);
  });

  private projectRenameOperator = this.RULE('projectRenameOperator', (): A.ProjectRename => {
    const kw = this.CONSUME(T.ProjectRename);
    const renames: { to: string; from: string; span: Span }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const to = this.SUBRULE(this.columnName);
        this.CONSUME(T.Equals);
        const from = this.SUBRULE2(this.columnName);
        this.ACTION(() => renames.push({ to: to?.name, from: from?.name, span: cover(to, from) }));
      },
    });
    return this.ACTION(() => ({ kind: 'ProjectRename', renames, span: cover(kw, ...renames), keywordSpan: tokenSpan(kw) }) as A.ProjectRename);
  });

  private summarizeOperator = this.RULE('summarizeOperator', (): A.Summarize => {
    const kw = this.CONSUME(T.Summarize);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    let aggregates: A.Assignment[] = [];
    let by: A.Assignment[] = [];
    // After error recovery a sub-rule may have returned nothing: the lists stay empty then.
    this.OPTION({ GATE: () => !this.is(1, T.By), DEF: () => (aggregates = this.SUBRULE(this.assignmentList) ?? []) });
    this.OPTION2(() => {
      this.CONSUME(T.By);
      by = this.SUBRULE2(this.assignmentList) ?? [];
    });
    return this.ACTION(() => ({
      kind: 'Summarize', params, aggregates, by, span: cover(kw, ...aggregates, ...by), keywordSpan: tokenSpan(kw),
    }) as A.Summarize);
  });

  private countOperator = this.RULE('countOperator', (): A.Count => {
    const kw = this.CONSUME(T.Count);
    return this.ACTION(() => ({ kind: 'Count', span: tokenSpan(kw), keywordSpan: tokenSpan(kw) }) as A.Count);
  });

  private distinctOperator = this.RULE('distinctOperator', (): A.Distinct => {
    const kw = this.CONSUME(T.Distinct);
    this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    const columns: A.Expr[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const e = this.SUBRULE(this.expression);
        this.ACTION(() => e && columns.push(e));
      },
    });
    const all = columns.length === 1 && columns[0]?.kind === 'Star';
    return this.ACTION(() => ({ kind: 'Distinct', columns, all, span: cover(kw, ...columns), keywordSpan: tokenSpan(kw) }) as A.Distinct);
  });

  private sortOperator = this.RULE('sortOperator', (): A.Sort => {
    const kw = this.CONSUME(T.Sort);
    this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    this.CONSUME(T.By);
    const keys: A.SortKey[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const k = this.SUBRULE(this.sortKey);
        this.ACTION(() => k && keys.push(k));
      },
    });
    return this.ACTION(() => ({ kind: 'Sort', keys, span: cover(kw, ...keys), keywordSpan: tokenSpan(kw) }) as A.Sort);
  });

  private sortKey = this.RULE('sortKey', (): A.SortKey => {
    const expr = this.SUBRULE(this.expression);
    let descending = true; // Kusto sorts descending unless told otherwise
    let nulls: 'first' | 'last' | undefined;
    let last: IToken | undefined;
    this.OPTION(() => {
      last = this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]);
      descending = last.tokenType === T.Desc;
    });
    this.OPTION2(() => {
      this.CONSUME(T.Nulls);
      last = this.OR2([{ ALT: () => this.CONSUME(T.First) }, { ALT: () => this.CONSUME(T.Last) }]);
      nulls = last.tokenType === T.First ? 'first' : 'last';
    });
    return this.ACTION(() => ({ expr, descending, nulls, span: cover(expr, last) }) as A.SortKey);
  });

  private takeOperator = this.RULE('takeOperator', (): A.Take => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.Take) }, { ALT: () => this.CONSUME(T.Limit) }]);
    this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    const count = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ kind: 'Take', count, span: cover(kw, count), keywordSpan: tokenSpan(kw) }) as A.Take);
  });

  private topOperator = this.RULE('topOperator', (): A.Top => {
    const kw = this.CONSUME(T.Top);
    this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    const count = this.SUBRULE(this.expression);
    this.CONSUME(T.By);
    const key = this.SUBRULE(this.sortKey);
    return this.ACTION(() => ({ kind: 'Top', count, key, span: cover(kw, key), keywordSpan: tokenSpan(kw) }) as A.Top);
  });

  /** `top-nested clause, top-nested clause, ...`: the keyword starts every clause. */
  private topNestedOperator = this.RULE('topNestedOperator', (): A.TopNested => {
    const kw = this.CONSUME(T.TopNested);
    const levels: A.TopNestedLevel[] = [];
    const first = this.SUBRULE(this.topNestedClause);
    this.ACTION(() => first && levels.push(first));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.TopNested);
      const level = this.SUBRULE2(this.topNestedClause);
      this.ACTION(() => level && levels.push(level));
    });
    return this.ACTION(() => ({ kind: 'TopNested', levels, span: cover(kw, ...levels), keywordSpan: tokenSpan(kw) }) as A.TopNested);
  });

  /** `[N] of [Name =] Expr [with others = ConstExpr] by [Name =] Aggregation [asc | desc]`. */
  private topNestedClause = this.RULE('topNestedClause', (): A.TopNestedLevel => {
    let count: A.Expr | undefined;
    // `of` is also a name: N is there unless the clause starts with it.
    this.OPTION({ GATE: () => !this.is(1, T.Of), DEF: () => (count = this.SUBRULE(this.expression)) });
    const of = this.CONSUME(T.Of);
    const key = this.SUBRULE(this.assignment);
    let others: A.Expr | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.With);
      this.CONSUME(T.Others);
      this.CONSUME(T.Equals);
      others = this.SUBRULE2(this.expression);
    });
    this.CONSUME(T.By);
    const aggregation = this.SUBRULE2(this.assignment);
    let descending = true; // the top values are the largest unless `asc` is written
    let order: IToken | undefined;
    this.OPTION3(() => {
      order = this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]);
      descending = order.tokenType === T.Desc;
    });
    return this.ACTION(() => ({ count, key, others, aggregation, descending, span: cover(count, of, aggregation, order) }) as A.TopNestedLevel);
  });

  private unionOperator = this.RULE('unionOperator', (): A.UnionOp => {
    const union = this.SUBRULE(this.unionExpression);
    return this.ACTION(() => ({ kind: 'UnionOp', union, span: cover(union), keywordSpan: { start: cover(union).start, end: cover(union).start + 5 } }) as A.UnionOp);
  });

  private searchOperator = this.RULE('searchOperator', (): A.SearchOp => {
    const search = this.SUBRULE(this.searchExpression);
    return this.ACTION(() => ({ kind: 'SearchOp', search, span: cover(search), keywordSpan: { start: cover(search).start, end: cover(search).start + 6 } }) as A.SearchOp);
  });

  private joinOperator = this.RULE('joinOperator', (): A.Join => {
    const kw = this.CONSUME(T.Join);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['kind']] });
    const right = this.SUBRULE(this.postfixExpression);
    this.CONSUME(T.On);
    const on = this.SUBRULE(this.joinConditions);
    return this.ACTION(() => ({ kind: 'Join', params, right, on, span: cover(kw, right, ...on), keywordSpan: tokenSpan(kw) }) as A.Join);
  });

  private lookupOperator = this.RULE('lookupOperator', (): A.Lookup => {
    const kw = this.CONSUME(T.Lookup);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['kind']] });
    const right = this.SUBRULE(this.postfixExpression);
    this.CONSUME(T.On);
    const on = this.SUBRULE(this.joinConditions);
    return this.ACTION(() => ({ kind: 'Lookup', params, right, on, span: cover(kw, right, ...on), keywordSpan: tokenSpan(kw) }) as A.Lookup);
  });

  /** `a, $left.b == $right.c`: parsed as expressions, then checked to be one of the two forms. */
  private joinConditions = this.RULE('joinConditions', (): A.JoinCondition[] => {
    const conditions: A.JoinCondition[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const e = this.SUBRULE(this.expression);
        this.ACTION(() => {
          const cs = e && toJoinConditions(e);
          if (cs) conditions.push(...cs);
          else if (e) this.actionDiagnostics.push(diag.unexpectedToken('an expression', "a column name or '$left.a == $right.b'", e.span));
        });
      },
    });
    return conditions;
  });

  private mvExpandOperator = this.RULE('mvExpandOperator', (): A.MvExpand => {
    const kw = this.CONSUME(T.MvExpand);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['bagexpansion', 'with_itemindex', 'kind']] });
    const columns = this.SUBRULE(this.expandColumns);
    let limit: A.Expr | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.Limit);
      limit = this.SUBRULE(this.expression);
    });
    return this.ACTION(() => ({
      kind: 'MvExpand', legacy: kw.image === 'mvexpand', params, columns, limit, span: cover(kw, ...columns.map((c) => c.assignment), limit), keywordSpan: tokenSpan(kw),
    }) as A.MvExpand);
  });

  /** The `[Name =] Expr [to typeof(T)]` list that mv-expand and mv-apply share. */
  private expandColumns = this.RULE('expandColumns', (): { assignment: A.Assignment; toType?: ScalarType }[] => {
    const columns: { assignment: A.Assignment; toType?: ScalarType }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const assignment = this.SUBRULE(this.assignment);
        let toType: ScalarType | undefined;
        this.OPTION(() => {
          this.CONSUME(T.To);
          this.CONSUME(T.Typeof);
          this.CONSUME(T.LParen);
          toType = this.SUBRULE(this.typeName);
          this.CONSUME(T.RParen);
        });
        this.ACTION(() => columns.push({ assignment, toType }));
      },
    });
    return columns;
  });

  private mvApplyOperator = this.RULE('mvApplyOperator', (): A.MvApply => {
    const kw = this.CONSUME(T.MvApply);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['with_itemindex']] });
    const columns = this.SUBRULE(this.expandColumns);
    let limit: A.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Limit);
      limit = this.SUBRULE(this.expression);
    });
    this.CONSUME(T.On);
    this.CONSUME(T.LParen);
    const subquery: A.Operator[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Pipe,
      DEF: () => {
        const op = this.SUBRULE(this.queryOperator);
        this.ACTION(() => op && subquery.push(op));
      },
    });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ kind: 'MvApply', params, columns, limit, subquery, span: cover(kw, close), keywordSpan: tokenSpan(kw) }) as A.MvApply);
  });

  private makeSeriesOperator = this.RULE('makeSeriesOperator', (): A.MakeSeries => {
    const kw = this.CONSUME(T.MakeSeries);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['kind']] });
    const aggregates: { assignment: A.Assignment; default?: A.Expr }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const assignment = this.SUBRULE(this.assignment);
        let def: A.Expr | undefined;
        this.OPTION({
          GATE: () => this.LA(1).image === 'default' && this.is(2, T.Equals),
          DEF: () => {
            this.CONSUME(T.Identifier);
            this.CONSUME(T.Equals);
            def = this.SUBRULE(this.expression);
          },
        });
        this.ACTION(() => aggregates.push({ assignment, default: def }));
      },
    });
    this.CONSUME(T.On);
    const axis = this.SUBRULE(this.postfixExpression);
    let from: A.Expr | undefined;
    let to: A.Expr | undefined;
    let step!: A.Expr;
    let inRange = false;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.InOp);
          this.CONSUME(T.Range);
          this.CONSUME(T.LParen);
          from = this.SUBRULE2(this.expression);
          this.CONSUME(T.Comma);
          to = this.SUBRULE3(this.expression);
          this.CONSUME2(T.Comma);
          step = this.SUBRULE4(this.expression);
          this.CONSUME(T.RParen);
          inRange = true;
        },
      },
      {
        ALT: () => {
          this.OPTION2(() => {
            this.CONSUME(T.From);
            from = this.SUBRULE5(this.expression);
          });
          this.OPTION3(() => {
            this.CONSUME(T.To);
            to = this.SUBRULE6(this.expression);
          });
          this.CONSUME(T.Step);
          step = this.SUBRULE7(this.expression);
        },
      },
    ]);
    let by: A.Assignment[] = [];
    this.OPTION4(() => {
      this.CONSUME(T.By);
      by = this.SUBRULE(this.assignmentList);
    });
    return this.ACTION(() => ({
      kind: 'MakeSeries', params, aggregates, axis, from, to, step, inRange, by,
      span: cover(kw, step, ...by), keywordSpan: tokenSpan(kw),
    }) as A.MakeSeries);
  });

  private parseOperator = this.RULE('parseOperator', (): A.Parse => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.Parse) }, { ALT: () => this.CONSUME(T.ParseWhere) }]);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['kind', 'flags']] });
    const source = this.SUBRULE(this.expression);
    this.CONSUME(T.With);
    const parts: A.ParsePart[] = [];
    this.AT_LEAST_ONE(() => {
      const part = this.OR2([
        { ALT: () => {
          const t = this.CONSUME(T.Star);
          return { kind: 'star', span: tokenSpan(t) } as A.ParsePart;
        } },
        { ALT: () => {
          const t = this.CONSUME(T.StringLiteral);
          return this.ACTION(() => ({ kind: 'text', text: decodeString(t.image), span: tokenSpan(t) }) as A.ParsePart);
        } },
        { ALT: () => {
          const name = this.SUBRULE(this.columnName);
          let type: ScalarType | undefined;
          this.OPTION(() => {
            this.CONSUME(T.Colon);
            type = this.SUBRULE(this.typeName);
          });
          return this.ACTION(() => ({ kind: 'column', name: name?.name, type, span: cover(name) }) as A.ParsePart);
        } },
      ]);
      this.ACTION(() => part && parts.push(part));
    });
    return this.ACTION(() => ({
      kind: 'Parse', keyword: kw.image === 'parse' ? 'parse' : 'parse-where', params, source, parts,
      span: cover(kw, ...parts), keywordSpan: tokenSpan(kw),
    }) as A.Parse);
  });

  /** `parse-kv Expr as (Key: type, ...) [with (name = 'text' | true | false, ...)]`. */
  private parseKvOperator = this.RULE('parseKvOperator', (): A.ParseKv => {
    const kw = this.CONSUME(T.ParseKv);
    const source = this.SUBRULE(this.expression);
    this.CONSUME(T.As);
    const keys = this.SUBRULE(this.columnDeclarations);
    const params: A.OperatorParam[] = [];
    let close: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.With);
      this.CONSUME(T.LParen);
      this.MANY_SEP({
        SEP: T.Comma,
        DEF: () => {
          const name = this.CONSUME(T.Identifier);
          this.CONSUME(T.Equals);
          const value = this.SUBRULE(this.parseKvValue);
          this.ACTION(() => value && params.push({ name: name.image, value: value.value, span: cover(name, value.token) }));
        },
      });
      close = this.CONSUME(T.RParen);
    });
    return this.ACTION(() => ({
      kind: 'ParseKv', source, keys, params, span: cover(kw, source, ...keys, close), keywordSpan: tokenSpan(kw),
    }) as A.ParseKv);
  });

  /** A parse-kv parameter's value: a string literal or true/false; any other token is reported here. */
  private parseKvValue = this.RULE('parseKvValue', (): { value: Value; token: IToken } =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => {
          const token = this.CONSUME(T.StringLiteral);
          return this.ACTION(() => ({ value: decodeString(token.image), token }));
        } },
        { ALT: () => {
          const token = this.CONSUME(T.BoolLiteral);
          return { value: /^true$/i.test(token.image), token };
        } },
        { ALT: () => {
          const token = this.CONSUME(T.Skippable);
          this.ACTION(() => this.actionDiagnostics.push(diag.unexpectedToken(`'${token.image}'`, 'a string literal, true or false', tokenSpan(token))));
          return { value: null, token };
        } },
      ],
    }),
  );

  private asOperator = this.RULE('asOperator', (): A.As => {
    const kw = this.CONSUME(T.As);
    this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    const name = this.SUBRULE(this.columnName);
    return this.ACTION(() => ({ kind: 'As', name: name?.name, span: cover(kw, name), keywordSpan: tokenSpan(kw) }) as A.As);
  });

  private serializeOperator = this.RULE('serializeOperator', (): A.Serialize => {
    const kw = this.CONSUME(T.Serialize);
    let columns: A.Assignment[] = [];
    this.OPTION(() => (columns = this.SUBRULE(this.assignmentList)));
    return this.ACTION(() => ({ kind: 'Serialize', columns, span: cover(kw, ...columns), keywordSpan: tokenSpan(kw) }) as A.Serialize);
  });

  private evaluateOperator = this.RULE('evaluateOperator', (): A.Evaluate => {
    const kw = this.CONSUME(T.Evaluate);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    const plugin = this.SUBRULE(this.functionCall);
    return this.ACTION(() => ({ kind: 'Evaluate', plugin, params, span: cover(kw, plugin), keywordSpan: tokenSpan(kw) }) as A.Evaluate);
  });

  private invokeOperator = this.RULE('invokeOperator', (): A.Invoke => {
    const kw = this.CONSUME(T.Invoke);
    const call = this.SUBRULE(this.functionCall);
    return this.ACTION(() => ({ kind: 'Invoke', call, span: cover(kw, call), keywordSpan: tokenSpan(kw) }) as A.Invoke);
  });

  private getschemaOperator = this.RULE('getschemaOperator', (): A.GetSchema => {
    const kw = this.CONSUME(T.GetSchema);
    return this.ACTION(() => ({ kind: 'GetSchema', span: tokenSpan(kw), keywordSpan: tokenSpan(kw) }) as A.GetSchema);
  });

  /** `partition [hints] by Column (operators)` or `... by Column { expression }`. */
  private partitionOperator = this.RULE('partitionOperator', (): A.Partition => {
    const kw = this.CONSUME(T.Partition);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    this.CONSUME(T.By);
    const by = this.SUBRULE(this.columnName);
    const subquery = this.OR([
      { ALT: () => this.SUBRULE(this.subquery) as A.Partition['subquery'] },
      {
        ALT: () => {
          const open = this.CONSUME(T.LBrace);
          const expr = this.SUBRULE(this.pipeExpression);
          const close = this.CONSUME(T.RBrace);
          return this.ACTION(() => ({ kind: 'WithSource', expr, span: cover(open, close) }) as A.Partition['subquery']);
        },
      },
    ]);
    return this.ACTION(() => ({ kind: 'Partition', params, by, subquery, span: cover(kw, subquery), keywordSpan: tokenSpan(kw) }) as A.Partition);
  });

  /** `top-hitters N of Column [by SummingExpression]`. */
  private topHittersOperator = this.RULE('topHittersOperator', (): A.TopHitters => {
    const kw = this.CONSUME(T.TopHitters);
    const count = this.SUBRULE(this.expression);
    this.CONSUME(T.Of);
    const name = this.SUBRULE(this.columnName);
    let by: A.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.By);
      by = this.SUBRULE2(this.expression);
    });
    return this.ACTION(() => {
      const of: A.NameRef = { kind: 'Name', name: name.name, span: name.span };
      return { kind: 'TopHitters', count, of, by, span: cover(kw, name, ...(by ? [by] : [])), keywordSpan: tokenSpan(kw) } as A.TopHitters;
    });
  });

  /** `render Visualization [with (Property = Value, ...)]`: the properties only concern a chart, so they are skipped. */
  private renderOperator = this.RULE('renderOperator', (): A.Render => {
    const kw = this.CONSUME(T.Render);
    const visualization = this.SUBRULE(this.columnName);
    this.SUBRULE(this.skippedTokens);
    return this.ACTION(() => ({
      kind: 'Render', visualization: visualization.name, span: cover(kw, visualization), keywordSpan: tokenSpan(kw),
    }) as A.Render);
  });

  private sampleOperator = this.RULE('sampleOperator', (): A.Sample => {
    const kw = this.CONSUME(T.Sample);
    this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    const count = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ kind: 'Sample', count, span: cover(kw, count), keywordSpan: tokenSpan(kw) }) as A.Sample);
  });

  private sampleDistinctOperator = this.RULE('sampleDistinctOperator', (): A.SampleDistinct => {
    const kw = this.CONSUME(T.SampleDistinct);
    this.SUBRULE(this.operatorParameters, { ARGS: [[]] });
    const count = this.SUBRULE(this.expression);
    this.CONSUME(T.Of);
    const name = this.SUBRULE(this.columnName);
    return this.ACTION(() => {
      const column: A.NameRef = { kind: 'Name', name: name.name, span: name.span };
      return { kind: 'SampleDistinct', count, column, span: cover(kw, name), keywordSpan: tokenSpan(kw) } as A.SampleDistinct;
    });
  });

  /** `fork [name=](operators) ...`: each leg is a pipeline without its source. */
  private forkOperator = this.RULE('forkOperator', (): A.Fork => {
    const kw = this.CONSUME(T.Fork);
    const legs: A.Subquery[] = [];
    this.AT_LEAST_ONE(() => {
      let name: { name: string; span: Span } | undefined;
      this.OPTION({
        GATE: () => this.is(2, T.Equals),
        DEF: () => {
          name = this.SUBRULE(this.columnName);
          this.CONSUME(T.Equals);
        },
      });
      const leg = this.SUBRULE(this.subquery);
      this.ACTION(() => legs.push({ ...leg, name: name?.name ?? leg.name, span: name ? cover(name, leg) : leg.span }));
    });
    return this.ACTION(() => ({ kind: 'Fork', legs, span: cover(kw, ...legs), keywordSpan: tokenSpan(kw) }) as A.Fork);
  });

  /** `facet by Column, ... [with (operators)]`. */
  private facetOperator = this.RULE('facetOperator', (): A.Facet => {
    const kw = this.CONSUME(T.Facet);
    this.CONSUME(T.By);
    const columns: { name: string; span: Span }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const c = this.SUBRULE(this.columnName);
        this.ACTION(() => columns.push(c));
      },
    });
    let withClause: A.Subquery | undefined;
    this.OPTION(() => {
      this.CONSUME(T.With);
      withClause = this.SUBRULE(this.subquery);
    });
    return this.ACTION(() => ({
      kind: 'Facet', columns, with: withClause, span: cover(kw, ...columns, ...(withClause ? [withClause] : [])), keywordSpan: tokenSpan(kw),
    }) as A.Facet);
  });

  /** `(op | op ...)`: operators over an implicit source; a final `as Name` names the result. */
  private subquery = this.RULE('subquery', (): A.Subquery => {
    const open = this.CONSUME(T.LParen);
    const operators: A.Operator[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Pipe,
      DEF: () => {
        const op = this.SUBRULE(this.queryOperator);
        this.ACTION(() => op && operators.push(op));
      },
    });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const last = operators[operators.length - 1];
      return { name: last?.kind === 'As' ? last.name : undefined, operators, span: cover(open, close) };
    });
  });

  /** `scan [with_match_id=Name] [declare (Name:Type [= Default], ...)] with (step ...; ...)`. */
  private scanOperator = this.RULE('scanOperator', (): A.Scan => {
    const kw = this.CONSUME(T.Scan);
    let matchId: { name: string; span: Span } | undefined;
    this.OPTION({
      GATE: () => this.LA(1).image === 'with_match_id',
      DEF: () => {
        this.CONSUME(T.Identifier);
        this.CONSUME(T.Equals);
        matchId = this.SUBRULE(this.columnName);
      },
    });
    const declarations: A.ScanDeclaration[] = [];
    this.OPTION2(() => {
      this.CONSUME(T.Declare);
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({
        SEP: T.Comma,
        DEF: () => {
          const d = this.SUBRULE(this.scanDeclaration);
          this.ACTION(() => d && declarations.push(d));
        },
      });
      this.CONSUME(T.RParen);
    });
    this.CONSUME(T.With);
    this.CONSUME2(T.LParen);
    const steps: A.ScanStep[] = [];
    this.MANY(() => {
      const step = this.SUBRULE(this.scanStep);
      this.ACTION(() => step && steps.push(step));
    });
    const close = this.CONSUME2(T.RParen);
    this.ACTION(() => {
      if (steps.length === 0) this.actionDiagnostics.push(diag.unexpectedToken("')'", "'step'", tokenSpan(close)));
    });
    return this.ACTION(() => ({ kind: 'Scan', matchId, declarations, steps, span: cover(kw, close), keywordSpan: tokenSpan(kw) }) as A.Scan);
  });

  private scanDeclaration = this.RULE('scanDeclaration', (): A.ScanDeclaration => {
    const name = this.SUBRULE(this.columnName);
    this.CONSUME(T.Colon);
    const type = this.SUBRULE(this.typeName);
    let def: A.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      def = this.SUBRULE(this.expression);
    });
    return this.ACTION(() => ({ name: name?.name, type, default: def, span: cover(name, def) }) as A.ScanDeclaration);
  });

  private scanStep = this.RULE('scanStep', (): A.ScanStep => {
    const kw = this.CONSUME(T.Step);
    const name = this.SUBRULE(this.columnName);
    let output: A.ScanStep['output'] = 'all';
    this.OPTION({
      GATE: () => this.LA(1).image === 'output',
      DEF: () => {
        this.CONSUME(T.Identifier);
        this.CONSUME(T.Equals);
        const value = this.CONSUME2(T.Identifier);
        this.ACTION(() => {
          if (value.image === 'all' || value.image === 'last' || value.image === 'none') output = value.image;
          else this.actionDiagnostics.push(diag.unexpectedToken(`'${value.image}'`, "'all', 'last' or 'none'", tokenSpan(value)));
        });
      },
    });
    this.CONSUME(T.Colon);
    const condition = this.SUBRULE(this.expression);
    let assignments: A.Assignment[] = [];
    this.OPTION2(() => {
      this.CONSUME(T.Arrow);
      assignments = this.SUBRULE(this.assignmentList);
    });
    const end = this.CONSUME(T.Semicolon);
    return this.ACTION(() => ({
      name: name?.name, nameSpan: name?.span, output, condition, assignments, span: cover(kw, end),
    }) as A.ScanStep);
  });

  // ── graph operators ─────────────────────────────────────────────────────

  /** `make-graph Source --> Target [with Nodes on Id [, ...]]`. */
  private makeGraphOperator = this.RULE('makeGraphOperator', (): A.MakeGraph => {
    const kw = this.CONSUME(T.MakeGraph);
    const source = this.SUBRULE(this.columnName);
    this.CONSUME(T.Minus);
    this.CONSUME2(T.Minus);
    const arrow = this.CONSUME(T.Greater);
    const target = this.SUBRULE2(this.columnName);
    const nodes: { table: A.Expr; id: { name: string; span: Span } }[] = [];
    this.OPTION(() => {
      this.CONSUME(T.With);
      this.AT_LEAST_ONE_SEP({
        SEP: T.Comma,
        DEF: () => {
          const table = this.SUBRULE(this.postfixExpression);
          this.CONSUME(T.On);
          const id = this.SUBRULE3(this.columnName);
          this.ACTION(() => nodes.push({ table, id }));
        },
      });
    });
    return this.ACTION(() => ({
      kind: 'MakeGraph', source, target, nodes, span: cover(kw, arrow, target, ...nodes.map((n) => n.id)), keywordSpan: tokenSpan(kw),
    }) as A.MakeGraph);
  });

  /** `graph-match [cycles=...] Pattern [where Constraints] project Columns`. */
  private graphMatchOperator = this.RULE('graphMatchOperator', (): A.GraphMatch => {
    const kw = this.CONSUME(T.GraphMatch);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['cycles']] });
    const pattern: A.GraphSequence[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const sequence = this.SUBRULE(this.graphSequence);
        this.ACTION(() => pattern.push(sequence));
      },
    });
    let where: A.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Where);
      where = this.SUBRULE(this.expression);
    });
    const projectKw = this.CONSUME(T.Project);
    const project = this.SUBRULE(this.assignmentList);
    return this.ACTION(() => ({
      kind: 'GraphMatch', params, pattern, where, project, projectSpan: tokenSpan(projectKw),
      span: cover(kw, ...project), keywordSpan: tokenSpan(kw),
    }) as A.GraphMatch);
  });

  private graphSequence = this.RULE('graphSequence', (): A.GraphSequence => {
    const nodes: A.GraphNodePattern[] = [this.SUBRULE(this.graphNode)];
    const edges: A.GraphEdgePattern[] = [];
    this.MANY(() => {
      const edge = this.SUBRULE(this.graphEdge);
      const node = this.SUBRULE2(this.graphNode);
      this.ACTION(() => {
        edges.push(edge);
        nodes.push(node);
      });
    });
    return this.ACTION(() => ({ nodes, edges, span: cover(...nodes) }));
  });

  private graphNode = this.RULE('graphNode', (): A.GraphNodePattern => {
    const open = this.CONSUME(T.LParen);
    let name: string | undefined;
    this.OPTION(() => {
      name = this.CONSUME(T.Identifier).image;
    });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ name, span: cover(open, close) }));
  });

  /** `-->`, `<--`, `--`, or the same with `[name]`, `[name*min..max]` or `[*min..max]` between the dashes. */
  private graphEdge = this.RULE('graphEdge', (): A.GraphEdgePattern => {
    let left: IToken | undefined;
    let right: IToken | undefined;
    let name: string | undefined;
    let hops: { min: number; max: number } | undefined;
    this.OPTION(() => {
      left = this.CONSUME(T.Less);
    });
    const first = this.CONSUME(T.Minus);
    this.OPTION2(() => {
      this.CONSUME(T.LBracket);
      this.OPTION3(() => {
        name = this.CONSUME(T.Identifier).image;
      });
      this.OPTION4(() => {
        this.CONSUME(T.Star);
        const min = this.CONSUME(T.IntLiteral);
        this.CONSUME(T.DotDot);
        const max = this.CONSUME2(T.IntLiteral);
        this.ACTION(() => {
          hops = { min: Number(min.image), max: Number(max.image) };
          if (hops.min < 1) this.actionDiagnostics.push(diag.unexpectedToken(`'${min.image}'`, 'a minimum of at least 1', tokenSpan(min)));
          else if (hops.min > hops.max) this.actionDiagnostics.push(diag.unexpectedToken(`'${max.image}'`, `a maximum of at least ${min.image}`, tokenSpan(max)));
        });
      });
      this.CONSUME(T.RBracket);
    });
    const last = this.CONSUME2(T.Minus);
    this.OPTION5(() => {
      right = this.CONSUME(T.Greater);
    });
    return this.ACTION(() => {
      const span = cover(left ?? first, right ?? last);
      if (left && right) this.actionDiagnostics.push(diag.unexpectedToken("'>'", "an edge with one direction ('<-...-' or '-...->') or none", tokenSpan(right)));
      const direction = left ? 'left' : right ? 'right' : 'any';
      return { name, direction, hops, span } as A.GraphEdgePattern;
    });
  });

  /** `graph-to-table nodes|edges [as Name] [with_*_id=Column ...] [, ...]`. */
  private graphToTableOperator = this.RULE('graphToTableOperator', (): A.GraphToTable => {
    const kw = this.CONSUME(T.GraphToTable);
    const parts: A.GraphTablePart[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const part = this.SUBRULE(this.graphTablePart);
        this.ACTION(() => part && parts.push(part));
      },
    });
    return this.ACTION(() => ({ kind: 'GraphToTable', parts, span: cover(kw, ...parts), keywordSpan: tokenSpan(kw) }) as A.GraphToTable);
  });

  private graphTablePart = this.RULE('graphTablePart', (): A.GraphTablePart | undefined => {
    const what = this.CONSUME(T.Identifier);
    let as: IToken | undefined;
    const params: A.OperatorParam[] = [];
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.As);
            as = this.CONSUME2(T.Identifier);
          },
        },
        {
          GATE: () => this.paramAhead(GRAPH_ID_PARAMETERS),
          ALT: () => {
            const name = this.CONSUME3(T.Identifier);
            this.CONSUME(T.Equals);
            const column = this.CONSUME4(T.Identifier);
            this.ACTION(() => params.push({ name: name.image, value: column.image, span: cover(name, column) }));
          },
        },
      ]);
    });
    return this.ACTION(() => {
      if (what.image !== 'nodes' && what.image !== 'edges') {
        this.actionDiagnostics.push(diag.unexpectedToken(`'${what.image}'`, "'nodes' or 'edges'", tokenSpan(what)));
        return undefined;
      }
      return { what: what.image, as: as?.image, params, span: cover(what, as ?? what, ...params) } as A.GraphTablePart;
    });
  });

  /** A real KQL operator that kqlx does not run: its arguments are skipped, and the binder refuses it by name. */
  private unsupportedOperator = this.RULE('unsupportedOperator', (): A.Unsupported => {
    const kw = this.CONSUME(T.UnsupportedOperatorName);
    this.SUBRULE(this.skippedTokens);
    return this.ACTION(() => ({ kind: 'Unsupported', name: kw.image, span: tokenSpan(kw), keywordSpan: tokenSpan(kw) }) as A.Unsupported);
  });

  /** A word after `|` that is no KQL operator: a syntax error, after which parsing resumes at the next `|`. */
  private unknownOperator = this.RULE('unknownOperator', (): A.Unsupported => {
    const kw = this.CONSUME(T.Identifier);
    const after = this.LA(1);
    this.SUBRULE(this.skippedTokens);
    return this.ACTION(() => {
      const known = isPlainOperatorName(kw.image);
      if (tokenMatcher(kw, T.Find)) {
        this.actionDiagnostics.push(diag.misplacedOperator('find', "after '|': it starts a query, reading its own tables", tokenSpan(kw)));
      } else if (tokenMatcher(kw, T.Search)) {
        // What follows cannot start search's arguments, or the search rule would have taken it.
        this.actionDiagnostics.push(diag.missingOperand('search', tokenSpan(kw)));
      } else if (tokenMatcher(kw, T.Scan)) {
        // Likewise: what follows cannot start scan's clauses.
        const found = after.tokenType === EOF ? 'the end of the query' : `'${after.image}'`;
        this.actionDiagnostics.push(diag.unexpectedToken(found, "'with'", after.tokenType === EOF ? tokenSpan(kw) : tokenSpan(after)));
      } else if (!known) this.actionDiagnostics.push(diag.unknownOperator(kw.image, PIPE_OPERATOR_NAMES, tokenSpan(kw)));
      return { kind: 'Unsupported', name: kw.image, span: tokenSpan(kw), keywordSpan: tokenSpan(kw) } as A.Unsupported;
    });
  });

  /** Tokens up to the next top-level `|`, `;` or closing bracket, with brackets balanced. */
  private skippedTokens = this.RULE('skippedTokens', () => {
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.bracketedTokens) },
        { ALT: () => this.CONSUME(T.Skippable) },
      ]),
    );
  });

  private bracketedTokens = this.RULE('bracketedTokens', () => {
    const inner = () =>
      this.MANY(() =>
        this.OR([
          { ALT: () => this.SUBRULE(this.bracketedTokens) },
          { ALT: () => this.CONSUME(T.Skippable) },
          { ALT: () => this.CONSUME(T.Pipe) },
          { ALT: () => this.CONSUME(T.Semicolon) },
        ]),
      );
    this.OR2([
      { ALT: () => { this.CONSUME(T.LParen); inner(); this.CONSUME(T.RParen); } },
      { ALT: () => { this.CONSUME(T.LBracket); this.MANY2(() => this.OR3([
        { ALT: () => this.SUBRULE2(this.bracketedTokens) },
        { ALT: () => this.CONSUME2(T.Skippable) },
        { ALT: () => this.CONSUME2(T.Pipe) },
      ])); this.CONSUME(T.RBracket); } },
      { ALT: () => { this.CONSUME(T.LBrace); this.MANY3(() => this.OR4([
        { ALT: () => this.SUBRULE3(this.bracketedTokens) },
        { ALT: () => this.CONSUME3(T.Skippable) },
        { ALT: () => this.CONSUME3(T.Pipe) },
        { ALT: () => this.CONSUME3(T.Semicolon) },
      ])); this.CONSUME(T.RBrace); } },
    ]);
  });

  /** `kind=inner hint.strategy=broadcast ...`: the named parameters an operator accepts. */
  private operatorParameters = this.RULE('operatorParameters', (allowed: readonly string[] = []): A.OperatorParam[] => {
    const params: A.OperatorParam[] = [];
    this.MANY({
      GATE: () => this.paramAhead(allowed),
      DEF: () => {
        const name = this.SUBRULE(this.dottedName);
        this.CONSUME(T.Equals);
        const value = this.SUBRULE(this.paramValue);
        this.ACTION(() => params.push({ name: name?.name, value, span: cover(name) }));
      },
    });
    return params;
  });

  private dottedName = this.RULE('dottedName', (): { name: string; span: Span } => {
    const first = this.CONSUME(T.Identifier);
    let name = first.image;
    let last = first;
    this.MANY(() => {
      this.CONSUME(T.Dot);
      last = this.CONSUME2(T.Identifier);
      name += `.${last.image}`;
    });
    return { name, span: cover(first, last) };
  });

  private paramValue = this.RULE('paramValue', (): Value =>
    this.OR([
      { ALT: () => decodeString(this.CONSUME(T.StringLiteral).image) },
      { ALT: () => Number(this.CONSUME(T.IntLiteral).image) },
      { ALT: () => Number(this.CONSUME(T.RealLiteral).image) },
      { ALT: () => /^true$/i.test(this.CONSUME(T.BoolLiteral).image) },
      { ALT: () => this.CONSUME(T.TimespanLiteral).image },
      { ALT: () => this.CONSUME(T.Identifier).image },
    ]),
  );

  // ── tabular sources with their own syntax ───────────────────────────────

  private unionExpression = this.RULE('unionExpression', (): A.Union => {
    const kw = this.CONSUME(T.Union);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['kind', 'withsource', 'isfuzzy']] });
    const tables: A.Expr[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const t = this.SUBRULE(this.tableReference);
        this.ACTION(() => t && tables.push(t));
      },
    });
    return this.ACTION(() => ({ kind: 'Union', params, tables, span: cover(kw, ...tables) }) as A.Union);
  });

  /** A table in union's, search's or find's list: an expression, `*`, or a name with an adjacent `*` (`Security*`). */
  private tableReference = this.RULE('tableReference', (): A.Expr => {
    const t = this.SUBRULE(this.postfixExpression);
    let star: IToken | undefined;
    this.OPTION({ GATE: () => this.is(1, T.Star) && this.adjacent(1), DEF: () => (star = this.CONSUME(T.Star)) });
    return this.ACTION(() => (star && t?.kind === 'Name' ? { kind: 'Name', name: `${t.name}*`, span: cover(t, star) } : t) as A.Expr);
  });

  /** `in (T1, (T2 | where ...), Prefix*)`: the tables search and find read. */
  private tableSources = this.RULE('tableSources', (): A.Expr[] => {
    const op = this.CONSUME(T.InOp);
    this.ACTION(() => {
      if (op.image !== 'in') this.actionDiagnostics.push(diag.unexpectedToken(`'${op.image}'`, "'in'", tokenSpan(op)));
    });
    this.CONSUME(T.LParen);
    const tables: A.Expr[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const t = this.SUBRULE(this.tableReference);
        this.ACTION(() => t && tables.push(t));
      },
    });
    this.CONSUME(T.RParen);
    return tables;
  });

  /** `search [kind=...] [in (Tables)] Predicate`, as a query's source or after a pipe. */
  private searchExpression = this.RULE('searchExpression', (): A.Search => {
    const kw = this.CONSUME(T.Search);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['kind']] });
    let tables: A.Expr[] | undefined;
    this.OPTION(() => (tables = this.SUBRULE(this.tableSources)));
    const caseSensitive = this.ACTION(() => searchCaseSensitivity(params, this.actionDiagnostics));
    const predicate = this.SUBRULE(this.searchPredicate, { ARGS: [caseSensitive] });
    return this.ACTION(() => ({
      kind: 'Search', tables, predicate: caseSensitive ? caseSensitivePredicate(predicate) : predicate, span: cover(kw, predicate),
    }) as A.Search);
  });

  /** `find [withsource=Col] [in (Tables)] where Predicate [project-smart | project ...]`, or `find Predicate [...]`. */
  private findExpression = this.RULE('findExpression', (): A.Find => {
    const kw = this.CONSUME(T.Find);
    const params = this.SUBRULE(this.operatorParameters, { ARGS: [['withsource']] });
    let tables: A.Expr[] | undefined;
    this.OPTION(() => (tables = this.SUBRULE(this.tableSources)));
    const next = this.LA(1);
    let where: IToken | undefined;
    this.OPTION2(() => (where = this.CONSUME(T.Where)));
    this.ACTION(() => {
      // Only the short form goes without `where`; at the end of the query the missing predicate is the error.
      if (!where && (params.length > 0 || tables) && next.tokenType !== EOF) {
        this.actionDiagnostics.push(diag.unexpectedToken(`'${next.image}'`, "'where'", tokenSpan(next)));
      }
    });
    const predicate = this.SUBRULE(this.searchPredicate, { ARGS: [false] });
    let project: A.FindProject | undefined;
    let last: Spanned = predicate;
    this.OPTION3(() =>
      this.OR([
        { ALT: () => (last = this.CONSUME(T.ProjectSmart)) },
        {
          ALT: () => {
            const p = this.SUBRULE(this.findProjection);
            this.ACTION(() => {
              project = p.projection;
              last = { span: p.span };
            });
          },
        },
      ]),
    );
    return this.ACTION(() => ({
      kind: 'Find', withSource: params.find((p) => p.name === 'withsource')?.value as string | undefined, tables, predicate, project,
      span: cover(kw, last),
    }) as A.Find);
  });

  /** find's `project Col[:type], ..., [pack_all()]`; pack_all() comes last. */
  private findProjection = this.RULE('findProjection', (): { projection: A.FindProject; span: Span } => {
    const kw = this.CONSUME(T.Project);
    const columns: { name: string; type?: ScalarType; span: Span }[] = [];
    let packAll: Span | undefined;
    let end: Span = tokenSpan(kw);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () =>
        this.OR({ IGNORE_AMBIGUITIES: true, DEF: [
          {
            GATE: () => this.LA(1).image === 'pack_all' && this.is(2, T.LParen),
            ALT: () => {
              const name = this.CONSUME(T.Identifier);
              this.CONSUME(T.LParen);
              const close = this.CONSUME(T.RParen);
              this.ACTION(() => {
                if (packAll) this.actionDiagnostics.push(diag.unexpectedToken("'pack_all'", "the end of find's project list", tokenSpan(name)));
                packAll = end = cover(name, close);
              });
            },
          },
          {
            ALT: () => {
              const name = this.SUBRULE(this.columnName);
              let type: ScalarType | undefined;
              let typeToken: IToken | undefined;
              this.OPTION(() => {
                this.CONSUME(T.Colon);
                typeToken = this.LA(1);
                type = this.SUBRULE(this.typeName);
              });
              this.ACTION(() => {
                if (packAll) this.actionDiagnostics.push(diag.unexpectedToken(`'${name.name}'`, "the end of find's project list after pack_all()", name.span));
                end = cover(name, typeToken);
                columns.push({ name: name.name, type, span: end });
              });
            },
          },
        ] }),
    });
    return { projection: { columns, packAll: packAll !== undefined }, span: cover(kw, { span: end }) };
  });

  /** A search or find predicate: search factors joined by `and` and `or`. */
  private searchPredicate = this.RULE('searchPredicate', (caseSensitive = false): A.Expr => {
    let left = this.SUBRULE(this.searchConjunction, { ARGS: [caseSensitive] });
    this.MANY(() => {
      const op = this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.searchConjunction, { ARGS: [caseSensitive] });
      this.ACTION(() => (left = binary('or', left, right, op)));
    });
    return left;
  });

  private searchConjunction = this.RULE('searchConjunction', (caseSensitive = false): A.Expr => {
    let left = this.SUBRULE(this.searchFactor, { ARGS: [caseSensitive] });
    this.MANY(() => {
      const op = this.CONSUME(T.And);
      const right = this.SUBRULE2(this.searchFactor, { ARGS: [caseSensitive] });
      this.ACTION(() => (left = binary('and', left, right, op)));
    });
    return left;
  });

  /**
   * A term (`"err"`, `"err*"`), `Col:"term"`, `*` alone, a parenthesised or negated predicate, or an
   * ordinary expression (`x == 1`, `* has "err"`). A string or `*` followed by an operator belongs to
   * the expression.
   */
  private searchFactor = this.RULE('searchFactor', (caseSensitive = false): A.Expr =>
    this.OR({ IGNORE_AMBIGUITIES: true, DEF: [
      {
        GATE: () => this.termAhead(),
        ALT: () => {
          const term = this.SUBRULE(this.stringLiteral);
          return this.ACTION(() => termPredicate({ kind: 'Star', span: term.span }, term.value as string, term.span, caseSensitive));
        },
      },
      {
        GATE: () => this.is(2, T.Colon),
        ALT: () => {
          const name = this.SUBRULE(this.columnName);
          this.CONSUME(T.Colon);
          const term = this.SUBRULE2(this.stringLiteral);
          return this.ACTION(() => {
            const column: A.NameRef = { kind: 'Name', name: name.name, span: name.span };
            return termPredicate(column, term.value as string, cover(name, term), caseSensitive);
          });
        },
      },
      {
        GATE: () => !this.continues(2),
        ALT: () => {
          const star = this.CONSUME(T.Star);
          return { kind: 'Literal', type: 'bool', value: true, span: tokenSpan(star) } as A.Literal;
        },
      },
      {
        GATE: () => this.is(1, T.LParen) && this.groupAhead(1),
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.searchPredicate, { ARGS: [caseSensitive] });
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() => ({ kind: 'Paren', inner, span: cover(open, close) }) as A.Paren);
        },
      },
      {
        GATE: () => this.LA(1).image === 'not' && this.is(2, T.LParen) && this.groupAhead(2),
        ALT: () => {
          const name = this.CONSUME(T.Identifier);
          this.CONSUME2(T.LParen);
          const inner = this.SUBRULE2(this.searchPredicate, { ARGS: [caseSensitive] });
          const close = this.CONSUME2(T.RParen);
          return this.ACTION(() => ({
            kind: 'Call', name: 'not', nameSpan: tokenSpan(name), args: [inner], argNames: [undefined], span: cover(name, close),
          }) as A.Call);
        },
      },
      { ALT: () => this.SUBRULE(this.comparisonExpression) },
    ] }),
  );

  private datatableExpression = this.RULE('datatableExpression', (): A.Datatable => {
    const kw = this.CONSUME(T.Datatable);
    const columns = this.SUBRULE(this.columnDeclarations);
    this.CONSUME(T.LBracket);
    const values: A.Expr[] = [];
    this.MANY(() => {
      const v = this.SUBRULE(this.expression);
      this.ACTION(() => v && values.push(v));
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    const close = this.CONSUME(T.RBracket);
    return this.ACTION(() => ({ kind: 'Datatable', columns, values, span: cover(kw, close) }) as A.Datatable);
  });

  private printExpression = this.RULE('printExpression', (): A.Print => {
    const kw = this.CONSUME(T.Print);
    const columns = this.SUBRULE(this.assignmentList);
    return this.ACTION(() => ({ kind: 'Print', columns, span: cover(kw, ...columns) }) as A.Print);
  });

  private rangeExpression = this.RULE('rangeExpression', (): A.RangeSource => {
    const kw = this.CONSUME(T.Range);
    const column = this.SUBRULE(this.columnName);
    this.CONSUME(T.From);
    const from = this.SUBRULE(this.expression);
    this.CONSUME(T.To);
    const to = this.SUBRULE2(this.expression);
    this.CONSUME(T.Step);
    const step = this.SUBRULE3(this.expression);
    return this.ACTION(() => ({ kind: 'Range', column: column?.name, from, to, step, span: cover(kw, step) }) as A.RangeSource);
  });

  private externalDataExpression = this.RULE('externalDataExpression', (): A.ExternalData => {
    const kw = this.CONSUME(T.ExternalData);
    const columns = this.SUBRULE(this.columnDeclarations);
    this.CONSUME(T.LBracket);
    const uris: A.Expr[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const u = this.SUBRULE(this.expression);
        this.ACTION(() => u && uris.push(u));
      },
    });
    let close = this.CONSUME(T.RBracket);
    const properties: A.OperatorParam[] = [];
    this.OPTION(() => {
      this.CONSUME(T.With);
      this.CONSUME(T.LParen);
      this.MANY_SEP2({
        SEP: T.Comma,
        DEF: () => {
          const name = this.SUBRULE(this.dottedName);
          this.CONSUME(T.Equals);
          const value = this.SUBRULE(this.paramValue);
          this.ACTION(() => properties.push({ name: name?.name, value, span: cover(name) }));
        },
      });
      close = this.CONSUME(T.RParen);
    });
    return this.ACTION(() => ({ kind: 'ExternalData', columns, uris, properties, span: cover(kw, close) }) as A.ExternalData);
  });

  private columnDeclarations = this.RULE('columnDeclarations', (): A.ColumnDecl[] => {
    const columns: A.ColumnDecl[] = [];
    this.CONSUME(T.LParen);
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const c = this.SUBRULE(this.columnDeclaration);
        this.ACTION(() => c && columns.push(c));
      },
    });
    this.CONSUME(T.RParen);
    return columns;
  });

  private columnDeclaration = this.RULE('columnDeclaration', (): A.ColumnDecl => {
    const name = this.SUBRULE(this.columnName);
    this.CONSUME(T.Colon);
    const type = this.SUBRULE(this.typeName);
    return this.ACTION(() => ({ name: name?.name, type, span: cover(name) }) as A.ColumnDecl);
  });

  private typeName = this.RULE('typeName', (): ScalarType => {
    const t = this.CONSUME(T.Identifier);
    return this.ACTION(() => {
      const type = parseTypeName(t.image);
      if (!type) this.actionDiagnostics.push(diag.unexpectedToken(`'${t.image}'`, 'a type name', tokenSpan(t)));
      return type ?? 'dynamic';
    });
  });

  // ── assignments and names ───────────────────────────────────────────────

  private assignmentList = this.RULE('assignmentList', (): A.Assignment[] => {
    const list: A.Assignment[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const a = this.SUBRULE(this.assignment);
        this.ACTION(() => a && list.push(a));
      },
    });
    return list;
  });

  private assignment = this.RULE('assignment', (): A.Assignment =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.namedAssignAhead(),
          ALT: () => {
            const name = this.SUBRULE(this.columnName);
            this.CONSUME(T.Equals);
            const expr = this.SUBRULE(this.expression);
            return this.ACTION(() => ({ names: [name?.name], expr, span: cover(name, expr) }));
          },
        },
        {
          GATE: () => this.tupleAssignAhead(),
          ALT: () => {
            const open = this.CONSUME(T.LParen);
            const names: string[] = [];
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => names.push(this.CONSUME(T.Identifier).image) });
            this.CONSUME(T.RParen);
            this.CONSUME2(T.Equals);
            const expr = this.SUBRULE2(this.expression);
            return this.ACTION(() => ({ names, expr, span: cover(open, expr) }));
          },
        },
        {
          ALT: () => {
            const expr = this.SUBRULE3(this.expression);
            return this.ACTION(() => ({ names: [], expr, span: cover(expr) }));
          },
        },
      ],
    }),
  );

  /** `Name` or `['Name with spaces']`. */
  private columnName = this.RULE('columnName', (): { name: string; span: Span } =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.Identifier);
          return { name: t.image, span: tokenSpan(t) };
        },
      },
      {
        ALT: () => {
          const open = this.CONSUME(T.LBracket);
          const s = this.CONSUME(T.StringLiteral);
          const close = this.CONSUME(T.RBracket);
          return this.ACTION(() => ({ name: decodeString(s.image), span: cover(open, close) }));
        },
      },
    ]),
  );

  /** Column names and wildcard patterns (`Device*`, `*_s`), as project-away and friends take them. */
  private namePatternList = this.RULE('namePatternList', (): A.NamePattern[] => {
    const list: A.NamePattern[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const p = this.SUBRULE(this.namePattern);
        this.ACTION(() => p && list.push(p));
      },
    });
    return list;
  });

  private namePattern = this.RULE('namePattern', (): A.NamePattern => {
    const parts: string[] = [];
    const spans: Spanned[] = [];
    const piece = (first: boolean) =>
      (first ? this.OR.bind(this) : this.OR3.bind(this))([
        {
          ALT: () => {
            const n = first ? this.SUBRULE(this.columnName) : this.SUBRULE2(this.columnName);
            this.ACTION(() => {
              parts.push(n?.name);
              spans.push(n);
            });
          },
        },
        {
          ALT: () => {
            const s = first ? this.CONSUME(T.Star) : this.CONSUME2(T.Star);
            this.ACTION(() => {
              parts.push('*');
              spans.push(s);
            });
          },
        },
      ]);
    piece(true);
    this.MANY({ GATE: () => this.adjacent(1) && (this.is(1, T.Star) || this.is(1, T.Identifier)), DEF: () => piece(false) });
    let descending: boolean | undefined;
    this.OPTION(() => {
      const dir = this.OR2([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]);
      descending = dir.tokenType === T.Desc;
    });
    return this.ACTION(() => ({ pattern: parts.join(''), descending, span: cover(...spans) }));
  });

  // ── expressions, lowest precedence first ────────────────────────────────

  public expression = this.RULE('expression', (): A.Expr => this.SUBRULE(this.orExpression));

  private orExpression = this.RULE('orExpression', (): A.Expr => {
    let left = this.SUBRULE(this.andExpression);
    this.MANY(() => {
      const op = this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.andExpression);
      this.ACTION(() => (left = binary('or', left, right, op)));
    });
    return left;
  });

  private andExpression = this.RULE('andExpression', (): A.Expr => {
    let left = this.SUBRULE(this.comparisonExpression);
    this.MANY(() => {
      const op = this.CONSUME(T.And);
      const right = this.SUBRULE2(this.comparisonExpression);
      this.ACTION(() => (left = binary('and', left, right, op)));
    });
    return left;
  });

  private comparisonExpression = this.RULE('comparisonExpression', (): A.Expr => {
    let left = this.SUBRULE(this.additiveExpression);
    this.MANY(() =>
      this.OR([
        {
          ALT: () => {
            const op = this.OR2(COMPARE_TOKENS.map((t) => ({ ALT: () => this.CONSUME(t) })));
            const right = this.SUBRULE2(this.additiveExpression);
            this.ACTION(() => (left = binary(op.image === '<>' ? '!=' : (op.image as A.BinaryOp), left, right, op)));
          },
        },
        {
          ALT: () => {
            const op = this.OR3([{ ALT: () => this.CONSUME(T.StringOp) }, { ALT: () => this.CONSUME(T.NotStringOp) }]);
            const right = this.SUBRULE3(this.additiveExpression);
            this.ACTION(() => (left = binary((STRING_OP_ALIASES[op.image] ?? op.image) as A.BinaryOp, left, right, op)));
          },
        },
        {
          ALT: () => {
            const op = this.CONSUME(T.Matches);
            this.CONSUME(T.Regex);
            const right = this.SUBRULE4(this.additiveExpression);
            this.ACTION(() => (left = binary('matches regex', left, right, op)));
          },
        },
        {
          ALT: () => {
            const op = this.OR4([
              { ALT: () => this.CONSUME(T.InOp) },
              { ALT: () => this.CONSUME(T.NotIn) },
              { ALT: () => this.CONSUME(T.HasAny) },
            ]);
            this.CONSUME(T.LParen);
            const items: A.Expr[] = [];
            this.MANY_SEP({
              SEP: T.Comma,
              DEF: () => {
                const item = this.SUBRULE(this.pipeExpression);
                this.ACTION(() => item && items.push(item));
              },
            });
            const close = this.CONSUME(T.RParen);
            this.ACTION(() => {
              const l = left;
              left = { kind: 'InList', op: op.image as A.ListOp, left: l, items, opSpan: tokenSpan(op), span: cover(l, close) };
            });
          },
        },
        {
          ALT: () => {
            const op = this.OR5([{ ALT: () => this.CONSUME(T.Between) }, { ALT: () => this.CONSUME(T.NotBetween) }]);
            this.CONSUME2(T.LParen);
            const low = this.SUBRULE5(this.additiveExpression);
            this.CONSUME(T.DotDot);
            const high = this.SUBRULE6(this.additiveExpression);
            const close = this.CONSUME2(T.RParen);
            this.ACTION(() => {
              const l = left;
              left = { kind: 'Between', negated: op.tokenType === T.NotBetween, left: l, low, high, span: cover(l, close) };
            });
          },
        },
      ]),
    );
    return left;
  });

  private additiveExpression = this.RULE('additiveExpression', (): A.Expr => {
    let left = this.SUBRULE(this.multiplicativeExpression);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      const right = this.SUBRULE2(this.multiplicativeExpression);
      this.ACTION(() => (left = binary(op.image as A.BinaryOp, left, right, op)));
    });
    return left;
  });

  private multiplicativeExpression = this.RULE('multiplicativeExpression', (): A.Expr => {
    let left = this.SUBRULE(this.unaryExpression);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      const right = this.SUBRULE2(this.unaryExpression);
      this.ACTION(() => (left = binary(op.image as A.BinaryOp, left, right, op)));
    });
    return left;
  });

  private unaryExpression = this.RULE('unaryExpression', (): A.Expr =>
    this.OR([
      {
        ALT: () => {
          const op = this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
          const operand = this.SUBRULE(this.unaryExpression);
          return this.ACTION(() => negateLiteral(op, operand));
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpression) },
    ]),
  );

  public postfixExpression = this.RULE('postfixExpression', (): A.Expr => {
    let object = this.SUBRULE(this.primaryExpression);
    this.MANY(() =>
      this.OR({ IGNORE_AMBIGUITIES: true, DEF: [
        {
          // `x.[0]` and `x.["a"]`: an index written after a dot, as some rules do.
          GATE: () => this.is(2, T.LBracket) && !(this.is(3, T.StringLiteral) && this.is(4, T.RBracket)),
          ALT: () => {
            this.CONSUME2(T.Dot);
            this.CONSUME2(T.LBracket);
            const index = this.SUBRULE2(this.expression);
            const close = this.CONSUME2(T.RBracket);
            this.ACTION(() => {
              const o = object;
              object = { kind: 'Index', object: o, index, span: cover(o, close) };
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            const name = this.SUBRULE(this.columnName);
            this.ACTION(() => {
              const o = object;
              object = { kind: 'Member', object: o, name: name?.name, span: cover(o, name) };
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expression);
            const close = this.CONSUME(T.RBracket);
            this.ACTION(() => {
              const o = object;
              object = { kind: 'Index', object: o, index, span: cover(o, close) };
            });
          },
        },
      ] }),
    );
    return object;
  });

  private primaryExpression = this.RULE('primaryExpression', (): A.Expr =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.stringLiteral) },
        { ALT: () => literalOf(this.CONSUME(T.IntLiteral), 'long', (t) => Number(t)) },
        { ALT: () => literalOf(this.CONSUME(T.RealLiteral), 'real', (t) => Number(t)) },
        { ALT: () => literalOf(this.CONSUME(T.BoolLiteral), 'bool', (t) => /^true$/i.test(t)) },
        {
          ALT: () => {
            const t = this.CONSUME(T.TimespanLiteral);
            return this.ACTION(() => typedLiteral(`timespan(${t.image})`, tokenSpan(t), this.actionDiagnostics));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.TypedLiteral);
            return this.ACTION(() => typedLiteral(t.image, tokenSpan(t), this.actionDiagnostics));
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(T.LParen);
            const inner = this.SUBRULE(this.pipeExpression);
            const close = this.CONSUME(T.RParen);
            return this.ACTION(() => ({ kind: 'Paren', inner, span: cover(open, close) }) as A.Paren);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Star);
            return { kind: 'Star', span: tokenSpan(t) } as A.Star;
          },
        },
        { ALT: () => this.SUBRULE(this.unionExpression) },
        { GATE: () => this.sourceWordAhead(), ALT: () => this.SUBRULE(this.searchExpression) },
        { GATE: () => this.sourceWordAhead(), ALT: () => this.SUBRULE(this.findExpression) },
        { ALT: () => this.SUBRULE(this.datatableExpression) },
        { GATE: () => !this.is(2, T.LParen), ALT: () => this.SUBRULE(this.printExpression) },
        { GATE: () => this.is(3, T.From), ALT: () => this.SUBRULE(this.rangeExpression) },
        { ALT: () => this.SUBRULE(this.externalDataExpression) },
        {
          GATE: () => this.LA(1).image === 'dynamic' && this.is(2, T.LParen),
          ALT: () => this.SUBRULE(this.dynamicLiteral),
        },
        { GATE: () => this.is(2, T.LParen), ALT: () => this.SUBRULE(this.functionCall) },
        {
          ALT: () => {
            const n = this.SUBRULE(this.columnName);
            return this.ACTION(() => ({ kind: 'Name', name: n?.name, span: cover(n) }) as A.NameRef);
          },
        },
      ],
    }),
  );

  /** Adjacent string literals concatenate: `"a" "b"` is `"ab"`. */
  private stringLiteral = this.RULE('stringLiteral', (): A.Literal => {
    const tokens: IToken[] = [];
    this.AT_LEAST_ONE(() => tokens.push(this.CONSUME(T.StringLiteral)));
    return this.ACTION(() => ({
      kind: 'Literal',
      type: 'string',
      value: tokens.map((t) => decodeString(t.image)).join(''),
      span: cover(tokens[0], tokens[tokens.length - 1]),
    }));
  });

  private functionCall = this.RULE('functionCall', (): A.Expr => {
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    const args: A.Expr[] = [];
    const argNames: (string | undefined)[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        let argName: string | undefined;
        this.OPTION({
          GATE: () => this.is(1, T.Identifier) && this.is(2, T.Equals),
          DEF: () => {
            argName = this.CONSUME2(T.Identifier).image;
            this.CONSUME(T.Equals);
          },
        });
        const arg = this.SUBRULE(this.pipeExpression);
        this.ACTION(() => {
          args.push(arg);
          argNames.push(argName);
        });
      },
    });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const call: A.Call = { kind: 'Call', name: name.image, nameSpan: tokenSpan(name), args, argNames, span: cover(name, close) };
      return typeConstructorLiteral(call, this.actionDiagnostics) ?? call;
    });
  });

  private dynamicLiteral = this.RULE('dynamicLiteral', (): A.Literal => {
    const kw = this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    const value = this.SUBRULE(this.jsonValue);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ kind: 'Literal', type: 'dynamic', value, span: cover(kw, close) }));
  });

  private jsonValue = this.RULE('jsonValue', (): Dynamic =>
    this.OR({ IGNORE_AMBIGUITIES: true, DEF: [
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          const items: Dynamic[] = [];
          this.MANY(() =>
            this.OR2([
              { ALT: () => { this.CONSUME(T.Comma); } },
              { ALT: () => { const v = this.SUBRULE(this.jsonValue); this.ACTION(() => items.push(v)); } },
            ]),
          );
          this.CONSUME(T.RBracket);
          return items;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          const obj: Record<string, Dynamic> = {};
          this.MANY2(() =>
            this.OR3([
              { ALT: () => { this.CONSUME2(T.Comma); } },
              {
                ALT: () => {
                  const key = this.CONSUME(T.StringLiteral);
                  this.CONSUME(T.Colon);
                  const v = this.SUBRULE2(this.jsonValue);
                  this.ACTION(() => (obj[decodeString(key.image)] = v));
                },
              },
            ]),
          );
          this.CONSUME(T.RBrace);
          return obj;
        },
      },
      { ALT: () => this.SUBRULE(this.jsonScalar) },
    ] }),
  );

  /** A scalar inside dynamic(...): JSON's, plus KQL literals (datetimes and timespans become strings). */
  private jsonScalar = this.RULE('jsonScalar', (): Dynamic => {
    const literal = this.SUBRULE(this.unaryExpression);
    return this.ACTION(() => {
      if (literal?.kind === 'Name' && literal.name === 'null') return null;
      if (!literal) return null;
      if (literal.kind === 'Literal') return dynamicOfLiteral(literal);
      this.actionDiagnostics.push(diag.unexpectedToken('an expression', 'a constant inside dynamic()', literal.span));
      return null;
    });
  });
}

function binary(op: A.BinaryOp, left: A.Expr, right: A.Expr, opToken: IToken): A.Binary {
  return { kind: 'Binary', op, left, right, opSpan: tokenSpan(opToken), span: cover(left, opToken, right) };
}

function literalOf(t: IToken, type: ScalarType, value: (text: string) => Value): A.Literal {
  return { kind: 'Literal', type, value: Number.isNaN(t.startOffset) ? null : value(t.image), span: tokenSpan(t) };
}

/** `-5` and `-1d` are literals, so datatable rows and dynamic arrays may hold negative numbers. */
function negateLiteral(op: IToken, operand: A.Expr): A.Expr {
  const span = cover(op, operand);
  if (op.image === '+') return operand;
  if (operand?.kind === 'Literal') {
    if (typeof operand.value === 'number') return { ...operand, value: -operand.value, span };
    if (typeof operand.value === 'bigint' && operand.type === 'timespan') return { ...operand, value: -operand.value, span };
  }
  return { kind: 'Unary', op: '-', operand, span };
}

function dynamicOfLiteral(l: A.Literal): Dynamic {
  if (typeof l.value === 'bigint') return typedLiteralText(l);
  return l.value as Dynamic;
}

function typedLiteralText(l: A.Literal): string {
  return l.type === 'datetime' ? formatDatetime(l.value as bigint) : formatTimespan(l.value as bigint);
}

/** Join keys: names, `$left.a == $right.b` pairs, and either joined by `and` (walked without recursion: the chain may be long). */
function toJoinConditions(e: A.Expr): A.JoinCondition[] | undefined {
  const conditions: A.JoinCondition[] = [];
  const pending: (A.Expr | undefined)[] = [e];
  while (pending.length > 0) {
    const x = pending.pop();
    if (x?.kind === 'Binary' && x.op === 'and') {
      pending.push(x.right, x.left);
      continue;
    }
    const c = toJoinCondition(x);
    if (!c) return undefined;
    conditions.push(c);
  }
  return conditions;
}

function toJoinCondition(e: A.Expr | undefined): A.JoinCondition | undefined {
  if (e?.kind === 'Name') return { kind: 'Same', name: e.name, span: e.span };
  if (e?.kind === 'Binary' && e.op === '==') {
    const side = (x: A.Expr, which: string) =>
      x?.kind === 'Member' && x.object?.kind === 'Name' && x.object.name === which ? x.name : undefined;
    const l = side(e.left, '$left') ?? side(e.right, '$left');
    const r = side(e.right, '$right') ?? side(e.left, '$right');
    if (l !== undefined && r !== undefined) return { kind: 'Pair', left: l, right: r, span: e.span };
  }
  return undefined;
}
