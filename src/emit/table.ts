/**
 * Tables: CREATE TABLE for new ones, in foreign-key order (a key into a table created later, or in a cycle, is
 * added after every table exists); a primary key on `id` when types.ts has one; DROP for tables types.ts lacks.
 */
import type { TableDelta } from '../diff/delta.js';
import type { ForeignKey, Table } from '../model/schema.js';
import { quoteIdent, quoteQualified, sqlComment } from '../model/quote.js';
import type { EmitContext } from './context.js';
import { foreignKeyClause, addForeignKey } from './foreignKey.js';
import { statement, type Statement } from './statement.js';
import { keyFollowsTableOrder, uniqueKeyName } from './uniqueKey.js';

export function tableStatements(deltas: Array<TableDelta & { op: 'added' }>, ctx: EmitContext): Statement[] {
  const out: Statement[] = [];
  const created = new Set<Table>();
  const newTable = (fk: ForeignKey) =>
    deltas.find((d) => d.right.schema === fk.referencedSchema && d.right.name === fk.referencedTable)?.right;
  for (const d of foreignKeyOrder(
    deltas.map((x) => x.right),
    newTable,
  )) {
    const t = d;
    const delta = deltas.find((x) => x.right === t)!;
    const notes: string[] = [];
    // Each line keeps its reason as a trailing comment.
    const stored = t.columns.filter((c) => !c.computed);
    const lines: Array<[sql: string, why?: string]> = stored.map((c) => {
      const def = ctx.columnDefinition(t, c);
      return [def.sql, def.why];
    });
    const hasId = stored.some((c) => c.name === 'id');
    if (hasId) lines.push([`primary key (${quoteIdent('id')})`, 'types.ts has an id column']);
    else notes.push('no primary key: types.ts does not imply one');
    const later: ForeignKey[] = [];
    const uniqueKeys: string[][] = hasId ? [['id']] : [];
    for (const fk of t.foreignKeys ?? []) {
      const target = newTable(fk);
      if (target && target !== t && !created.has(target)) later.push(fk);
      else if (target || ctx.dbTable(fk.referencedSchema, fk.referencedTable)) lines.push([foreignKeyClause(fk)]);
      else {
        notes.push(`foreign key ${fk.name}: ${fk.referencedTable} is not a table here; not created`);
        continue;
      }
      if (!fk.oneToOne || uniqueKeys.some((k) => k.join('\u0000') === fk.columns.join('\u0000'))) continue;
      if (keyFollowsTableOrder(fk.columns, stored)) {
        uniqueKeys.push(fk.columns);
        lines.push([
          `constraint ${quoteIdent(uniqueKeyName(t.name, fk.columns))} unique (${fk.columns.map(quoteIdent).join(', ')})`,
          `isOneToOne: true on ${fk.name}`,
        ]);
      } else {
        notes.push(
          `foreign key ${fk.name}: isOneToOne: true, but its columns are not in the table's column order; no unique key`,
        );
      }
    }
    created.add(t);
    const body = lines
      .map(([sql, why], i) => `  ${sql}${i < lines.length - 1 ? ',' : ''}${why ? ` ${sqlComment(why)}` : ''}`)
      .join('\n');
    out.push(
      statement('table', `create table if not exists ${quoteQualified(t.schema, t.name)} (\n${body}\n)`, {
        delta,
        notes,
      }),
    );
    for (const fk of later) {
      out.push({
        ...addForeignKey(t, fk, { notValid: false }),
        delta,
        notes: [`foreign key ${fk.name}: added after ${fk.referencedTable} exists (created later, or a cycle)`],
      });
    }
  }
  return out;
}

export function dropTable(d: TableDelta & { op: 'removed' }): Statement {
  const t = d.left;
  return statement('drop', `drop table ${quoteQualified(t.schema, t.name)}`, {
    delta: d,
    hazards: ['deletes_data', 'takes_access_exclusive_lock'],
    destructive: `types.ts has no table ${t.schema}.${t.name}`,
  });
}

/** Tables ordered so that each comes after the new tables it references; cycles keep types.ts order. */
function foreignKeyOrder(tables: Table[], newTable: (fk: ForeignKey) => Table | undefined): Table[] {
  const out: Table[] = [];
  const placed = new Set<Table>();
  const visiting = new Set<Table>();
  const visit = (t: Table) => {
    if (placed.has(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of t.foreignKeys ?? []) {
      const target = newTable(fk);
      if (target && target !== t) visit(target);
    }
    visiting.delete(t);
    placed.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}
