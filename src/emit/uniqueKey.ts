/**
 * The unique key `isOneToOne: true` implies. Supabase's generator marks a relationship one-to-one when the foreign
 * key's columns, in key order, are those of a primary key or unique constraint in table order (a unique index
 * that is not a constraint does not count). So `fix` adds a UNIQUE constraint, or turns an existing plain unique
 * index into one (no scan); a key whose column order differs from the table's can never be one-to-one.
 */
import type { Column, ForeignKey, Table } from '../model/schema.js';
import { fitIdentifier, MAX_IDENTIFIER_BYTES, quoteIdent, quoteQualified } from '../model/quote.js';
import { ifNoUniqueKey } from './guard.js';

/** PostgreSQL's own name for the constraint (`table_col_key`), shortened to fit on a character boundary. */
export function uniqueKeyName(table: string, columns: readonly string[]): string {
  const suffix = '_key';
  return fitIdentifier(`${table}_${columns.join('_')}`, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
}

/**
 * Whether a one-to-one key can be had on these columns of a table whose columns are `order`: the key's order
 * must be the table's. Columns the table does not list (yet) come after it, in the key's order.
 */
export function keyFollowsTableOrder(columns: readonly string[], order: readonly Pick<Column, 'name'>[]): boolean {
  const at = (c: string) => {
    const i = order.findIndex((o) => o.name === c);
    return i < 0 ? order.length + columns.indexOf(c) : i;
  };
  return columns.every((c, i) => i === 0 || at(columns[i - 1]) < at(c));
}

/** Whether the table has a primary key or unique constraint on exactly these columns (any order). */
export function hasUniqueKey(t: Table, columns: readonly string[]): boolean {
  const same = (cols: readonly string[]) => cols.length === columns.length && cols.every((c) => columns.includes(c));
  return (t.constraints ?? []).some((k) => (k.kind === 'primary' || k.kind === 'unique') && same(k.columns));
}

/**
 * A plain unique btree index on exactly these columns, in ascending order with default operator classes, no
 * predicate or expression: one `ADD CONSTRAINT … UNIQUE USING INDEX` can adopt.
 */
export function adoptableIndex(t: Table, columns: readonly string[]): string | undefined {
  for (const ix of t.indexes ?? []) {
    if (!ix.unique || ix.primary || ix.predicate !== null || ix.method !== 'btree') continue;
    if (ix.columns.length !== columns.length || !ix.columns.every((c) => c !== null && columns.includes(c))) continue;
    const m = / USING btree \((.*)\)$/.exec(ix.definition);
    const parts = m?.[1].split(', ') ?? [];
    const plain =
      parts.length === columns.length && parts.every((p, i) => p === ix.columns[i] || p === quoteIdent(ix.columns[i]!));
    if (plain) return ix.name;
  }
  return undefined;
}

/** `ALTER TABLE … ADD CONSTRAINT … UNIQUE`, guarded so a second run (or an existing key) does nothing. */
export function addUniqueKey(t: Table, fk: ForeignKey, index?: string): string {
  const table = quoteQualified(t.schema, t.name);
  const add = index
    ? `alter table ${table} add constraint ${quoteIdent(index)} unique using index ${quoteIdent(index)}`
    : `alter table ${table} add constraint ${quoteIdent(uniqueKeyName(t.name, fk.columns))} unique (${fk.columns.map(quoteIdent).join(', ')})`;
  return ifNoUniqueKey(t.schema, t.name, fk.columns, add);
}
