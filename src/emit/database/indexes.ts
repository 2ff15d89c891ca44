/**
 * Indexes (those no constraint owns): TO's definition (pg_get_indexdef) for new and changed ones, DROP INDEX for
 * FROM's. Built inside the transaction: on an existing table that blocks writes while it builds.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteQualified } from '../../model/quote.js';
import type { Index } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { dbStatement } from './context.js';

export function createIndex(i: Index, d: DbDelta, existingTable: boolean): Statement {
  return dbStatement('index', i.definition.trim(), d, { hazards: existingTable ? ['blocks_writes'] : [] });
}

export function indexStatements(d: DbDelta): Statement[] {
  const out: Statement[] = [];
  if (d.left) out.push(dbStatement('unbind', `drop index ${quoteQualified(d.schema, (d.left as Index).name)}`, d));
  if (d.right) out.push(createIndex(d.right as Index, d, true));
  return out;
}
