/**
 * TS type → SQL type for `fix`, where types.ts says less than SQL needs. In order (DESIGN.md "Type mapping"):
 * the config's `columnTypes`, the referenced column's type for a foreign key, name conventions, the TS type.
 * Every choice comes with the reason, written beside the statement for a reviewer.
 */
import { quoteQualified } from '../model/quote.js';

export interface SqlTypeChoice {
  sql: string;
  why: string;
}

/** `Database["s"]["Enums"]["e"]` → `['s', 'Enums', 'e']`; anything else → undefined. */
export function parseDatabaseRef(tsType: string): string[] | undefined {
  const m = /^Database((?:\["(?:[^"\\]|\\.)*"\])+)$/.exec(tsType);
  if (!m) return undefined;
  return [...m[1].matchAll(/\["((?:[^"\\]|\\.)*)"\]/g)].map((p) => JSON.parse(`"${p[1]}"`) as string);
}

/** The element type of `T[]` / `(T)[]`, or undefined. */
function arrayElement(tsType: string): string | undefined {
  if (!tsType.endsWith('[]')) return undefined;
  const inner = tsType.slice(0, -2);
  return inner.startsWith('(') && inner.endsWith(')') ? inner.slice(1, -1) : inner;
}

const COUNT_NAME = /(^|_)(count|counts|hits|number|num|quantity|qty|position|rank|attempts|retries|index)$|^num_/;
const MONEY_NAME = /_usd$|^price|cost|^amount/;

/** The SQL type for a TS type by its shape alone (no name conventions). */
export function sqlTypeOfTs(tsType: string): SqlTypeChoice {
  const element = arrayElement(tsType);
  if (element !== undefined) {
    const inner = sqlTypeOfTs(element);
    return { sql: `${inner.sql}[]`, why: `${inner.why}, as an array` };
  }
  const ref = parseDatabaseRef(tsType);
  if (ref?.length === 3 && (ref[1] === 'Enums' || ref[1] === 'CompositeTypes')) {
    return {
      sql: quoteQualified(ref[0], ref[2]),
      why: `the ${ref[1] === 'Enums' ? 'enum' : 'composite type'} types.ts names`,
    };
  }
  switch (tsType) {
    case 'string':
      return { sql: 'text', why: 'TS string' };
    case 'number':
      return { sql: 'numeric', why: 'TS number (numeric keeps fractions; columnTypes overrides)' };
    case 'boolean':
      return { sql: 'boolean', why: 'TS boolean' };
    case 'Json':
      return { sql: 'jsonb', why: 'TS Json' };
  }
  if (/^"(?:[^"\\]|\\.)*"(\|"(?:[^"\\]|\\.)*")*$/.test(tsType))
    return { sql: 'text', why: 'a union of string literals' };
  return { sql: 'text', why: `TS ${tsType} has no SQL counterpart; text is a placeholder` };
}

/** Name conventions, applied only when the TS type agrees with them. */
export function sqlTypeByName(column: string, tsType: string): SqlTypeChoice | undefined {
  if (tsType === 'string') {
    if (column === 'id' || column.endsWith('_id')) return { sql: 'uuid', why: 'by name (id / *_id)' };
    if (column.endsWith('_at')) return { sql: 'timestamptz', why: 'by name (*_at)' };
    if (column.endsWith('_date')) return { sql: 'date', why: 'by name (*_date)' };
    if (column.startsWith('period_')) return { sql: 'timestamptz', why: 'by name (period_*)' };
  }
  if (tsType === 'number') {
    if (column === 'id') return { sql: 'bigint', why: 'by name (id)' };
    if (MONEY_NAME.test(column)) return { sql: 'numeric(12,2)', why: 'by name (money)' };
    if (COUNT_NAME.test(column) || column.endsWith('_id'))
      return { sql: 'integer', why: 'by name (a count or number)' };
  }
  return undefined;
}
