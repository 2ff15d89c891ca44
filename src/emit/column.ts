/**
 * Columns of existing tables: ADD COLUMN for new ones; for changed ones, DROP NOT NULL (safe), SET NOT NULL and
 * type changes (destructive), and the default that Insert-optionality implies. Views' columns change with the
 * view's body, which types.ts cannot tell: a stub.
 */
import type { ColumnDelta } from '../diff/delta.js';
import type { Table } from '../model/schema.js';
import { quoteIdent, quoteQualified } from '../model/quote.js';
import type { EmitContext } from './context.js';
import { statement, type Statement } from './statement.js';

export function columnStatements(d: ColumnDelta, ctx: EmitContext): Statement[] {
  if (d.parentKind === 'view') {
    const v = d.parent.right;
    return [
      statement(
        'stub',
        `-- view ${quoteQualified(v.schema, v.name)}: column ${quoteIdent((d.right ?? d.left)!.name)} differs`,
        {
          delta: d,
          notes: ["a view's columns come from its body, which types.ts cannot tell: rewrite the view by hand"],
        },
      ),
    ];
  }
  const t = d.parent.right as Table;
  const table = quoteQualified(t.schema, t.name);
  if (d.op === 'added') {
    const def = ctx.columnDefinition(t, d.right);
    const hazards: Statement['hazards'] =
      !d.right.nullable && !/ (default|generated) /.test(def.sql) ? ['may_fail_on_existing_rows'] : [];
    return [
      statement('column', `alter table ${table} add column if not exists ${def.sql}`, {
        delta: d,
        notes: [`${d.right.name}: ${def.why}`],
        hazards,
      }),
    ];
  }
  const col = d.left;
  const column = `alter table ${table} alter column ${quoteIdent(col.name)}`;
  if (d.op === 'removed') {
    return [
      statement('drop', `alter table ${table} drop column ${quoteIdent(col.name)}`, {
        delta: d,
        hazards: ['deletes_data', 'takes_access_exclusive_lock'],
        destructive: `types.ts has no column ${t.name}.${col.name}`,
      }),
    ];
  }
  const { left, right } = d;
  const out: Statement[] = [];
  for (const change of d.changes) {
    if (change === 'type') {
      const type = ctx.columnType(t, right);
      out.push(
        statement('alter', `${column} type ${type.sql} using ${quoteIdent(col.name)}::${type.sql}`, {
          delta: d,
          notes: [`${col.name}: ${type.sql}, ${type.why}`],
          hazards: ['rewrites_table', 'takes_access_exclusive_lock', 'may_fail_on_existing_rows'],
          destructive: `types.ts says ${right.tsType}, the database has ${left.sqlType}`,
        }),
      );
    } else if (change === 'nullability') {
      out.push(
        right.nullable
          ? statement('alter', `${column} drop not null`, { delta: d })
          : statement('alter', `${column} set not null`, {
              delta: d,
              hazards: ['takes_access_exclusive_lock', 'may_fail_on_existing_rows'],
              destructive: 'fails if the column holds nulls; scans the table',
            }),
      );
    } else if (right.insertOptional && !left.insertOptional) {
      const type = left.sqlType ?? ctx.columnType(t, right).sql;
      const implied = ctx.impliedDefault(right, type);
      out.push(
        implied?.sql.startsWith('default')
          ? statement('alter', `${column} set ${implied.sql}`, { delta: d, notes: [`${col.name}: ${implied.why}`] })
          : statement('stub', `-- ${column} set default …`, {
              delta: d,
              notes: [`${col.name}: Insert makes it optional; add a default or identity by hand`],
            }),
      );
    } else if (left.default != null && !left.identity && !left.generated) {
      out.push(
        statement('alter', `${column} drop default`, { delta: d, notes: [`${col.name}: Insert makes it required`] }),
      );
    } else {
      out.push(
        statement('stub', `-- ${column} (identity or generated)`, {
          delta: d,
          notes: [`${col.name}: Insert makes it required; drop the identity or generation by hand`],
        }),
      );
    }
  }
  return out;
}
