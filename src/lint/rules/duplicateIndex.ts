/** Two indexes that are the same but for their names: twice the write cost for nothing. */
import type { Index } from '../../model/schema.js';
import { defineLint } from '../rule.js';
import { isUserObject, qualified } from '../scope.js';

/**
 * The index's definition without its name: `pg_get_indexdef` prints `CREATE [UNIQUE] INDEX <name> ON …`, and
 * everything from ` ON ` on (table, method, columns, opclasses, INCLUDE, predicate) is what the index is.
 */
export function indexShape(index: Index): string {
  const def = index.definition;
  const head = /^CREATE (UNIQUE )?INDEX /.exec(def);
  if (!head) return def;
  let i = head[0].length;
  if (def[i] === '"') {
    // A quoted name: skip to its closing quote (a doubled quote is part of the name).
    for (i++; i < def.length; i++) {
      if (def[i] === '"' && def[i + 1] === '"') i++;
      else if (def[i] === '"') break;
    }
    i++;
  } else {
    while (i < def.length && def[i] !== ' ') i++;
  }
  return `${head[0]}${def.slice(i).trimStart()}`;
}

export const duplicateIndex = defineLint('duplicate_index', (model) =>
  model.tables.filter(isUserObject).flatMap((t) => {
    const byShape = new Map<string, string[]>();
    for (const index of t.indexes ?? []) {
      const shape = indexShape(index);
      byShape.set(shape, [...(byShape.get(shape) ?? []), index.name]);
    }
    return [...byShape.values()]
      .filter((group) => group.length > 1)
      .map((group) => {
        const names = [...group].sort();
        return {
          schema: t.schema,
          object: t.name,
          keyMember: names.join(','),
          message: `table ${qualified(t.schema, t.name)} has identical indexes ${names.join(', ')}: keep one`,
        };
      });
  }),
);
