/** Composite types: CREATE TYPE … AS (…) for a new one; a changed or unwanted one is recreated by hand. */
import type { CompositeTypeDelta } from '../diff/delta.js';
import { quoteIdent, quoteQualified } from '../model/quote.js';
import { ifNoType } from './guard.js';
import { sqlTypeOfTs } from './sqlType.js';
import { statement, type Statement } from './statement.js';

export function compositeTypeStatements(d: CompositeTypeDelta): Statement[] {
  if (d.op === 'removed') {
    const c = d.left;
    return [
      statement('drop', `drop type ${quoteQualified(c.schema, c.name)}`, {
        delta: d,
        hazards: ['deletes_data'],
        destructive: `types.ts has no composite type ${c.schema}.${c.name}`,
      }),
    ];
  }
  const c = d.right;
  const notes: string[] = [];
  const attrs = c.attributes.map((a) => {
    const t = sqlTypeOfTs(a.tsType);
    notes.push(`${a.name}: ${t.sql}, ${t.why}`);
    return `${quoteIdent(a.name)} ${t.sql}`;
  });
  const create = `create type ${quoteQualified(c.schema, c.name)} as (${attrs.join(', ')})`;
  if (d.op === 'added') return [statement('type', ifNoType(c.schema, c.name, create), { delta: d, notes })];
  return [
    statement('stub', `-- ${create}`, {
      delta: d,
      notes: ['the attributes differ: drop and recreate the type by hand (columns using it must change too)'],
    }),
  ];
}
