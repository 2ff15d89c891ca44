/**
 * Foreign keys. On an existing table: ADD … NOT VALID (a short lock, no scan), then VALIDATE (scans without
 * blocking writes). ON DELETE/UPDATE are not in types.ts: PostgreSQL's default (NO ACTION) is used.
 */
import type { ForeignKeyDelta } from '../diff/delta.js';
import type { ForeignKey, Table } from '../model/schema.js';
import { quoteIdent, quoteQualified } from '../model/quote.js';
import type { EmitContext } from './context.js';
import { ifNoConstraint } from './guard.js';
import { statement, type Statement } from './statement.js';

const list = (names: string[]) => names.map(quoteIdent).join(', ');

export function foreignKeyClause(fk: ForeignKey): string {
  return `constraint ${quoteIdent(fk.name)} foreign key (${list(fk.columns)}) references ${quoteQualified(fk.referencedSchema, fk.referencedTable)} (${list(fk.referencedColumns)})`;
}

export function addForeignKey(t: Table, fk: ForeignKey, opts: { notValid: boolean }): Statement {
  const add = `alter table ${quoteQualified(t.schema, t.name)} add ${foreignKeyClause(fk)}${opts.notValid ? ' not valid' : ''}`;
  return statement('constraint', ifNoConstraint(t.schema, t.name, fk.name, add));
}

export function foreignKeyStatements(d: ForeignKeyDelta, ctx: EmitContext): Statement[] {
  const t = d.parent.right;
  if (d.op === 'removed') {
    const fk = d.left;
    return [
      statement(
        'drop',
        `alter table ${quoteQualified(t.schema, t.name)} drop constraint if exists ${quoteIdent(fk.name)}`,
        {
          delta: d,
          hazards: ['takes_access_exclusive_lock'],
          destructive: `types.ts has no foreign key ${fk.name}`,
        },
      ),
    ];
  }
  if (d.op === 'changed') return [];
  const fk = d.right;
  if (
    !ctx.dbTable(fk.referencedSchema, fk.referencedTable) &&
    !ctx.typesTable(fk.referencedSchema, fk.referencedTable)
  ) {
    return [
      statement('stub', `-- ${foreignKeyClause(fk)}`, {
        delta: d,
        notes: [`${fk.referencedTable} is not a table: no foreign key can reference it`],
      }),
    ];
  }
  return [
    {
      ...addForeignKey(t, fk, { notValid: true }),
      delta: d,
      notes: ['NOT VALID first: existing rows are checked by VALIDATE below'],
    },
    statement(
      'validate',
      `alter table ${quoteQualified(t.schema, t.name)} validate constraint ${quoteIdent(fk.name)}`,
      {
        delta: d,
        hazards: ['may_fail_on_existing_rows'],
      },
    ),
  ];
}
