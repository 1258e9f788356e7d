/**
 * The XQL grammar, as a chevrotain parser that builds the shared AST directly (embedded actions).
 * A query is stages separated by `|`; `pipeline` reads them and puts the source stage (and the
 * `config` stages before it) into the Pipeline's source, reporting stages out of place.
 * Rule names are the names used in grammar/xql.ebnf.
 */
import { EmbeddedActionsParser, type IToken, type TokenType, tokenMatcher } from 'chevrotain';
import type { Span } from '../../common/span.js';
import { diag } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Value } from '../../types/value.js';
import type * as A from '../ast.js';
import { decodeString } from '../kql/literals.js';
import { cover, tokenSpan } from '../token-spans.js';
import { xqlErrorMessageProvider } from './errors.js';
import { jsonPathCall, type PathStep } from './json-path.js';
import * as T from './tokens.js';

/** The default source of a query that names none (the XQL Language Structure page). */
export const DEFAULT_DATASET = 'xdr_data';

/** Why each refused stage cannot run locally. */
const REFUSED_STAGES: Record<string, string> = {
  iploc: 'has no IP geolocation database',
  getrole: "has no tenant's asset roles",
  call: "has no tenant's query library",
  target: 'does not write results to datasets or lookups',
};

const COMPARE_TOKENS: TokenType[] = [T.Equals, T.NotEq, T.LessEq, T.GreaterEq, T.Less, T.Greater, T.RegexMatch];
const COMPARE_OPS: Record<string, A.BinaryOp> = {
  '=': '==', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '~=': 'matches regex',
};

/** A stage as written, before the source and config stages are taken out of the list. */
type Stage =
  | { readonly kind: 'source'; readonly source: A.DatasetSource }
  | { readonly kind: 'config'; readonly setting: A.ConfigSetting; readonly keyword: Span }
  | { readonly kind: 'operator'; readonly op: A.Operator };

