/**
 * Publications (Supabase Realtime's `supabase_realtime`): CREATE with TO's tables and actions; tables added to or
 * dropped from a changed one, its actions set; FOR ALL TABLES changing means dropping and creating it; DROP.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import type { Publication } from '../../model/objects.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../model/quote.js';
import type { Statement } from '../statement.js';
import { dbStatement } from './context.js';

const tableList = (ts: Publication['tables']) => ts.map((t) => quoteQualified(t.schema, t.name)).join(', ');
const publish = (p: Publication) =>
  quoteLiteral(
    Object.entries(p.actions)
      .filter(([, on]) => on)
      .map(([a]) => a)
      .join(', '),
  );

function create(p: Publication, d: DbDelta): Statement {
  const what = p.allTables ? ' for all tables' : p.tables.length ? ` for table ${tableList(p.tables)}` : '';
  return dbStatement(
    'publication',
    `create publication ${quoteIdent(p.name)}${what} with (publish = ${publish(p)})`,
    d,
  );
}

export function publicationStatements(d: DbDelta): Statement[] {
  if (d.op === 'removed')
    return [dbStatement('unbind', `drop publication ${quoteIdent((d.left as Publication).name)}`, d)];
  const to = d.right as Publication;
  if (d.op === 'added') return [create(to, d)];
  const from = d.left as Publication;
  const name = quoteIdent(to.name);
  if (from.allTables !== to.allTables) return [dbStatement('unbind', `drop publication ${name}`, d), create(to, d)];
  const key = (t: { schema: string; name: string }) => JSON.stringify([t.schema, t.name]);
  const had = new Set(from.tables.map(key));
  const has = new Set(to.tables.map(key));
  const out: Statement[] = [];
  const gone = from.tables.filter((t) => !has.has(key(t)));
  const added = to.tables.filter((t) => !had.has(key(t)));
  if (gone.length) out.push(dbStatement('publication', `alter publication ${name} drop table ${tableList(gone)}`, d));
  if (added.length) out.push(dbStatement('publication', `alter publication ${name} add table ${tableList(added)}`, d));
  if (publish(from) !== publish(to))
    out.push(dbStatement('publication', `alter publication ${name} set (publish = ${publish(to)})`, d));
  return out;
}
