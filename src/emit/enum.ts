/** Enums: CREATE TYPE for a new enum, ADD VALUE (placed before/after its neighbours) for new labels. */
import type { EnumDelta } from '../diff/delta.js';
import { quoteLiteral, quoteQualified } from '../model/quote.js';
import { ifNoType } from './guard.js';
import { statement, type Statement } from './statement.js';

export function enumStatements(d: EnumDelta): Statement[] {
  if (d.op === 'added') {
    const e = d.right;
    const create = `create type ${quoteQualified(e.schema, e.name)} as enum (${e.labels.map(quoteLiteral).join(', ')})`;
    return [statement('type', ifNoType(e.schema, e.name, create), { delta: d })];
  }
  if (d.op === 'removed') {
    const e = d.left;
    return [
      statement('drop', `drop type ${quoteQualified(e.schema, e.name)}`, {
        delta: d,
        hazards: ['deletes_data'],
        destructive: `types.ts has no enum ${e.schema}.${e.name}`,
      }),
    ];
  }
  const { left, right } = d;
  const out: Statement[] = [];
  const have = [...left.labels];
  for (const [i, label] of right.labels.entries()) {
    if (have.includes(label)) continue;
    // After the nearest earlier label that exists, else before the nearest later one.
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
    out.push(
      statement(
        'enum_label',
        `alter type ${quoteQualified(right.schema, right.name)} add value if not exists ${quoteLiteral(label)}${where}`,
        { delta: d },
      ),
    );
    have.splice(
      before !== undefined ? have.indexOf(before) + 1 : after !== undefined ? have.indexOf(after) : have.length,
      0,
      label,
    );
  }
  const orderDiffers = have.join('\u0000') !== right.labels.join('\u0000');
  if (orderDiffers) {
    const extra = left.labels.filter((l) => !right.labels.includes(l));
    const why = extra.length
      ? `PostgreSQL cannot drop enum labels (${extra.join(', ')})`
      : 'PostgreSQL cannot reorder enum labels';
    out.push(
      statement(
        'stub',
        `-- recreate ${quoteQualified(right.schema, right.name)} with labels (${right.labels.map(quoteLiteral).join(', ')})`,
        {
          delta: d,
          hazards: ['rewrites_table'],
          notes: [`${why}: recreate the type by hand (it rewrites every column using it)`],
        },
      ),
    );
  }
  return out;
}
