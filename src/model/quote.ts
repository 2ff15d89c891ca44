/**
 * The one place SQL identifiers and literals are quoted. Everything the tool writes into SQL goes through
 * these, so a table named `x"; drop table users; --` comes out as a harmless identifier.
 */

/** An identifier, always double-quoted (quoting even plain names keeps the output uniform and safe). */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL byte');
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name`, each part quoted. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal. E'' form when it holds a backslash, so it means the same whatever standard_conforming_strings says. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('literal contains a NUL byte');
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** A dollar-quoted string whose tag does not occur in `body` (names inside may hold `$$`). */
export function dollarQuote(body: string): string {
  let tag = '$sd$';
  for (let i = 0; body.includes(tag); i++) tag = `$sd${i}$`;
  return `${tag}${body}${tag}`;
}

/**
 * A `--` comment (one or more lines) that no text can end early: every line, split at any character
 * PostgreSQL's lexer ends a comment at, gets its own `-- `, and other control characters are shown escaped.
 */
export function sqlComment(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      `-- ${line.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`.trimEnd(),
    )
    .join('\n');
}

/** PostgreSQL keeps the first 63 bytes of an identifier (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * `name` cut to `bytes` of UTF-8 on a character boundary (never half of a surrogate pair), so a name the tool makes
 * up is the name PostgreSQL keeps.
 */
export function fitIdentifier(name: string, bytes = MAX_IDENTIFIER_BYTES): string {
  if (Buffer.byteLength(name) <= bytes) return name;
  let out = '';
  let used = 0;
  for (const ch of name) {
    const size = Buffer.byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}
