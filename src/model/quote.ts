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
