/**
 * The Cloud SIEM rule expression grammar, as a chevrotain parser that builds the shared AST directly.
 * Precedence, lowest first: OR / `||`; AND / `&&`; NOT / `!`; one predicate (`=`, `IN`, `BETWEEN`,
 * `LIKE`, `RLIKE`, `matches`, `IS NULL`); `+ -`; `* / %`; unary `-`; `x[...]` and `x.name`.
 *
 * The tree uses the shared vocabulary where the meaning is the same, and leaves the Cloud SIEM
 * meaning (two-valued logic, case-sensitive LIKE) to the dialect that binds it:
 *   NOT x, !x, x NOT IN/LIKE/RLIKE/BETWEEN, x !matches y  -> Call not(...)
 *   x IS NULL -> Call isNull(x) (the documented function of the same meaning); IS NOT NULL -> not(isNull(x))
 *   x RLIKE r, x matches /r/ -> Binary 'matches regex'; x matches "wild*card" -> the same, over the
 *   anchored regular expression the wildcard pattern stands for
 *   x LIKE p -> Binary 'like'; `=` and `==` -> '=='; `!=` and `<>` -> '!='
 *   [a, b] -> Call pack_array(a, b); NULL -> a null Literal
 * Recovery is off: an expression is short, and its first error is the one to fix.
 */
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../ast.js';
import { cseErrorMessages } from './errors.js';
import { numberLiteral, stringValue, wildcardRegex } from './literals.js';
import * as T from './tokens.js';

function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

function cover(a: IToken | A.Expr, b: IToken | A.Expr): Span {
  const sa = 'kind' in a && typeof a.kind === 'string' ? (a as A.Expr).span : tokenSpan(a as IToken);
  const sb = 'kind' in b && typeof b.kind === 'string' ? (b as A.Expr).span : tokenSpan(b as IToken);
  return { start: Math.min(sa.start, sb.start), end: Math.max(sa.end, sb.end) };
}

function call(name: string, nameSpan: Span, args: A.Expr[], span: Span): A.Call {
  return { kind: 'Call', name, nameSpan, args, argNames: args.map(() => undefined), span };
}

function binary(op: A.BinaryOp, left: A.Expr, right: A.Expr, opToken: IToken): A.Binary {
  return { kind: 'Binary', op, left, right, opSpan: tokenSpan(opToken), span: cover(left, right) };
}

