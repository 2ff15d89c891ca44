/** Foreign keys (same-schema, as the generator lists them) on one side only. Keyed by constraint name. */
import type { FindingInput } from '../../findings/finding.js';
import type { ForeignKey } from '../../model/schema.js';
import type { ForeignKeyDelta } from '../delta.js';

export const foreignKeyText = (k: ForeignKey) =>
  `${k.name}(${k.columns.join(',')})→${k.referencedTable}(${k.referencedColumns.join(',')})`;

export function foreignKeyRule(d: ForeignKeyDelta): FindingInput[] {
  const t = d.parent.right;
  if (d.op === 'changed') {
    const many = (one: boolean | undefined) => (one ? 'one row (isOneToOne)' : 'an array');
    return [
      {
        schema: t.schema,
        object: t.name,
        column: d.right.columns.join(', '),
        keyMember: d.right.name,
        code: 'foreign_key_cardinality_mismatch',
        location: d.right.location ?? t.location,
        message: `foreign key ${d.right.name} on ${t.schema}.${t.name}: types.ts embeds ${many(d.right.oneToOne)}, the database's keys make it ${many(d.left.oneToOne)}`,
        expected: String(d.right.oneToOne),
        actual: String(d.left.oneToOne),
      },
    ];
  }
  const k = d.op === 'added' ? d.right : d.left;
  const base = { schema: t.schema, object: t.name, column: k.columns.join(', '), keyMember: k.name };
  if (d.op === 'added') {
    return [
      {
        ...base,
        code: 'foreign_key_missing_in_database',
        location: k.location ?? t.location,
        message: `foreign key ${k.name} on ${t.schema}.${t.name}: types.ts has ${foreignKeyText(k)}, the database does not`,
        expected: foreignKeyText(k),
      },
    ];
  }
  return [
    {
      ...base,
      code: 'foreign_key_missing_in_types',
      location: t.location,
      message: `foreign key ${k.name} on ${t.schema}.${t.name}: the database has ${foreignKeyText(k)}, types.ts does not`,
      actual: foreignKeyText(k),
    },
  ];
}