export class XqlParser extends EmbeddedActionsParser {
  /** Diagnostics found by grammar actions (stages out of place, refused stages), beside chevrotain's own errors. */
  actionDiagnostics: Diagnostic[] = [];

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 2, errorMessageProvider: xqlErrorMessageProvider });
    this.performSelfAnalysis();
  }

  private is(k: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(k), type);
  }

  /** `word =` ahead, where word is one of `names` (a stage's named parameters). */
  private paramAhead(names: readonly string[]): boolean {
    return this.is(1, T.Identifier) && this.is(2, T.Equals) && names.includes(this.LA(1).image.toLowerCase());
  }

  /** The identifier ahead is the given word (clause words that are not keywords: `add`, `top_count`). */
  private wordAhead(word: string, k = 1): boolean {
    return this.is(k, T.Identifier) && this.LA(k).image.toLowerCase() === word;
  }

  // ── the query ───────────────────────────────────────────────────────────

  public query = this.RULE('query', (): A.Pipeline => this.SUBRULE(this.pipeline));

  public pipeline = this.RULE('pipeline', (): A.Pipeline => {
    const stages: Stage[] = [];
    const first = this.LA(1);
    const push = (s: Stage | undefined) => this.ACTION(() => s && stages.push(s));
    push(this.SUBRULE(this.stage));
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      push(this.SUBRULE2(this.stage));
    });
    return this.ACTION(() => this.assemble(stages, tokenSpan(first)));
  });

  /** Config stages, then the source, then the rest; anything else out of place is reported. */
  private assemble(stages: Stage[], at: Span): A.Pipeline {
    const config: A.ConfigSetting[] = [];
    let source: A.DatasetSource | undefined;
    const operators: A.Operator[] = [];
    for (const s of stages) {
      if (s.kind === 'config') {
        if (source || operators.length > 0) this.actionDiagnostics.push(diag.misplacedConfig(s.keyword));
        else config.push(s.setting);
      } else if (s.kind === 'source') {
        if (source || operators.length > 0) this.actionDiagnostics.push(diag.misplacedSource(s.source.form, s.source.span));
        else source = s.source;
      } else operators.push(s.op);
    }
    const from: A.DatasetSource = source
      ? { ...source, config }
      : { kind: 'Dataset', form: 'dataset', names: [{ name: DEFAULT_DATASET, span: { start: at.start, end: at.start } }], config, implicit: true, span: { start: at.start, end: at.start } };
    return { kind: 'Pipeline', source: from, operators, span: cover(from, ...operators) };
  }

  // The stage keyword alone picks the stage (one token of lookahead), so a stage with bad arguments
  // reports them rather than being taken for an unknown stage.
  private stage = this.RULE('stage', (): Stage =>
    this.OR({
      MAX_LOOKAHEAD: 1,
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => ({ kind: 'config' as const, ...this.SUBRULE(this.configStage) }) },
        { ALT: () => ({ kind: 'source' as const, source: this.SUBRULE(this.sourceStage) }) },
        { ALT: () => ({ kind: 'operator' as const, op: this.SUBRULE(this.operatorStage) }) },
      ],
    }),
  );

  private configStage = this.RULE('configStage', (): { setting: A.ConfigSetting; keyword: Span } => {
    const kw = this.CONSUME(T.Config);
    const name = this.CONSUME(T.Identifier);
    let value: Value = null;
    let end: Value | undefined;
    let last: IToken | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Equals);
          last = this.OR2([
            { ALT: () => this.CONSUME(T.True) },
            { ALT: () => this.CONSUME(T.False) },
            { ALT: () => this.CONSUME(T.Duration) },
            { ALT: () => this.CONSUME(T.RawString) },
          ]);
          this.ACTION(() => (value = tokenValue(last!)));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Between);
          const from = this.CONSUME2(T.RawString);
          this.CONSUME(T.And);
          last = this.CONSUME3(T.RawString);
          this.ACTION(() => {
            value = tokenValue(from);
            end = tokenValue(last!);
          });
        },
      },
    ]);
    return this.ACTION(() => {
      const setting = name.image.toLowerCase();
      if (setting !== 'case_sensitive' && setting !== 'timeframe') this.actionDiagnostics.push(diag.unknownConfigSetting(name.image, tokenSpan(name)));
      return { setting: { name: setting, value, end, span: cover(kw, last) }, keyword: tokenSpan(kw) };
    });
  });

  private sourceStage = this.RULE('sourceStage', (): A.DatasetSource => {
    let form: A.DatasetSource['form'] = 'dataset';
    const kw = this.OR([
      { ALT: () => this.CONSUME(T.Dataset) },
      { ALT: () => { const t = this.CONSUME(T.ColdDataset); form = 'cold_dataset'; return t; } },
      { ALT: () => { const t = this.CONSUME(T.Preset); form = 'preset'; return t; } },
      { ALT: () => { const t = this.CONSUME(T.Datamodel); form = 'datamodel'; this.OPTION(() => this.CONSUME2(T.Dataset)); return t; } },
    ]);
    const names: { name: string; span: Span }[] = [];
    let close: IToken | undefined;
    this.OR3([
      {
        ALT: () => {
          this.CONSUME(T.Equals);
          const n = this.CONSUME(T.Identifier);
          this.ACTION(() => names.push({ name: n.image, span: tokenSpan(n) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.In);
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const n = this.CONSUME2(T.Identifier);
              this.ACTION(() => names.push({ name: n.image, span: tokenSpan(n) }));
            },
          });
          close = this.CONSUME(T.RParen);
        },
      },
    ]);
    return this.ACTION(() => ({ kind: 'Dataset', form, names, config: [], implicit: false, span: cover(kw, ...names, close) }));
  });

  private operatorStage = this.RULE('operatorStage', (): A.Operator =>
    this.OR({
      MAX_LOOKAHEAD: 1,
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.filterStage) },
        { ALT: () => this.SUBRULE(this.alterStage) },
        { ALT: () => this.SUBRULE(this.compStage) },
        { ALT: () => this.SUBRULE(this.fieldsStage) },
        { ALT: () => this.SUBRULE(this.sortStage) },
        { ALT: () => this.SUBRULE(this.limitStage) },
        { ALT: () => this.SUBRULE(this.dedupStage) },
        { ALT: () => this.SUBRULE(this.joinStage) },
        { ALT: () => this.SUBRULE(this.unionStage) },
        { ALT: () => this.SUBRULE(this.arrayexpandStage) },
        { ALT: () => this.SUBRULE(this.binStage) },
        { ALT: () => this.SUBRULE(this.replacenullStage) },
        { ALT: () => this.SUBRULE(this.windowcompStage) },
        { ALT: () => this.SUBRULE(this.transactionStage) },
        { ALT: () => this.SUBRULE(this.topStage) },
        { ALT: () => this.SUBRULE(this.tagStage) },
        { ALT: () => this.SUBRULE(this.viewStage) },
        { ALT: () => this.SUBRULE(this.refusedStage) },
        { GATE: () => this.LA(1).tokenType === T.Identifier, ALT: () => this.SUBRULE(this.unknownStage) },
      ],
    }),
  );

  // ── stages ──────────────────────────────────────────────────────────────

  private filterStage = this.RULE('filterStage', (): A.Where => {
    const kw = this.CONSUME(T.Filter);
    const predicate = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ kind: 'Where', predicate, span: cover(kw, predicate), keywordSpan: tokenSpan(kw) }));
  });

  private alterStage = this.RULE('alterStage', (): A.Extend => {
    const kw = this.CONSUME(T.Alter);
    const columns: A.Assignment[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const name = this.SUBRULE(this.fieldName);
        this.CONSUME(T.Equals);
        const expr = this.SUBRULE(this.expression);
        this.ACTION(() => columns.push({ names: [name.name], expr, span: cover(name, expr) }));
      },
    });
    return this.ACTION(() => ({ kind: 'Extend', columns, span: cover(kw, ...columns), keywordSpan: tokenSpan(kw) }));
  });

  private compStage = this.RULE('compStage', (): A.Summarize => {
    const kw = this.CONSUME(T.Comp);
    const aggregates: A.Assignment[] = [];
    const by: A.Assignment[] = [];
    const params: A.OperatorParam[] = [];
    this.OPTION({
      GATE: () => !this.is(1, T.By),
      DEF: () =>
        this.AT_LEAST_ONE_SEP({
          SEP: T.Comma,
          DEF: () => {
            const expr = this.SUBRULE(this.expression);
            const alias = this.OPTION2(() => {
              this.CONSUME(T.As);
              return this.SUBRULE(this.fieldName);
            });
            this.ACTION(() => aggregates.push({ names: alias ? [alias.name] : [], expr, span: cover(expr, alias) }));
          },
        }),
    });
    this.OPTION3(() => {
      this.CONSUME(T.By);
      this.AT_LEAST_ONE_SEP2({
        SEP: T.Comma,
        DEF: () => {
          const key = this.SUBRULE(this.nameRef);
          this.ACTION(() => by.push({ names: [], expr: key, span: key.span }));
        },
      });
    });
    this.OPTION4({
      GATE: () => this.paramAhead(['addrawdata']),
      DEF: () => {
        const name = this.CONSUME(T.Identifier);
        this.CONSUME2(T.Equals);
        const value = this.OR([{ ALT: () => this.CONSUME2(T.True) }, { ALT: () => this.CONSUME2(T.False) }]);
        this.ACTION(() => params.push({ name: 'addrawdata', value: tokenValue(value), span: cover(name, value) }));
        this.OPTION5(() => {
          this.CONSUME2(T.As);
          const target = this.SUBRULE2(this.fieldName);
          this.ACTION(() => params.push({ name: 'addrawdata_as', value: target.name, span: target.span }));
        });
      },
    });
    return this.ACTION(() => {
      if (aggregates.length === 0) this.actionDiagnostics.push(diag.compWithoutAggregate(tokenSpan(kw)));
      const raw = params.find((p) => p.name === 'addrawdata' && p.value === true);
      if (raw) this.actionDiagnostics.push(diag.unsupportedFeature("comp ... addrawdata = true: kqlx does not build the raw-rows array", raw.span));
      return { kind: 'Summarize', params, aggregates, by, span: cover(kw, ...aggregates, ...by, ...params), keywordSpan: tokenSpan(kw) };
    });
  });

  private fieldsStage = this.RULE('fieldsStage', (): A.Fields => {
    const kw = this.CONSUME(T.Fields);
    const exclude = this.OPTION(() => this.CONSUME(T.Minus)) !== undefined;
    const items: { pattern: string; alias?: string; span: Span }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const pattern = this.SUBRULE(this.fieldPattern);
        const alias = this.OPTION2(() => {
          this.CONSUME(T.As);
          return this.SUBRULE(this.fieldName);
        });
        this.ACTION(() => items.push({ pattern: pattern.name, alias: alias?.name, span: cover(pattern, alias) }));
      },
    });
    return this.ACTION(() => ({ kind: 'Fields', exclude, items, span: cover(kw, ...items), keywordSpan: tokenSpan(kw) }));
  });

  /** A field name that may hold `*` wildcards: `action_*`, `*_ip`, `xdm.source.*`. */
  private fieldPattern = this.RULE('fieldPattern', (): { name: string; span: Span } => {
    const parts: IToken[] = [];
    this.AT_LEAST_ONE({
      // the pieces must touch: `a *` is not a pattern
      GATE: () => parts.length === 0 || this.LA(1).startOffset === (parts[parts.length - 1]!.endOffset ?? -2) + 1,
      DEF: () =>
        parts.push(this.OR([
          { ALT: () => this.CONSUME(T.Identifier) },
          { ALT: () => this.CONSUME(T.Star) },
          { ALT: () => this.CONSUME(T.Dot) },
        ])),
    });
    return this.ACTION(() => ({ name: parts.map((p) => p.image).join(''), span: cover(parts[0], parts[parts.length - 1]) }));
  });

  private sortStage = this.RULE('sortStage', (): A.Sort => {
    const kw = this.CONSUME(T.Sort);
    const keys: A.SortKey[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const k = this.SUBRULE(this.sortKey); this.ACTION(() => keys.push(k)); } });
    return this.ACTION(() => ({ kind: 'Sort', keys, span: cover(kw, ...keys), keywordSpan: tokenSpan(kw) }));
  });

  /** `[asc|desc] field`; the direction may also follow the field. Ascending when not given. */
  private sortKey = this.RULE('sortKey', (): A.SortKey => {
    const before = this.OPTION(() => this.SUBRULE(this.direction));
    const expr = this.SUBRULE(this.nameRef);
    const after = this.OPTION2(() => this.SUBRULE2(this.direction));
    return this.ACTION(() => ({ expr, descending: (after ?? before)?.descending ?? false, span: cover(before, expr, after) }));
  });

  private direction = this.RULE('direction', (): { descending: boolean; span: Span } => {
    const t = this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]);
    return { descending: tokenMatcher(t, T.Desc), span: tokenSpan(t) };
  });

  private limitStage = this.RULE('limitStage', (): A.Take => {
    const kw = this.CONSUME(T.Limit);
    const n = this.CONSUME(T.IntLiteral);
    return this.ACTION(() => {
      const count: A.Literal = { kind: 'Literal', type: 'long', value: Number(n.image), span: tokenSpan(n) };
      return { kind: 'Take', count, span: cover(kw, n), keywordSpan: tokenSpan(kw) };
    });
  });

  private dedupStage = this.RULE('dedupStage', (): A.Dedup => {
    const kw = this.CONSUME(T.Dedup);
    const columns = this.SUBRULE(this.nameList);
    const by = this.OPTION(() => {
      this.CONSUME(T.By);
      const dir = this.SUBRULE(this.direction);
      const expr = this.SUBRULE(this.nameRef);
      return this.ACTION(() => ({ expr, descending: dir.descending, span: cover(dir, expr) }) as A.SortKey);
    });
    return this.ACTION(() => ({ kind: 'Dedup', columns, by, span: cover(kw, ...columns, by), keywordSpan: tokenSpan(kw) }));
  });

  private joinStage = this.RULE('joinStage', (): A.XqlJoin => {
    const kw = this.CONSUME(T.Join);
    const params = this.SUBRULE(this.stageParameters, { ARGS: [['type', 'conflict_strategy']] });
    this.CONSUME(T.LParen);
    const right = this.SUBRULE(this.pipeline);
    this.CONSUME(T.RParen);
    this.CONSUME(T.As);
    const alias = this.SUBRULE(this.fieldName);
    const condition = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ kind: 'XqlJoin', params, right, alias, condition, span: cover(kw, condition), keywordSpan: tokenSpan(kw) }));
  });

  private unionStage = this.RULE('unionStage', (): A.UnionOp => {
    const kw = this.CONSUME(T.Union);
    const table = this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const p = this.SUBRULE(this.pipeline);
          this.CONSUME(T.RParen);
          return p as A.Expr;
        },
      },
      { ALT: () => this.SUBRULE(this.nameRef) as A.Expr },
    ]);
    return this.ACTION(() => {
      const span = cover(kw, table);
      return { kind: 'UnionOp', union: { kind: 'Union', params: [], tables: [table], span }, span, keywordSpan: tokenSpan(kw) };
    });
  });

  private arrayexpandStage = this.RULE('arrayexpandStage', (): A.MvExpand => {
    const kw = this.CONSUME(T.ArrayExpand);
    const column = this.SUBRULE(this.nameRef);
    const limit = this.OPTION(() => {
      this.CONSUME(T.Limit);
      const n = this.CONSUME(T.IntLiteral);
      return { kind: 'Literal', type: 'long', value: Number(n.image), span: tokenSpan(n) } as A.Literal;
    });
    return this.ACTION(() => ({
      kind: 'MvExpand', legacy: false, params: [], columns: [{ assignment: { names: [], expr: column, span: column.span } }], limit,
      span: cover(kw, column, limit), keywordSpan: tokenSpan(kw),
    }));
  });

  private binStage = this.RULE('binStage', (): A.Bin => {
    const kw = this.CONSUME(T.Bin);
    const column = this.SUBRULE(this.nameRef);
    const params = this.SUBRULE(this.stageParameters, { ARGS: [['span', 'bins', 'timeshift', 'timezone']] });
    return this.ACTION(() => ({ kind: 'Bin', column, params, span: cover(kw, column, ...params), keywordSpan: tokenSpan(kw) }));
  });

  private replacenullStage = this.RULE('replacenullStage', (): A.ReplaceNull => {
    const kw = this.CONSUME(T.ReplaceNull);
    const column = this.SUBRULE(this.nameRef);
    this.CONSUME(T.Equals);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ kind: 'ReplaceNull', column, value, span: cover(kw, value), keywordSpan: tokenSpan(kw) }));
  });

  private windowcompStage = this.RULE('windowcompStage', (): A.WindowComp => {
    const kw = this.CONSUME(T.WindowComp);
    const call = this.SUBRULE(this.functionCall);
    const by = this.OPTION(() => {
      this.CONSUME(T.By);
      return this.SUBRULE(this.nameList);
    }) ?? [];
    const sort: A.SortKey[] = [];
    this.OPTION2(() => {
      this.CONSUME(T.Sort);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const k = this.SUBRULE(this.sortKey); this.ACTION(() => sort.push(k)); } });
    });
    const frame = this.OPTION3(() => {
      const b = this.CONSUME(T.Between);
      const from = this.SUBRULE(this.frameBound);
      this.CONSUME(T.And);
      const to = this.SUBRULE2(this.frameBound);
      const type = this.OPTION4({
        GATE: () => this.paramAhead(['frame_type']),
        DEF: () => {
          this.CONSUME(T.Identifier);
          this.CONSUME(T.Equals);
          return this.CONSUME2(T.Identifier);
        },
      });
      return this.ACTION(() => ({ from: from.value, to: to.value, range: type?.image.toLowerCase() === 'range', span: cover(b, to, type) }));
    });
    this.CONSUME(T.As);
    const alias = this.SUBRULE(this.fieldName);
    return this.ACTION(() => ({ kind: 'WindowComp', call, by, sort, frame, alias, span: cover(kw, alias), keywordSpan: tokenSpan(kw) }));
  });

  /** A window frame bound: a row offset (negative is before the current row), or null for unbounded. */
  private frameBound = this.RULE('frameBound', (): { value: number | null; span: Span } =>
    this.OR([
      { ALT: () => ({ value: null, span: tokenSpan(this.CONSUME(T.Null)) }) },
      {
        ALT: () => {
          const minus = this.OPTION(() => this.CONSUME(T.Minus));
          const n = this.CONSUME(T.IntLiteral);
          return this.ACTION(() => ({ value: (minus ? -1 : 1) * Number(n.image), span: cover(minus, n) }));
        },
      },
    ]),
  );

  private transactionStage = this.RULE('transactionStage', (): A.Transaction => {
    const kw = this.CONSUME(T.Transaction);
    const fields = this.SUBRULE(this.nameList);
    const params: A.OperatorParam[] = [];
    let startsWith: A.Expr | undefined;
    let endsWith: A.Expr | undefined;
    this.MANY(() =>
      this.OR([
        {
          GATE: () => this.paramAhead(['startswith', 'endswith']),
          ALT: () => {
            const name = this.CONSUME(T.Identifier);
            this.CONSUME(T.Equals);
            const cond = this.SUBRULE(this.expression);
            this.ACTION(() => (name.image.toLowerCase() === 'startswith' ? (startsWith = cond) : (endsWith = cond)));
          },
        },
        {
          GATE: () => this.paramAhead(['span', 'timeshift', 'timezone', 'allowunclosed', 'maxevents']),
          ALT: () => {
            const p = this.SUBRULE(this.stageParameter);
            this.ACTION(() => params.push(p));
          },
        },
      ]),
    );
    return this.ACTION(() => ({
      kind: 'Transaction', fields, params, startsWith, endsWith,
      span: cover(kw, ...fields, ...params, startsWith, endsWith), keywordSpan: tokenSpan(kw),
    }));
  });

  private topStage = this.RULE('topStage', (): A.XqlTop => {
    const kw = this.CONSUME(T.Top);
    const n = this.OPTION(() => this.CONSUME(T.IntLiteral));
    const fields = this.SUBRULE(this.nameList);
    const by = this.OPTION2(() => {
      this.CONSUME(T.By);
      return this.SUBRULE2(this.nameList);
    }) ?? [];
    let countAlias: string | undefined;
    let percentAlias: string | undefined;
    this.MANY({
      GATE: () => (this.wordAhead('top_count') || this.wordAhead('top_percent')) && this.is(2, T.As),
      DEF: () => {
        const which = this.CONSUME(T.Identifier);
        this.CONSUME(T.As);
        const alias = this.SUBRULE(this.fieldName);
        this.ACTION(() => (which.image.toLowerCase() === 'top_count' ? (countAlias = alias.name) : (percentAlias = alias.name)));
      },
    });
    return this.ACTION(() => ({
      kind: 'XqlTop', count: n ? Number(n.image) : undefined, fields, by, countAlias, percentAlias,
      span: cover(kw, ...fields, ...by), keywordSpan: tokenSpan(kw),
    }));
  });

  private tagStage = this.RULE('tagStage', (): A.Tag => {
    const kw = this.CONSUME(T.Tag);
    this.CONSUME(T.Identifier); // add
    const tags: IToken[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => tags.push(this.CONSUME(T.RawString)) });
    return this.ACTION(() => ({
      kind: 'Tag', tags: tags.map((t) => t.image.slice(1, -1)), span: cover(kw, tags[tags.length - 1]), keywordSpan: tokenSpan(kw),
    }));
  });

  /** `view ...` only shapes the display: its options are read over, the rows pass through. */
  private viewStage = this.RULE('viewStage', (): A.Render => {
    const kw = this.CONSUME(T.View);
    const what = this.LA(1);
    this.SUBRULE(this.skippedTokens);
    return this.ACTION(() => ({ kind: 'Render', visualization: what.image, span: tokenSpan(kw), keywordSpan: tokenSpan(kw) }));
  });

  private refusedStage = this.RULE('refusedStage', (): A.Unsupported => {
    const kw = this.CONSUME(T.UnsupportedStage);
    this.SUBRULE(this.skippedTokens);
    return this.ACTION(() => {
      const name = kw.image.toLowerCase();
      this.actionDiagnostics.push(diag.unsupportedStage(name, REFUSED_STAGES[name]!, tokenSpan(kw)));
      return { kind: 'Unsupported', name, span: tokenSpan(kw), keywordSpan: tokenSpan(kw) };
    });
  });

  /** A word after `|` that is no XQL stage: reported, and parsing resumes at the next `|`. */
  private unknownStage = this.RULE('unknownStage', (): A.Unsupported => {
    const kw = this.CONSUME(T.Identifier);
    this.SUBRULE(this.skippedTokens);
    return this.ACTION(() => {
      this.actionDiagnostics.push(diag.unknownStage(kw.image, tokenSpan(kw)));
      return { kind: 'Unsupported', name: kw.image, span: tokenSpan(kw), keywordSpan: tokenSpan(kw) };
    });
  });

  /** Tokens up to the next top-level `|`, with brackets balanced. */
  private skippedTokens = this.RULE('skippedTokens', () => {
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.bracketedTokens) }, { ALT: () => this.CONSUME(T.Skippable) }]));
  });

  private bracketedTokens = this.RULE('bracketedTokens', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.bracketedInner); this.CONSUME(T.RParen); } },
      { ALT: () => { this.CONSUME(T.LBracket); this.SUBRULE2(this.bracketedInner); this.CONSUME(T.RBracket); } },
      { ALT: () => { this.CONSUME(T.LBrace); this.SUBRULE3(this.bracketedInner); this.CONSUME(T.RBrace); } },
    ]);
  });

  /** Inside brackets a `|` does not end the stage. */
  private bracketedInner = this.RULE('bracketedInner', () => {
    this.MANY(() => this.OR([
      { ALT: () => this.SUBRULE(this.bracketedTokens) },
      { ALT: () => this.CONSUME(T.Skippable) },
      { ALT: () => this.CONSUME(T.Pipe) },
    ]));
  });

  /** `name = value ...` for the parameter names a stage accepts. */
  private stageParameters = this.RULE('stageParameters', (allowed: readonly string[] = []): A.OperatorParam[] => {
    const params: A.OperatorParam[] = [];
    this.MANY({
      GATE: () => this.paramAhead(allowed),
      DEF: () => {
        const p = this.SUBRULE(this.stageParameter);
        this.ACTION(() => params.push(p));
      },
    });
    return params;
  });

  private stageParameter = this.RULE('stageParameter', (): A.OperatorParam => {
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    const value = this.OR([
      { ALT: () => this.CONSUME(T.Duration) },
      { ALT: () => this.CONSUME(T.IntLiteral) },
      { ALT: () => this.CONSUME(T.RawString) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME2(T.Identifier) },
    ]);
    return this.ACTION(() => ({ name: name.image.toLowerCase(), value: tokenValue(value), span: cover(name, value) }));
  });

  private nameList = this.RULE('nameList', (): A.NameRef[] => {
    const names: A.NameRef[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const n = this.SUBRULE(this.nameRef); this.ACTION(() => names.push(n)); } });
    return names;
  });

  private nameRef = this.RULE('nameRef', (): A.NameRef => {
    const n = this.SUBRULE(this.fieldName);
    return this.ACTION(() => ({ kind: 'Name', name: n.name, span: n.span }));
  });

  /** A field name; dataset-model fields and a join's `alias.field` are dotted. */
  private fieldName = this.RULE('fieldName', (): { name: string; span: Span } => {
    const first = this.CONSUME(T.Identifier);
    const rest: IToken[] = [];
    this.MANY({
      GATE: () => this.is(2, T.Identifier),
      DEF: () => {
        this.CONSUME(T.Dot);
        rest.push(this.CONSUME2(T.Identifier));
      },
    });
    return this.ACTION(() => ({ name: [first, ...rest].map((t) => t.image).join('.'), span: cover(first, rest[rest.length - 1]) }));
  });

  // ── expressions ─────────────────────────────────────────────────────────

  public expression = this.RULE('expression', (): A.Expr => {
    let left = this.SUBRULE(this.andExpression);
    this.MANY(() => {
      const op = this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.andExpression);
      this.ACTION(() => (left = binary('or', left, right, op)));
    });
    return left;
  });

  private andExpression = this.RULE('andExpression', (): A.Expr => {
    let left = this.SUBRULE(this.notExpression);
    this.MANY(() => {
      const op = this.CONSUME(T.And);
      const right = this.SUBRULE2(this.notExpression);
      this.ACTION(() => (left = binary('and', left, right, op)));
    });
    return left;
  });

  private notExpression = this.RULE('notExpression', (): A.Expr =>
    this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.Not);
          const operand = this.SUBRULE(this.notExpression);
          return this.ACTION(() => negation(kw, operand));
        },
      },
      { ALT: () => this.SUBRULE(this.comparisonExpression) },
    ]),
  );

  private comparisonExpression = this.RULE('comparisonExpression', (): A.Expr => {
    let left = this.SUBRULE(this.additiveExpression);
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            const op = this.OR2(COMPARE_TOKENS.map((t) => ({ ALT: () => this.CONSUME(t) })));
            const right = this.SUBRULE2(this.additiveExpression);
            this.ACTION(() => (left = binary(COMPARE_OPS[op.image]!, left, right, op)));
          },
        },
        {
          ALT: () => {
            const not = this.OPTION2(() => this.CONSUME(T.Not));
            const rest = this.OR3([
              {
                ALT: () => {
                  const op = this.CONSUME(T.In);
                  this.CONSUME(T.LParen);
                  const items: A.Expr[] = [];
                  this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const i = this.SUBRULE(this.expression); this.ACTION(() => items.push(i)); } });
                  const close = this.CONSUME(T.RParen);
                  return this.ACTION(() => (l: A.Expr): A.Expr =>
                    ({ kind: 'InList', op: not ? '!in' : 'in', left: l, items, opSpan: cover(not, op), span: cover(l, close) }));
                },
              },
              {
                ALT: () => {
                  const op = this.CONSUME(T.Contains);
                  const right = this.SUBRULE3(this.additiveExpression);
                  return this.ACTION(() => (l: A.Expr): A.Expr =>
                    ({ kind: 'Binary', op: not ? '!contains' : 'contains', left: l, right, opSpan: cover(not, op), span: cover(l, right) }));
                },
              },
              {
                ALT: () => {
                  const op = this.CONSUME(T.Incidr);
                  const right = this.SUBRULE4(this.additiveExpression);
                  return this.ACTION(() => (l: A.Expr): A.Expr => {
                    const call: A.Call = { kind: 'Call', name: op.image.toLowerCase(), nameSpan: tokenSpan(op), args: [l, right], argNames: [undefined, undefined], span: cover(l, right) };
                    return not ? negation(not, call) : call;
                  });
                },
              },
            ]);
            this.ACTION(() => (left = rest(left)));
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
      const op = this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }]);
      const right = this.SUBRULE2(this.unaryExpression);
      this.ACTION(() => (left = binary(op.image as A.BinaryOp, left, right, op)));
    });
    return left;
  });

  private unaryExpression = this.RULE('unaryExpression', (): A.Expr =>
    this.OR([
      {
        ALT: () => {
          const op = this.CONSUME(T.Minus);
          const operand = this.SUBRULE(this.unaryExpression);
          return this.ACTION(() => {
            const span = cover(op, operand);
            if (operand?.kind === 'Literal' && typeof operand.value === 'number') return { ...operand, value: -operand.value, span };
            return { kind: 'Unary', op: '-', operand, span } as A.Unary;
          });
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpression) },
    ]),
  );

  /** An operand, then any `-> path` JSON extractions. */
  private postfixExpression = this.RULE('postfixExpression', (): A.Expr => {
    let object = this.SUBRULE(this.primaryExpression);
    this.MANY(() => {
      const arrow = this.CONSUME(T.Arrow);
      const steps = this.SUBRULE(this.jsonPath);
      this.ACTION(() => {
        const o = object;
        object = jsonPathCall(o, steps, tokenSpan(arrow), this.actionDiagnostics);
      });
    });
    return object;
  });

  /** `a.b.c`, `a[0].b`, `"dotted.key".c`, ending in `[]` (an array) or `{}` (an object) or neither (a scalar). */
  private jsonPath = this.RULE('jsonPath', (): PathStep[] => {
    const steps: PathStep[] = [this.SUBRULE(this.jsonKey)];
    this.MANY(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            const k = this.SUBRULE2(this.jsonKey);
            this.ACTION(() => steps.push(k));
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(T.LBracket);
            const n = this.OPTION(() => this.CONSUME(T.IntLiteral));
            const close = this.CONSUME(T.RBracket);
            this.ACTION(() => steps.push(n ? { kind: 'index', index: Number(n.image), span: cover(open, close) } : { kind: 'array', span: cover(open, close) }));
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(T.LBrace);
            const close = this.CONSUME(T.RBrace);
            this.ACTION(() => steps.push({ kind: 'object', span: cover(open, close) }));
          },
        },
      ]),
    );
    return steps;
  });

  /** A key of a JSON path: a name, or a quoted key that may hold dots. */
  private jsonKey = this.RULE('jsonKey', (): PathStep => {
    const t = this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.RawString) }]);
    return { kind: 'key', name: tokenMatcher(t, T.RawString) ? t.image.slice(1, -1) : t.image, span: tokenSpan(t) };
  });

  private primaryExpression = this.RULE('primaryExpression', (): A.Expr =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => stringLiteral(this.CONSUME(T.RawString), 'plain') },
        { ALT: () => stringLiteral(this.CONSUME(T.TripleString), 'triple') },
        { ALT: () => literal(this.CONSUME(T.IntLiteral), 'long', Number) },
        { ALT: () => literal(this.CONSUME(T.RealLiteral), 'real', Number) },
        { ALT: () => literal(this.CONSUME(T.True), 'bool', () => true) },
        { ALT: () => literal(this.CONSUME(T.False), 'bool', () => false) },
        { ALT: () => literal(this.CONSUME(T.Null), 'dynamic', () => null) },
        {
          ALT: () => {
            const open = this.CONSUME(T.LParen);
            const inner = this.SUBRULE(this.expression);
            const close = this.CONSUME(T.RParen);
            return this.ACTION(() => ({ kind: 'Paren', inner, span: cover(open, close) }) as A.Paren);
          },
        },
        { GATE: () => this.is(2, T.LParen), ALT: () => this.SUBRULE(this.functionCall) },
        {
          GATE: () => this.wordAhead('enum') && this.is(2, T.Dot),
          ALT: () => {
            const kw = this.CONSUME(T.Identifier);
            this.CONSUME(T.Dot);
            const name = this.CONSUME2(T.Identifier);
            return this.ACTION(() => ({ kind: 'Enum', name: name.image, span: cover(kw, name) }) as A.EnumLiteral);
          },
        },
        { ALT: () => this.SUBRULE(this.nameRef) },
      ],
    }),
  );

  private functionCall = this.RULE('functionCall', (): A.Call => {
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    const args: A.Expr[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => { const a = this.SUBRULE(this.expression); this.ACTION(() => args.push(a)); } });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({
      kind: 'Call', name: name.image.toLowerCase(), nameSpan: tokenSpan(name), args, argNames: args.map(() => undefined), span: cover(name, close),
    }));
  });
}

