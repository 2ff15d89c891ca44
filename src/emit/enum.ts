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
  const { adds, orderDiffers } = labelAdditions(left.labels, right.labels);
  const out = adds.map((add) =>
    statement('enum_label', `alter type ${quoteQualified(right.schema, right.name)} ${add}`, { delta: d }),
  );
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

/**
 * The `add value` clauses that give an enum with labels `have` the labels `want` adds, each placed after its
 * nearest earlier label that exists, else before the nearest later one; and whether the order still differs
 * afterwards (labels `want` lacks, or a new order: PostgreSQL can neither drop nor reorder labels).
 */
export function labelAdditions(
  have: readonly string[],
  want: readonly string[],
): { adds: string[]; orderDiffers: boolean } {
  const now = [...have];
  const adds: string[] = [];
  for (const [i, label] of want.entries()) {
    if (now.includes(label)) continue;
    const before = want
      .slice(0, i)
      .reverse()
      .find((l) => now.includes(l));
    const after = want.slice(i + 1).find((l) => now.includes(l));
    const where =
      before !== undefined
        ? ` after ${quoteLiteral(before)}`
        : after !== undefined
          ? ` before ${quoteLiteral(after)}`
          : '';
    adds.push(`add value if not exists ${quoteLiteral(label)}${where}`);
    now.splice(
      before !== undefined ? now.indexOf(before) + 1 : after !== undefined ? now.indexOf(after) : now.length,
      0,
      label,
    );
  }
  return { adds, orderDiffers: now.join('\u0000') !== want.join('\u0000') };
}
