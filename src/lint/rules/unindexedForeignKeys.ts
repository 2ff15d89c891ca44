/**
 * A foreign key with no index to find the referencing rows: every delete or key update on the referenced table
 * scans this one, and joins along the key cannot use an index.
 */
import type { ForeignKey, Index, Table } from '../../model/schema.js';
import { defineLint } from '../rule.js';
import { qualified, rlsTables } from '../scope.js';

/**
 * An index covers a foreign key when its leading key columns are the key's columns, in any order: lookups on
 * the key are equalities on all of them, which such an index serves whatever its column order. (splinter asks
 * for the same order as the constraint; README lists this difference.) Partial and unique indexes count, as
 * in splinter; an expression in the leading columns does not.
 */
export function covers(index: Index, fk: ForeignKey): boolean {
  const leading = index.columns.slice(0, fk.columns.length);
  if (leading.length < fk.columns.length || leading.some((c) => c === null)) return false;
  const wanted = new Set(fk.columns);
  return leading.every((c) => wanted.has(c as string)) && new Set(leading).size === wanted.size;
}

export function unindexedKeys(t: Table): ForeignKey[] {
  return (t.foreignKeys ?? []).filter((fk) => !(t.indexes ?? []).some((i) => covers(i, fk)));
}

export const unindexedForeignKeys = defineLint('unindexed_foreign_keys', (model) =>
  // Foreign tables hold no indexes; ordinary and partitioned tables are those rlsTables lists.
  rlsTables(model.tables).flatMap((t) =>
    unindexedKeys(t).map((fk) => ({
      schema: t.schema,
      object: t.name,
      keyMember: fk.name,
      message: `foreign key ${fk.name} (${fk.columns.join(', ')}) of ${qualified(t.schema, t.name)} has no covering index`,
    })),
  ),
);
