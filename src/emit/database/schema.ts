/** Schemas TO has and FROM lacks: CREATE SCHEMA first; FROM's that TO lacks: DROP SCHEMA last (destructive). */
import { quoteIdent } from '../../model/quote.js';
import { statement, type Statement } from '../statement.js';

export function schemaStatements(
  from: ReadonlySet<string>,
  to: ReadonlySet<string>,
  inScope: ReadonlySet<string>,
): Statement[] {
  const out: Statement[] = [];
  for (const s of [...to].filter((x) => inScope.has(x) && !from.has(x)).sort())
    out.push(statement('schema', `create schema ${quoteIdent(s)}`));
  for (const s of [...from].filter((x) => inScope.has(x) && !to.has(x)).sort())
    out.push(
      statement('drop', `drop schema ${quoteIdent(s)}`, {
        hazards: ['deletes_data'],
        destructive: `TO has no schema ${s}`,
      }),
    );
  return out;
}
