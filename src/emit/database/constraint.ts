/**
 * Constraints of tables on both sides (primary keys, uniques, checks, exclusions and foreign keys share one
 * namespace per table): DROP for FROM's, ADD with TO's definition (pg_get_constraintdef) for TO's; a changed one is
 * dropped and added. A foreign key or check added to an existing table is added NOT VALID and then validated, so
 * the check of existing rows does not hold the strong lock.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { Statement } from '../statement.js';
import { constraintKind, dbStatement } from './context.js';

type Def = { name: string; definition: string };

export function addConstraint(table: { schema: string; name: string }, k: Def, d: DbDelta): Statement[] {
  const name = quoteQualified(table.schema, table.name);
  const kind = constraintKind(k.definition);
  const phase = kind === 'foreign' ? 'foreign_key' : 'constraint';
  const add = `alter table ${name} add constraint ${quoteIdent(k.name)} ${k.definition}`;
  if (kind === 'other' || / NOT VALID$/.test(k.definition))
    return [
      dbStatement(phase, add, d, {
        hazards: kind === 'other' ? ['takes_access_exclusive_lock', 'may_fail_on_existing_rows'] : [],
      }),
    ];
  return [
    dbStatement(phase, `${add} not valid`, d, {
      notes: ['added NOT VALID, then validated: existing rows are checked without blocking writes'],
    }),
    dbStatement('validate', `alter table ${name} validate constraint ${quoteIdent(k.name)}`, d, {
      hazards: ['may_fail_on_existing_rows'],
    }),
  ];
}

export function constraintStatements(d: DbDelta): Statement[] {
  const table = { schema: d.schema, name: d.object };
  const out: Statement[] = [];
  if (d.left)
    out.push(
      dbStatement(
        'unbind',
        `alter table ${quoteQualified(d.schema, d.object)} drop constraint ${quoteIdent((d.left as Def).name)}`,
        d,
      ),
    );
  if (d.right) out.push(...addConstraint(table, d.right as Def, d));
  return out;
}
