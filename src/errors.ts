/**
 * Trouble the user can fix (bad flags, unreadable input, unreachable database): exit code 2 and one line on
 * stderr, never a stack trace. Anything else thrown is a bug and is shown with its stack under --debug.
 *
 * Also the one place secrets are hidden: connection strings (parsed once, see introspect/connectionString.ts)
 * and string literals of statements that may carry a password.
 */
export class InputError extends Error {
  override name = 'InputError';
}

export {
  /** A connection string with every secret replaced, for every message and report. */
  redactConnection as redactUrl,
  /** Removes secrets from a message that may quote a connection string (and those of `url`). */
  redactMessage as redactText,
} from './introspect/connectionString.js';

/**
 * Statements that may carry a password in a string literal: role and user DDL (`CREATE ROLE … PASSWORD '…'`,
 * `ALTER USER … PASSWORD`, `CREATE USER MAPPING … OPTIONS (password '…')`), server options, and anything that
 * says "password" (a `DO` block running such DDL).
 */
const SECRET_BEARING = /^\s*(?:(?:create|alter)\s+(?:role|user|group|server)\b|.*\b(?:password|passwd|secret)\b)/is;

const LITERAL = /(\$[A-Za-z_0-9]*\$)[\s\S]*?(?:\1|$)|[eE]?'(?:[^'\\]|''|\\.)*(?:'|$)/g;

/**
 * The text of a statement as it may be quoted in a message: in statements that may carry a password every
 * string literal (plain, E'…', dollar-quoted) becomes '***'; others are returned as they are.
 */
export function maskSecrets(sql: string): string {
  if (!SECRET_BEARING.test(sql)) return sql;
  return sql.replace(LITERAL, (m) => (m.startsWith('$') ? '$$***$$' : "'***'"));
}

/** A server's message about such a statement, with any literal's contents that it repeats hidden. */
export function maskSecretsIn(message: string, sql: string): string {
  if (!SECRET_BEARING.test(sql)) return message;
  let out = message;
  for (const value of literalValues(sql)) if (value.length >= 3) out = out.split(value).join('***');
  return out;
}

/** Each literal's text as written and as the server reads it; dollar-quoted bodies are searched in turn. */
function literalValues(sql: string, depth = 0): string[] {
  const out: string[] = [];
  for (const m of sql.match(LITERAL) ?? []) {
    if (m.startsWith('$')) {
      const body = m.replace(/^\$[A-Za-z_0-9]*\$|\$[A-Za-z_0-9]*\$$/g, '');
      if (depth < 3) out.push(...literalValues(body, depth + 1));
      continue;
    }
    const body = m.replace(/^[eE]?'|'$/g, '');
    const read = body.replace(/''/g, "'");
    out.push(body, read, body.replace(/\\(.)/g, '$1'));
    // A literal holding a statement (`execute 'alter role … password ''…'''`): its own literals too.
    if (depth < 3 && read.includes("'")) out.push(...literalValues(read, depth + 1));
  }
  return out.sort((a, b) => b.length - a.length);
}
