/**
 * Loads a CSV file, as Log Analytics, Sentinel and most tools export it: a header row, then one
 * record per row. The scanner finds the fields; each goes to its column's sink. A row with the
 * wrong number of fields is reported and skipped.
 */
import { type CsvFields, scanCsvFile } from './csv-scanner.js';
import { cellText, type ColumnSink, DatetimeSink, type LoadContext, NumberSink, StringSink } from './column-sinks.js';
import { isUtcLabel, parseColumnName } from './column-names.js';
import type { LoadOptions, LoadResult } from './load-types.js';
import { TextInferSink } from './infer-sinks.js';
import { LoadError, ProblemLog } from './problems.js';
import { INVALID_UTF8 } from './text-encoding.js';
import { RowEstimator } from './row-estimate.js';
import { TableAssembler } from './table-assembler.js';

// The row loop switches on these so that each sink call site sees one class (and V8 inlines it).
const OTHER = 0;
const STRING = 1;
const NUMBER = 2;
const DATETIME = 3;
const INFER = 4;

function kindOf(sink: ColumnSink): number {
  if (sink instanceof StringSink) return STRING;
  if (sink instanceof NumberSink) return NUMBER;
  if (sink instanceof DatetimeSink) return DATETIME;
  if (sink instanceof TextInferSink) return INFER;
  return OTHER;
}

export async function loadCsv(path: string, options: LoadOptions): Promise<LoadResult> {
  const log = new ProblemLog(path, options.maxProblems);
  const ctx: LoadContext = { line: 0, log };
  const assembler = new TableAssembler(options.schema ?? [], ctx, 'text');
  let sinks: ColumnSink[] | undefined;
  let kinds = new Uint8Array(0);
  let rowsRead = 0;
  let fileBytes = 0;
  let estimator: RowEstimator | undefined;

  function header(buf: Buffer, f: CsvFields, line: number): void {
    sinks = [];
    for (let c = 0; c < f.count; c++) {
      const { name, label } = parseColumnName(cellText(buf, f.starts[c]!, f.ends[c]!, f.escaped[c] === 1));
      const colName = name === '' ? `Column${c + 1}` : name;
      if (label !== undefined && !isUtcLabel(label)) {
        log.add(line, `column ${colName} was exported in "${label}" time; its values are read as UTC`);
      }
      sinks.push(assembler.addColumn(colName, line));
    }
    kinds = Uint8Array.from(sinks, kindOf);
    // A row of n fields takes at least n bytes (the commas and the line end).
    estimator = new RowEstimator(fileBytes, f.count, (rows) => assembler.reserve(rows));
  }

  function row(buf: Buffer, f: CsvFields, line: number): void {
    const cols = sinks!;
    rowsRead++;
    if (f.count !== cols.length) {
      log.add(line, `expected ${cols.length} fields, found ${f.count}; row skipped`);
      return;
    }
    ctx.line = line;
    const { starts, ends, escaped } = f;
    estimator?.add(ends[f.count - 1]! - starts[0]! + 2);
    for (let c = 0; c < cols.length; c++) {
      const s = starts[c]!;
      const e = ends[c]!;
      const esc = escaped[c] === 1;
      switch (kinds[c]) {
        case STRING:
          (cols[c] as StringSink).addBytes(buf, s, e, esc);
          break;
        case NUMBER:
          (cols[c] as NumberSink).addBytes(buf, s, e, esc);
          break;
        case DATETIME:
          (cols[c] as DatetimeSink).addBytes(buf, s, e, esc);
          break;
        case INFER:
          (cols[c] as TextInferSink).addBytes(buf, s, e, esc);
          break;
        default:
          cols[c]!.addBytes(buf, s, e, esc);
      }
    }
    assembler.rowCount++;
  }

  await scanCsvFile(
    path,
    {
      start(totalBytes) {
        fileBytes = totalBytes;
      },
      record(buf, f, line) {
        if (sinks === undefined) header(buf, f, line);
        else row(buf, f, line);
      },
      problem(line, message) {
        // Skipping a header that cannot be read would make the first row the header, silently.
        if (sinks === undefined) throw new LoadError(`cannot load ${path}: its header (line ${line}) cannot be read: ${message.replace(/; row skipped$/, '')}`, path);
        rowsRead++;
        log.add(line, message);
      },
      invalidText(line) {
        log.add(line, INVALID_UTF8);
      },
    },
    options.onProgress,
    options.chunkBytes,
  );
  return { table: assembler.finish(), problems: log.problems(), rowsRead };
}
