/** A migration file's text → statements, each with the line it starts on, for messages that name file:line. */
import { InputError } from '../../errors.js';

export interface Statement {
  sql: string;
  /** 1-based line in the file where the statement's first token is. */
  line: number;
  node: Record<string, any>;
}

type ParseFn = (sql: string) => Promise<{ stmts: Array<{ stmt: Record<string, any>; stmt_location?: number; stmt_len?: number }> }>;
let parser: Promise<ParseFn> | undefined;

/** Splits a file into statements with PostgreSQL's grammar; a syntax error names file and line. */
export async function splitStatements(text: string, file: string): Promise<Statement[]> {
  parser ??= import('libpg-query').then((m) => m.parse as unknown as ParseFn);
  const parse = await parser;
  let result: Awaited<ReturnType<ParseFn>>;
  try {
    result = await parse(text);
  } catch (err) {
    const e = err as { message: string; sqlDetails?: { cursorPosition?: number } };
    const pos = e.sqlDetails?.cursorPosition;
    const line = pos === undefined ? 1 : lineAt(text, pos);
    throw new InputError(`${file}:${line}: syntax error: ${e.message}`);
  }
  // Locations are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(text, 'utf8');
  return result.stmts.map((s) => {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const raw = bytes.subarray(start, end).toString('utf8');
    const lead = raw.length - raw.trimStart().length;
    const before = bytes.subarray(0, start).toString('utf8');
    return { sql: raw.trim(), line: lineAt(before + raw.slice(0, lead), before.length + lead), node: s.stmt };
  });
}

export function lineAt(text: string, charOffset: number): number {
  let line = 1;
  for (let i = 0; i < charOffset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

