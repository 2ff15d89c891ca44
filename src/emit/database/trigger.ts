/** Triggers: TO's definition (pg_get_triggerdef) for new and changed ones, DROP TRIGGER for FROM's. */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { Trigger } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { dbStatement } from './context.js';

export function createTrigger(t: Trigger, d: DbDelta): Statement {
  return dbStatement('trigger', t.definition.trim(), d);
}

export function triggerStatements(d: DbDelta): Statement[] {
  const out: Statement[] = [];
  if (d.left) {
    const t = d.left as Trigger;
    out.push(dbStatement('unbind', `drop trigger ${quoteIdent(t.name)} on ${quoteQualified(d.schema, d.object)}`, d));
  }
  if (d.right) out.push(createTrigger(d.right as Trigger, d));
  return out;
}