function binary(op: A.BinaryOp, left: A.Expr, right: A.Expr, opToken: IToken): A.Binary {
  return { kind: 'Binary', op, left, right, opSpan: tokenSpan(opToken), span: cover(left, opToken, right) };
}

/** `not x` is the shared tree's `not(x)`. */
function negation(kw: IToken, operand: A.Expr): A.Call {
  return { kind: 'Call', name: 'not', nameSpan: tokenSpan(kw), args: [operand], argNames: [undefined], span: cover(kw, operand) };
}

function literal(t: IToken, type: A.Literal['type'], value: (text: string) => Value): A.Literal {
  return { kind: 'Literal', type, value: Number.isNaN(t.startOffset) ? null : value(t.image), span: tokenSpan(t) };
}

/** `"..."` keeps its text as written; `"""..."""` has its escape sequences processed. */
function stringLiteral(t: IToken, quoting: 'plain' | 'triple'): A.Literal {
  const value = quoting === 'plain' ? t.image.slice(1, -1) : decodeString(`"${t.image.slice(3, -3)}"`);
  return { kind: 'Literal', type: 'string', value, quoting, span: tokenSpan(t) };
}

/** The value of a parameter token: a boolean, a number, a string's text, or the word as written (`7d`, `left`). */
function tokenValue(t: IToken): Value {
  if (tokenMatcher(t, T.True)) return true;
  if (tokenMatcher(t, T.False)) return false;
  if (tokenMatcher(t, T.IntLiteral)) return Number(t.image);
  if (tokenMatcher(t, T.RawString)) return t.image.slice(1, -1);
  return t.image;
}
