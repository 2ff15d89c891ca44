/**
 * Columns of tables on both sides. New: ADD COLUMN with its type, default, identity or generation, and what came
 * with it (constraints and indexes on new columns only, column privileges). Gone: DROP COLUMN (destructive).
 * Changed: identity and default first taken off, then the type (destructive: rewrites the table, may fail), the
 * nullability (SET NOT NULL is destructive: fails on nulls), then TO's default and identity.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { Column, Table } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { addConstraint } from './constraint.js';
import { dbStatement, grantStatement, type DbEmitContext } from './context.js';
import { createIndex } from './indexes.js';
import { columnDefinition } from './table.js';

export function columnStatements(d: DbDelta, ctx: DbEmitContext): Statement[] {
  const table = quoteQualified(d.schema, d.object);
  if (d.op === 'removed') {
    const c = d.left as Column;
    return [
      dbStatement('drop', `alter table ${table} drop column ${quoteIdent(c.name)}`, d, {
        hazards: ['deletes_data', 'takes_access_exclusive_lock'],
        destructive: `TO has no column ${d.object}.${c.name}`,
      }),
    ];
  }
  const to = ctx.toTable(d.schema, d.object);
  if (!to) return [];
  if (d.op === 'added') return addedColumn(d.right as Column, to, ctx, d);
  const [left, right] = [d.left as Column, d.right as Column];
  const facts = new Set(d.facts ?? []);
  const col = `alter table ${table} alter column ${quoteIdent(right.name)}`;
  const out: Statement[] = [];
  if (facts.has('generated')) {
    return [
      dbStatement('stub', `-- ${col}: generation expression`, d, {
        notes: ['a generated column changes by dropping and adding it again: write it by hand'],
      }),
    ];
  }
  if (right.generated && facts.has('default')) {
    return [
      dbStatement('stub', `-- ${col}: generation expression (${right.default})`, d, {
        notes: ['a generation expression changes by dropping and adding the column again: write it by hand'],
      }),
    ];
  }
  const identityChanges = facts.has('identity');
  if (identityChanges && left.identity && !right.identity) out.push(dbStatement('alter', `${col} drop identity`, d));
  if ((facts.has('default') || identityChanges) && left.default != null && right.default == null)
    out.push(dbStatement('alter', `${col} drop default`, d));
  if (facts.has('type'))
    out.push(
      dbStatement('alter', `${col} type ${right.sqlType} using ${quoteIdent(right.name)}::${right.sqlType}`, d, {
        hazards: ['rewrites_table', 'takes_access_exclusive_lock', 'may_fail_on_existing_rows'],
        destructive: `type ${left.sqlType} → ${right.sqlType} rewrites the table and may fail or lose precision`,
      }),
    );
  if (facts.has('nullability'))
    out.push(
      right.nullable
        ? dbStatement('alter', `${col} drop not null`, d)
        : dbStatement('alter', `${col} set not null`, d, {
            hazards: ['takes_access_exclusive_lock', 'may_fail_on_existing_rows'],
            destructive: 'fails if the column holds nulls; scans the table',
          }),
    );
  if ((facts.has('default') || identityChanges) && right.default != null)
    out.push(dbStatement('alter', `${col} set default ${right.default}`, d));
  if (identityChanges && right.identity)
    out.push(
      left.identity
        ? dbStatement('alter', `${col} set generated ${right.identity}`, d)
        : dbStatement('alter', `${col} add generated ${right.identity} as identity`, d),
    );
  return out;
}

function addedColumn(c: Column, to: Table, ctx: DbEmitContext, d: DbDelta): Statement[] {
  const out: Statement[] = [];
  const name = quoteQualified(to.schema, to.name);
  const def = columnDefinition(c, to, ctx, d, out);
  const rewrites =
    c.generated || (c.default != null && !/^'.*'(::[\w ."[\]]+)?$|^-?[\d.]+$|^(true|false)$/.test(c.default));
  const hazards: Statement['hazards'] = [];
  if (!c.nullable && c.default == null && !c.identity && !c.generated) hazards.push('may_fail_on_existing_rows');
  if (rewrites || c.identity) hazards.push('rewrites_table');
  out.unshift(dbStatement('column', `alter table ${name} add column ${def}`, d, { hazards }));
  // What came with the column: constraints and indexes on new columns only (this one first among them).
  const from = ctx.fromTable(to.schema, to.name);
  const old = new Set(from?.columns.map((x) => x.name) ?? []);
  const ownedHere = (cols: Array<string | null>) =>
    cols.length > 0 && cols.every((x) => x !== null && !old.has(x)) && cols[0] === c.name;
  for (const k of to.constraints ?? []) if (ownedHere(k.columns)) out.push(...addConstraint(to, k, d));
  for (const fk of to.foreignKeys ?? [])
    if (ownedHere(fk.columns)) out.push(...addConstraint(to, { name: fk.name, definition: fk.definition ?? '' }, d));
  const backing = new Set((to.constraints ?? []).map((k) => k.name));
  for (const i of to.indexes ?? []) if (!backing.has(i.name) && ownedHere(i.columns)) out.push(createIndex(i, d, true));
  for (const g of ctx.grantsOn('relation', to.schema, to.name))
    if (g.kind === 'column' && g.detail === c.name) out.push(grantStatement(ctx, g, 'grant', d));
  return out;
}
