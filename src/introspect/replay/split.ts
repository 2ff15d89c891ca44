/**
 * A migration file's text → statements, each with the line it starts on, for messages that name file:line.
 *
 * One pass over the text with PostgreSQL's lexical rules (quotes, dollar quotes, nested comments, `BEGIN ATOMIC`
 * bodies), splitting where psql would: a 20 MB file splits in well under a second. PostgreSQL's own grammar
 * (libpg-query) then parses the statements whose kind the replay must know (DDL, transaction control, COPY…);
 * it costs about a second per megabyte, so plain data statements (INSERT, UPDATE, DELETE, SELECT…) are left to the
 * engine, which reports their errors with the same file:line.
 */
import { InputError } from '../../errors.js';

export interface Statement {
  sql: string;
  /** 1-based line in the file where the statement's first token is. */
  line: number;
  /** PostgreSQL's parse tree (`{ CreateStmt: … }`), or `{}` for a data statement that was not parsed. */
  node: Record<string, any>;
}

/** Statements that never change what the replay must know about: sent to the engine without a local parse. */
const DATA_STATEMENTS = new Set(['insert', 'update', 'delete', 'select', 'with', 'values', 'merge', 'table']);

type ParseSync = (sql: string) => {
  stmts: Array<{ stmt: Record<string, any>; stmt_location?: number; stmt_len?: number }>;
};
let parser: Promise<ParseSync> | undefined;

function loadParser(): Promise<ParseSync> {
  parser ??= import('libpg-query').then(async (m) => {
    await m.loadModule();
    return m.parseSync as unknown as ParseSync;
  });
  return parser;
}

/** A statement's place in the text, as the lexer found it. */
export interface Chunk {
  start: number;
  end: number;
  line: number;
  /** The first word, lower-cased ('' when the statement starts with a symbol). */
  keyword: string;
}

/** Splits a file into statements; a syntax error in a parsed statement names file and line. */
export async function splitStatements(text: string, file: string): Promise<Statement[]> {
  const out: Statement[] = [];
  let parse: ParseSync | undefined;
  for (const chunk of lexStatements(text, file)) {
    const sql = text.slice(chunk.start, chunk.end);
    if (DATA_STATEMENTS.has(chunk.keyword)) {
      out.push({ sql, line: chunk.line, node: {} });
      continue;
    }
    parse ??= await loadParser();
    let result: ReturnType<ParseSync>;
    try {
      result = parse(sql);
    } catch (err) {
      const e = err as { message: string; sqlDetails?: { cursorPosition?: number } };
      const pos = e.sqlDetails?.cursorPosition;
      const line = chunk.line + (pos === undefined ? 0 : lineAt(byteSlice(sql, 0, pos), Infinity) - 1);
      throw new InputError(`${file}:${line}: syntax error: ${firstLine(e.message)}`);
    }
    if (result.stmts.length === 1) {
      out.push({ sql, line: chunk.line, node: checkCopy(result.stmts[0].stmt, file, chunk.line) });
      continue;
    }
    // The lexer and the grammar disagree on where a statement ends (rare): take the grammar's statements.
    for (const s of result.stmts) {
      const start = s.stmt_location ?? 0;
      const raw = byteSlice(sql, start, s.stmt_len ? start + s.stmt_len : undefined);
      const lead = raw.length - raw.trimStart().length;
      const before = byteSlice(sql, 0, start) + raw.slice(0, lead);
      const line = chunk.line + lineAt(before, Infinity) - 1;
      out.push({ sql: raw.trim(), line, node: checkCopy(s.stmt, file, line) });
    }
  }
  return out;
}

/**
 * `COPY … FROM stdin` is followed by data, not SQL (psql feeds it; a driver does not), and `COPY … TO stdout`
 * has nowhere to write: both are refused here, before the data after them reads as a syntax error.
 */
function checkCopy(node: Record<string, any>, file: string, line: number): Record<string, any> {
  const copy = node.CopyStmt;
  if (copy && !copy.filename && !copy.is_program) {
    const dir = copy.is_from ? 'FROM stdin' : 'TO stdout';
    throw new InputError(
      `${file}:${line}: COPY … ${dir} is not supported in a migration (its data is not SQL); use INSERT statements`,
    );
  }
  return node;
}

/** A message's first line: PostgreSQL quotes the text "at or near" an error, which may span lines. */
export function firstLine(message: string): string {
  const cut = message.search(/[\r\n]/);
  return cut === -1 ? message : `${message.slice(0, cut)}…`;
}

