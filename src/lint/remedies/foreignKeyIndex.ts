/** unindexed_foreign_keys → an index on the key's columns, in the key's order. */
import { fitIdentifier, MAX_IDENTIFIER_BYTES, quoteIdent, quoteQualified } from '../../model/quote.js';
import type { ForeignKey, SchemaModel, Table } from '../../model/schema.js';
import { unindexedKeys } from '../rules/unindexedForeignKeys.js';
import { rlsTables } from '../scope.js';
import { fixKey, type RemedyStatement } from './statement.js';

/** `<table>_<columns>_idx`, made unique among the schema's index names (index names are per schema). */
export function indexName(t: Table, fk: ForeignKey, taken: Set<string>): string {
  const base = `${t.name}_${fk.columns.join('_')}_idx`;
  for (let n = 0; ; n++) {
    const suffix = n === 0 ? '' : `_${n}`;
    const candidate = `${fitIdentifier(base, MAX_IDENTIFIER_BYTES - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

export interface IndexOptions {
  /** CREATE INDEX CONCURRENTLY (a live database: no write lock, but outside a transaction). */
  concurrently?: boolean;
}

export function foreignKeyIndexes(model: SchemaModel, opts: IndexOptions = {}): RemedyStatement[] {
  const takenBySchema = new Map<string, Set<string>>();
  const taken = (schema: string) => {
    let set = takenBySchema.get(schema);
    if (!set) {
      set = new Set(
        model.tables.filter((t) => t.schema === schema).flatMap((t) => (t.indexes ?? []).map((i) => i.name)),
      );
      takenBySchema.set(schema, set);
    }
    return set;
  };
  return rlsTables(model.tables).flatMap((t) =>
    unindexedKeys(t).map((fk): RemedyStatement => {
      const name = indexName(t, fk, taken(t.schema));
      const concurrently = opts.concurrently ? ' concurrently' : '';
      return {
        sql: `create index${concurrently} if not exists ${quoteIdent(name)} on ${quoteQualified(t.schema, t.name)} (${fk.columns.map(quoteIdent).join(', ')})`,
        hazards: opts.concurrently ? [] : ['blocks_writes'],
        notes: [`covers foreign key ${fk.name}`],
        outsideTransaction: opts.concurrently || undefined,
        fixes: [fixKey('unindexed_foreign_keys', t.schema, t.name, fk.name)],
      };
    }),
  );
}
