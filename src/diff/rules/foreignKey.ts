/** Foreign keys (same-schema, as the generator lists them) on one side only. Keyed by constraint name. */
import type { FindingInput } from '../../findings/finding.js';
import type { ForeignKey } from '../../model/schema.js';
import type { ForeignKeyDelta } from '../delta.js';

export const foreignKeyText = (k: ForeignKey) => `${k.name}(${k.columns.join(',')})→${k.referencedTable}(${k.referencedColumns.join(',')})`;

export function foreignKeyRule(d: ForeignKeyDelta): FindingInput[] {
  if (d.op === 'changed') return [];
  const t = d.parent.right;
  const k = d.op === 'added' ? d.right : d.left;
  const base = { schema: t.schema, object: t.name, column: k.columns.join(', '), keyMember: k.name };
  if (d.op === 'added') {
    return [{ ...base, code: 'foreign_key_missing_in_database', location: k.location ?? t.location, message: `foreign key ${k.name} on ${t.schema}.${t.name}: types.ts has ${foreignKeyText(k)}, the database does not`, expected: foreignKeyText(k) }];
  }
  return [{ ...base, code: 'foreign_key_missing_in_types', location: t.location, message: `foreign key ${k.name} on ${t.schema}.${t.name}: the database has ${foreignKeyText(k)}, types.ts does not`, actual: foreignKeyText(k) }];
}
