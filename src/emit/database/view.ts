/**
 * Views and materialized views, defined by TO's query (pg_get_viewdef). New: CREATE, after the views they read.
 * Changed: CREATE OR REPLACE when FROM's columns are a prefix of TO's (what PostgreSQL allows), else DROP and
 * CREATE; a materialized view is always dropped and created. Gone: DROP, before what they read is touched.
 * A view created again gets TO's privileges.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteQualified } from '../../model/quote.js';
import type { View } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { dbStatement, type DbEmitContext } from './context.js';

function create(v: View, d: DbDelta, replace: boolean): Statement {
  const kind = v.materialized ? 'materialized view' : 'view';
  const options = v.securityInvoker ? ' with (security_invoker = true)' : '';
  const query = (v.definition ?? '').trim().replace(/;$/, '');
  return dbStatement(
    'view',
    `create ${replace ? 'or replace ' : ''}${kind} ${quoteQualified(v.schema, v.name)}${options} as\n${query}`,
    d,
  );
}

function drop(v: View, d: DbDelta): Statement {
  return dbStatement(
    'unbind',
    `drop ${v.materialized ? 'materialized view' : 'view'} ${quoteQualified(v.schema, v.name)}`,
    d,
  );
}

export function viewStatements(d: DbDelta, ctx: DbEmitContext): Statement[] {
  if (d.op === 'removed') return [drop(d.left as View, d)];
  const to = d.right as View;
  const fresh = () => [create(to, d, false), ...ctx.privilegesOfNew('relation', to.schema, to.name, d)];
  if (d.op === 'added') return fresh();
  const from = d.left as View;
  const prefix = from.columns.every((c, i) => to.columns[i]?.name === c.name && to.columns[i]?.sqlType === c.sqlType);
  if (!from.materialized && !to.materialized && prefix) return [create(to, d, true)];
  return [drop(from, d), ...fresh()];
}

/** Views in an order where each comes after the views it reads (creating) or before them (dropping). */
export function viewOrder(views: View[]): View[] {
  const key = (v: { schema: string; name: string }) => JSON.stringify([v.schema, v.name]);
  const byKey = new Map(views.map((v) => [key(v), v]));
  const out: View[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (v: View) => {
    const k = key(v);
    if (state.has(k)) return;
    state.set(k, 'visiting');
    for (const dep of v.dependsOn ?? []) {
      const on = byKey.get(key(dep));
      if (on) visit(on);
    }
    state.set(k, 'done');
    out.push(v);
  };
  views.forEach(visit);
  return out;
}
