/**
 * Enums: CREATE TYPE for TO's new ones; new labels with ADD VALUE … BEFORE/AFTER, outside the transaction (a
 * label added inside one cannot be used in it); labels FROM has and TO lacks, or a new order, need the type
 * recreated (a stub: it rewrites every column using it). Gone: DROP TYPE (destructive).
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteLiteral, quoteQualified } from '../../model/quote.js';
import type { EnumType } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { labelAdditions } from '../enum.js';
import { dbStatement } from './context.js';

export function enumStatements(d: DbDelta): Statement[] {
  if (d.op === 'added') {
    const e = d.right as EnumType;
    return [
      dbStatement(
        'type',
        `create type ${quoteQualified(e.schema, e.name)} as enum (${e.labels.map(quoteLiteral).join(', ')})`,
        d,
      ),
    ];
  }
  if (d.op === 'removed') {
    const e = d.left as EnumType;
    return [
      dbStatement('drop', `drop type ${quoteQualified(e.schema, e.name)}`, d, {
        hazards: ['deletes_data'],
        destructive: `TO has no enum ${e.schema}.${e.name}`,
      }),
    ];
  }
  const [left, right] = [d.left as EnumType, d.right as EnumType];
  const name = quoteQualified(right.schema, right.name);
  const { adds, orderDiffers } = labelAdditions(left.labels, right.labels);
  const out = adds.map((add) => dbStatement('enum_label', `alter type ${name} ${add}`, d));
  if (orderDiffers) {
    const gone = left.labels.filter((l) => !right.labels.includes(l));
    out.push(
      dbStatement('stub', `-- recreate ${name} as enum (${right.labels.map(quoteLiteral).join(', ')})`, d, {
        hazards: ['rewrites_table', 'deletes_data'],
        notes: [
          `${gone.length ? `labels removed (${gone.join(', ')})` : 'labels reordered'}: PostgreSQL cannot drop or reorder enum labels; recreate the type by hand`,
        ],
      }),
    );
  }
  return out;
}