/** `=` and `==` both compare for equality; `<>` is `!=`. */
const COMPARISONS: Record<string, A.BinaryOp> = { '=': '==', '==': '==', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export class CseParser extends EmbeddedActionsParser {
  /** Diagnostics found by grammar actions (an ESCAPE clause kqlx cannot apply), beside chevrotain's own errors. */
  actionDiagnostics: Diagnostic[] = [];

  constructor() {
    super(T.allTokens, { recoveryEnabled: false, maxLookahead: 3, errorMessageProvider: cseErrorMessages });
    this.performSelfAnalysis();
  }

  /**
   * `LIKE pattern ESCAPE 'c'`: the pattern rewritten with kqlx's LIKE escape, the backslash (`c` before
   * a character makes it literal; a backslash of the pattern is then itself literal). Only a constant
   * pattern can be rewritten.
   */
  private escapedPattern(pattern: A.Expr, keyword: IToken, escape: IToken): A.Expr {
    const ch = stringValue(escape.image);
    if (pattern.kind !== 'Literal' || typeof pattern.value !== 'string' || [...ch].length !== 1) {
      this.actionDiagnostics.push(diag.cseLikeEscape(cover(keyword, escape)));
      return pattern;
    }
    let out = '';
    const text = pattern.value;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === ch && i + 1 < text.length) out += `\\${text[++i]}`;
      else out += c === '\\' ? '\\\\' : c;
    }
    return { ...pattern, value: out };
  }

  public expression = this.RULE('expression', (): A.Expr => this.SUBRULE(this.orExpression));

  private orExpression = this.RULE('orExpression', (): A.Expr => {
    let left = this.SUBRULE(this.andExpression);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.Or) }, { ALT: () => this.CONSUME(T.PipePipe) }]);
      const right = this.SUBRULE2(this.andExpression);
      this.ACTION(() => (left = binary('or', left, right, op)));
    });
    return left;
  });

  private andExpression = this.RULE('andExpression', (): A.Expr => {
    let left = this.SUBRULE(this.notExpression);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.And) }, { ALT: () => this.CONSUME(T.AmpAmp) }]);
      const right = this.SUBRULE2(this.notExpression);
      this.ACTION(() => (left = binary('and', left, right, op)));
    });
    return left;
  });

  private notExpression = this.RULE('notExpression', (): A.Expr =>
    this.OR([
      {
        ALT: () => {
          const kw = this.OR2([{ ALT: () => this.CONSUME(T.Not) }, { ALT: () => this.CONSUME(T.Bang) }]);
          const operand = this.SUBRULE(this.notExpression);
          return this.ACTION(() => call('not', tokenSpan(kw), [operand], cover(kw, operand)));
        },
      },
      { ALT: () => this.SUBRULE(this.predicate) },
    ]),
  );

  /** An operand, then at most one comparison or test. */
  private predicate = this.RULE('predicate', (): A.Expr => {
    const left = this.SUBRULE(this.additive);
    let result: A.Expr = left;
    this.OPTION(() => {
      result = this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(T.Comparison);
            const right = this.SUBRULE2(this.additive);
            return this.ACTION(() => binary(COMPARISONS[t.image]!, left, right, t));
          },
        },
        { ALT: () => this.SUBRULE(this.negatableTest, { ARGS: [left] }) },
        { ALT: () => this.SUBRULE(this.isNullTest, { ARGS: [left] }) },
      ]);
    });
    return result;
  });

  /** `[NOT] IN (...)`, `[NOT] BETWEEN a AND b`, `[NOT] LIKE p`, `[NOT] RLIKE r`, `[NOT|!]matches x`. */
  private negatableTest = this.RULE('negatableTest', (left: A.Expr): A.Expr => {
    let negation: IToken | undefined;
    this.OPTION(() => (negation = this.CONSUME(T.Not)));
    const test = this.OR([
      {
        ALT: () => {
          const op = this.CONSUME(T.In);
          this.CONSUME(T.LParen);
          const items = this.SUBRULE(this.expressionList);
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() => ({ kind: 'InList', op: 'in', left, items, opSpan: tokenSpan(op), span: cover(left, close) }) as A.InList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Between);
          const low = this.SUBRULE(this.additive);
          this.CONSUME(T.And);
          const high = this.SUBRULE2(this.additive);
          return this.ACTION(() => ({ kind: 'Between', negated: false, left, low, high, span: cover(left, high) }) as A.Between);
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(T.Like);
          let pattern = this.SUBRULE3(this.additive);
          this.OPTION2({
            GATE: () => this.LA(1).tokenType === T.Identifier && /^escape$/i.test(this.LA(1).image),
            DEF: () => {
              const keyword = this.CONSUME(T.Identifier);
              const escape = this.CONSUME(T.StringLiteral);
              this.ACTION(() => (pattern = this.escapedPattern(pattern, keyword, escape)));
            },
          });
          return this.ACTION(() => binary('like', left, pattern, op));
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(T.RLike);
          const pattern = this.SUBRULE4(this.additive);
          return this.ACTION(() => binary('matches regex', left, pattern, op));
        },
      },
      { ALT: () => this.SUBRULE(this.matchesTest, { ARGS: [left] }) },
    ]);
    return this.ACTION(() => (negation ? call('not', tokenSpan(negation), [test], cover(left, test)) : test));
  });

  /** `matches /regex/` or `matches "wild*card"`; `!matches` negates. */
  private matchesTest = this.RULE('matchesTest', (left: A.Expr): A.Expr => {
    const op = this.OR([{ ALT: () => this.CONSUME(T.Matches) }, { ALT: () => this.CONSUME(T.NotMatches) }]);
    const pattern = this.OR2([
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.RegexLiteral);
          return { kind: 'Literal', type: 'string', value: t.image.slice(1, -1), span: tokenSpan(t) };
        },
      },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.StringLiteral);
          return { kind: 'Literal', type: 'string', value: wildcardRegex(stringValue(t.image)), span: tokenSpan(t) };
        },
      },
    ]);
    return this.ACTION(() => {
      const test = binary('matches regex', left, pattern, op);
      return op.tokenType === T.NotMatches ? call('not', tokenSpan(op), [test], test.span) : test;
    });
  });

  private isNullTest = this.RULE('isNullTest', (left: A.Expr): A.Expr => {
    const is = this.CONSUME(T.Is);
    let negation: IToken | undefined;
    this.OPTION(() => (negation = this.CONSUME(T.Not)));
    const end = this.CONSUME(T.Null);
    return this.ACTION(() => {
      const test = call('isNull', tokenSpan(is), [left], cover(left, end));
      return negation ? call('not', tokenSpan(negation), [test], test.span) : test;
    });
  });

  private additive = this.RULE('additive', (): A.Expr => {
    let left = this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      const right = this.SUBRULE2(this.multiplicative);
      this.ACTION(() => (left = binary(op.image as A.BinaryOp, left, right, op)));
    });
    return left;
  });

  private multiplicative = this.RULE('multiplicative', (): A.Expr => {
    let left = this.SUBRULE(this.unary);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      const right = this.SUBRULE2(this.unary);
      this.ACTION(() => (left = binary(op.image as A.BinaryOp, left, right, op)));
    });
    return left;
  });

  private unary = this.RULE('unary', (): A.Expr =>
    this.OR([
      {
        ALT: () => {
          const minus = this.CONSUME(T.Minus);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION(() => ({ kind: 'Unary', op: '-', operand, span: cover(minus, operand) }) as A.Unary);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]),
  );

  /** `fields['x']`, `fields.x`. */
  private postfix = this.RULE('postfix', (): A.Expr => {
    let object = this.SUBRULE(this.primary);
    this.MANY(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expression);
            const close = this.CONSUME(T.RBracket);
            this.ACTION(() => (object = { kind: 'Index', object, index, span: cover(object, close) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            const name = this.CONSUME(T.Identifier);
            this.ACTION(() => (object = { kind: 'Member', object, name: name.image, span: cover(object, name) }));
          },
        },
      ]),
    );
    return object;
  });

  private primary = this.RULE('primary', (): A.Expr =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.NumberLiteral);
          return this.ACTION(() => numberLiteral(t.image, tokenSpan(t)));
        },
      },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.StringLiteral);
          return { kind: 'Literal', type: 'string', value: stringValue(t.image), span: tokenSpan(t) };
        },
      },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.True);
          return { kind: 'Literal', type: 'bool', value: true, span: tokenSpan(t) };
        },
      },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.False);
          return { kind: 'Literal', type: 'bool', value: false, span: tokenSpan(t) };
        },
      },
      {
        ALT: (): A.Expr => {
          const t = this.CONSUME(T.Null);
          return { kind: 'Literal', type: 'dynamic', value: null, span: tokenSpan(t) };
        },
      },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.expression);
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() => ({ kind: 'Paren', inner, span: cover(open, close) }) as A.Paren);
        },
      },
      {
        ALT: () => {
          const open = this.CONSUME(T.LBracket);
          let items: A.Expr[] = [];
          this.OPTION(() => (items = this.SUBRULE(this.expressionList)));
          const close = this.CONSUME(T.RBracket);
          return this.ACTION(() => call('pack_array', tokenSpan(open), items, cover(open, close)));
        },
      },
    ]),
  );

  private nameOrCall = this.RULE('nameOrCall', (): A.Expr => {
    const name = this.CONSUME(T.Identifier);
    let result: A.Expr = { kind: 'Name', name: name.image, span: tokenSpan(name) };
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      let args: A.Expr[] = [];
      this.OPTION2(() => (args = this.SUBRULE(this.expressionList)));
      const close = this.CONSUME(T.RParen);
      this.ACTION(() => (result = call(name.image, tokenSpan(name), args, cover(name, close))));
    });
    return result;
  });

  private expressionList = this.RULE('expressionList', (): A.Expr[] => {
    const items: A.Expr[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => items.push(this.SUBRULE(this.expression)) });
    return items;
  });
}