/** Byte offsets (libpg-query's) into a string → the string between them. */
function byteSlice(text: string, start: number, end?: number): string {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

/** 1-based line of a character offset (offsets past the end give the last line). */
export function lineAt(text: string, charOffset: number): number {
  let line = 1;
  const stop = Math.min(charOffset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < stop; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const NL = 10;
const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
const isIdentChar = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/**
 * The statements of a text, split as psql splits a script: at `;` outside quotes, comments and parentheses, and
 * outside the `BEGIN … END` body of a `CREATE FUNCTION|PROCEDURE`. Each chunk spans its first token to its last
 * (comments around it left out). An unterminated quote or comment at the end names the line it starts on.
 */
export function* lexStatements(text: string, file: string): Generator<Chunk> {
  const n = text.length;
  let i = 0;
  let line = 1;
  // The statement being read.
  let start = -1;
  let startLine = 0;
  let end = 0;
  let keyword = '';
  let depth = 0;
  let words = 0;
  let routine = false;
  let blockDepth = 0;
  let orSeen = 0;
  const unterminated = (what: string, at: number): never => {
    throw new InputError(`${file}:${at}: unterminated ${what}`);
  };
  const token = (from: number) => {
    if (start < 0) {
      start = from;
      startLine = line;
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      line++;
      i++;
    } else if (isSpace(c)) {
      i++;
    } else if (c === 45 && text.charCodeAt(i + 1) === 45) {
      // -- comment to the end of the line
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? n : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      // /* nested */ comment
      const from = line;
      let level = 1;
      i += 2;
      while (i < n && level > 0) {
        const d = text.charCodeAt(i);
        if (d === NL) line++;
        if (d === 47 && text.charCodeAt(i + 1) === 42) {
          level++;
          i += 2;
        } else if (d === 42 && text.charCodeAt(i + 1) === 47) {
          level--;
          i += 2;
        } else i++;
      }
      if (level > 0) unterminated('comment', from);
    } else if (c === 39 || c === 34) {
      // 'string' or "identifier"; E'…' strings also take backslash escapes
      token(i);
      const escapes =
        c === 39 && i > 0 && (text.charCodeAt(i - 1) | 32) === 101 && (i < 2 || !isIdentChar(text.charCodeAt(i - 2)));
      const from = line;
      i++;
      for (;;) {
        if (i >= n) unterminated(c === 39 ? 'quoted string' : 'quoted identifier', from);
        const d = text.charCodeAt(i);
        if (d === NL) line++;
        if (escapes && d === 92) {
          if (text.charCodeAt(i + 1) === NL) line++;
          i += 2;
        } else if (d === c) {
          if (text.charCodeAt(i + 1) === c) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      end = i;
    } else if (c === 36 && !(text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) {
      // $tag$ … $tag$ (a `$` followed by a digit is a parameter)
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j)) && text.charCodeAt(j) !== 36) j++;
      if (text.charCodeAt(j) !== 36) {
        token(i);
        i = end = i + 1;
        continue;
      }
      token(i);
      const tag = text.slice(i, j + 1);
      const close = text.indexOf(tag, j + 1);
      if (close === -1) unterminated('dollar-quoted string', line);
      for (let k = text.indexOf('\n', j + 1); k !== -1 && k < close; k = text.indexOf('\n', k + 1)) line++;
      i = end = close + tag.length;
    } else if (isIdentStart(c)) {
      token(i);
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      // e'…', b'…', x'…', u&'…' prefixes lex as the word, then the quote (handled above). Only the first words
      // (and every word of a routine) are looked at: the rest of a statement is skipped without a copy.
      if (words < 4 || routine) {
        const word = text.slice(i, j).toLowerCase();
        if (words === 0) {
          keyword = word;
          routine = false;
        }
        // psql's rule: inside CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN … END (and CASE … END within it) nest.
        if (words === 1 && word === 'or' && keyword === 'create') orSeen = 1;
        else if (words === 2 && orSeen === 1 && word === 'replace') orSeen = 2;
        const kind = word === 'function' || word === 'procedure';
        if (keyword === 'create' && kind && (words === 1 || (words === 3 && orSeen === 2))) routine = true;
        if (routine) {
          if (word === 'begin') blockDepth++;
          else if (word === 'case' && blockDepth > 0) blockDepth++;
          else if (word === 'end' && blockDepth > 0) blockDepth--;
        }
      }
      words++;
      i = end = j;
    } else if (c === 59 && depth === 0 && blockDepth === 0) {
      // ; ends the statement
      if (start >= 0) yield { start, end, line: startLine, keyword };
      start = -1;
      keyword = '';
      words = 0;
      routine = false;
      orSeen = 0;
      i++;
    } else {
      token(i);
      if (c === 40) depth++;
      else if (c === 41 && depth > 0) depth--;
      i = end = i + 1;
    }
  }
  if (start >= 0) yield { start, end, line: startLine, keyword };
}
