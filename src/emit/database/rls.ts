/** Row level security: ENABLE/DISABLE and FORCE/NO FORCE, to TO's flags. */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteQualified } from '../../model/quote.js';
import type { Table } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { dbStatement } from './context.js';

export function rlsStatements(from: Table | undefined, to: Table, d: DbDelta): Statement[] {
  const name = quoteQualified(to.schema, to.name);
  const out: Statement[] = [];
  const hazards: Statement['hazards'] = ['authz_change'];
  if (Boolean(from?.rlsEnabled) !== Boolean(to.rlsEnabled))
    out.push(
      dbStatement('rls', `alter table ${name} ${to.rlsEnabled ? 'enable' : 'disable'} row level security`, d, {
        hazards,
      }),
    );
  if (Boolean(from?.rlsForced) !== Boolean(to.rlsForced))
    out.push(
      dbStatement('rls', `alter table ${name} ${to.rlsForced ? '' : 'no '}force row level security`, d, { hazards }),
    );
  return out;
}

/** A delta of kind `rls` (both tables attached). */
export function rlsDeltaStatements(d: DbDelta): Statement[] {
  return d.op === 'changed' ? rlsStatements(d.left as Table, d.right as Table, d) : [];
}
