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
import { addUniqueKey, adoptableIndex, hasUniqueKey, keyFollowsTableOrder, uniqueKeyName } from './uniqueKey.js';

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
  if (d.op === 'changed') return cardinalityStatements(d as ForeignKeyDelta & { op: 'changed' });
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
  const existing = d.parent.left;
  const order = [...existing.columns, ...t.columns.filter((c) => !existing.columns.some((e) => e.name === c.name))];
  const oneToOne =
    fk.oneToOne && !hasUniqueKey(existing, fk.columns) ? [uniqueKeyStatement(existing, fk, d, order)] : [];
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
    ...oneToOne,
  ];
}

/** isOneToOne differs: a unique key on the key's columns is missing (added here) or extra (left to a person). */
function cardinalityStatements(d: ForeignKeyDelta & { op: 'changed' }): Statement[] {
  const t = d.parent.left;
  const fk = d.right;
  if (fk.oneToOne) return [uniqueKeyStatement(t, fk, d, t.columns)];
  const key = (t.constraints ?? []).find(
    (k) =>
      (k.kind === 'primary' || k.kind === 'unique') &&
      k.columns.length === fk.columns.length &&
      k.columns.every((c) => fk.columns.includes(c)),
  );
  return [
    statement(
      'stub',
      `alter table ${quoteQualified(t.schema, t.name)} drop constraint ${quoteIdent(key?.name ?? uniqueKeyName(t.name, fk.columns))}`,
      {
        delta: d,
        notes: [
          `types.ts embeds ${fk.name} as an array (isOneToOne: false), the database's ${key?.kind === 'primary' ? 'primary' : 'unique'} key makes it one row: drop the key only if rows may repeat, else regenerate types.ts`,
        ],
      },
    ),
  ];
}

/** The unique key isOneToOne implies on a table that exists (`order`: its columns once this migration ran). */
function uniqueKeyStatement(
  t: Table,
  fk: ForeignKey,
  d: ForeignKeyDelta,
  order: readonly { name: string }[],
): Statement {
  const cols = fk.columns.join(', ');
  if (!keyFollowsTableOrder(fk.columns, order)) {
    // No delta: the key itself can still be added; only its cardinality is left to a person.
    return statement('stub', `alter table ${quoteQualified(t.schema, t.name)} add unique (${list(fk.columns)})`, {
      notes: [
        `isOneToOne: true in types.ts, but ${fk.name}'s columns (${cols}) are not in the table's column order, which Supabase's generator requires of the unique key: reorder the key's columns by hand`,
      ],
    });
  }
  const index = adoptableIndex(t, fk.columns);
  return statement('constraint', addUniqueKey(t, fk, index), {
    delta: d,
    notes: [
      index
        ? `isOneToOne: true in types.ts: the unique index ${index} on (${cols}) becomes a unique constraint (no scan)`
        : `isOneToOne: true in types.ts: a unique key on (${cols}); fails if existing rows repeat a value`,
    ],
    hazards: index ? ['takes_access_exclusive_lock'] : ['may_fail_on_existing_rows', 'takes_access_exclusive_lock'],
  });
}
