/**
 * Enums: CREATE TYPE for TO's new ones; new labels with ADD VALUE … BEFORE/AFTER, outside the transaction (a
 * label added inside one cannot be used in it); labels FROM has and TO lacks, or a new order, need the type
 * recreated (a stub: it rewrites every column using it). Gone: DROP TYPE (destructive).
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteLiteral, quoteQualified } from '../../model/quote.js';
import type { EnumType } from '../../model/schema.js';
import type { Statement } from '../statement.js';
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
  const have = [...left.labels];
  const out: Statement[] = [];
  for (const [i, label] of right.labels.entries()) {
    if (have.includes(label)) continue;
    const before = right.labels
      .slice(0, i)
      .reverse()
      .find((l) => have.includes(l));
    const after = right.labels.slice(i + 1).find((l) => have.includes(l));
    const where =
      before !== undefined
        ? ` after ${quoteLiteral(before)}`
        : after !== undefined
          ? ` before ${quoteLiteral(after)}`
          : '';
    out.push(dbStatement('enum_label', `alter type ${name} add value if not exists ${quoteLiteral(label)}${where}`, d));
    have.splice(
      before !== undefined ? have.indexOf(before) + 1 : after !== undefined ? have.indexOf(after) : have.length,
      0,
      label,
    );
  }
  if (have.join('\u0000') !== right.labels.join('\u0000')) {
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
