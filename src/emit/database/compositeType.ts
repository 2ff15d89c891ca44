/**
 * Composite types: CREATE TYPE … AS (…) for TO's; attributes added, retyped (destructive: fails while a column
 * uses the type) or dropped (destructive) on changed ones; DROP TYPE (destructive) for FROM's.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { pairBy } from '../../diff/pair.js';
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { CompositeType } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { dbStatement } from './context.js';

export function compositeTypeStatements(d: DbDelta): Statement[] {
  if (d.op === 'added') {
    const t = d.right as CompositeType;
    const attrs = t.attributes.map((a) => `${quoteIdent(a.name)} ${a.sqlType}`).join(', ');
    return [dbStatement('type', `create type ${quoteQualified(t.schema, t.name)} as (${attrs})`, d)];
  }
  if (d.op === 'removed') {
    const t = d.left as CompositeType;
    return [
      dbStatement('drop', `drop type ${quoteQualified(t.schema, t.name)}`, d, {
        hazards: ['deletes_data'],
        destructive: `TO has no composite type ${t.schema}.${t.name}`,
      }),
    ];
  }
  const [left, right] = [d.left as CompositeType, d.right as CompositeType];
  const name = quoteQualified(right.schema, right.name);
  const out: Statement[] = [];
  for (const c of pairBy(left.attributes, right.attributes, (a) => [a.name] as const)) {
    if (c.op === 'added')
      out.push(
        dbStatement('type', `alter type ${name} add attribute ${quoteIdent(c.right.name)} ${c.right.sqlType}`, d),
      );
    else if (c.op === 'removed')
      out.push(
        dbStatement('drop', `alter type ${name} drop attribute ${quoteIdent(c.left.name)}`, d, {
          hazards: ['deletes_data'],
          destructive: `TO's ${right.name} has no attribute ${c.left.name}`,
        }),
      );
    else if (c.left.sqlType !== c.right.sqlType)
      out.push(
        dbStatement(
          'type',
          `alter type ${name} alter attribute ${quoteIdent(c.right.name)} type ${c.right.sqlType}`,
          d,
          {
            hazards: ['may_fail_on_existing_rows'],
            destructive: `attribute ${c.right.name}: ${c.left.sqlType} → ${c.right.sqlType} (fails while a table column uses the type)`,
          },
        ),
      );
  }
  return out;
}
