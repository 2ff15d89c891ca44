/** A table without a primary key: slow to update row by row, and logical replication cannot update it. */
import { defineLint } from '../rule.js';
import { isUserObject, qualified } from '../scope.js';

export const noPrimaryKey = defineLint('no_primary_key', (model) =>
  // Ordinary tables only, partitions included (a partitioned parent's key is its partitions' key).
  model.tables
    .filter((t) => t.kind === 'table' && isUserObject(t) && !(t.indexes ?? []).some((i) => i.primary))
    .map((t) => ({
      schema: t.schema,
      object: t.name,
      message: `table ${qualified(t.schema, t.name)} has no primary key`,
    })),
);
