/**
 * Loading the parser functions of `--parsers DIR` folders (Node): every parser file under each folder,
 * read and indexed by name. Files that cannot be read as a parser, and names two files define, are
 * problems reported once; their KQL is parsed only when a query reads them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PARSER_FILE_CODES } from '../../diagnostics/catalog.js';
import { isParserFile, type ParserDefinition, type ParserProblem, readParserFile } from './parser-file.js';
import { ParserLibrary } from './parser-library.js';

/** Every parser file under `dir`, in a stable order (hidden folders skipped). */
function parserFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...parserFilesUnder(path));
    else if (entry.isFile() && isParserFile(entry.name)) files.push(path);
  }
  return files;
}

/** The parsers of the given folders; a folder that does not exist is a problem of its own (KX564). */
export function loadParsers(dirs: readonly string[]): ParserLibrary {
  const definitions: ParserDefinition[] = [];
  const problems: ParserProblem[] = [];
  for (const dir of dirs) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      problems.push({ file: dir, line: 1, col: 1, code: PARSER_FILE_CODES.folder, message: `--parsers: '${dir}' is not a directory` });
      continue;
    }
    for (const file of parserFilesUnder(dir)) {
      const read = readParserFile(file, readFileSync(file, 'utf8'));
      if (read.definition) definitions.push(read.definition);
      else problems.push(read.problem);
    }
  }
  return new ParserLibrary(definitions, problems);
}
