/**
 * Functions and procedures, defined by TO's CREATE OR REPLACE (pg_get_functiondef): new ones, changed bodies and
 * attributes (language, volatility, SECURITY DEFINER, settings such as search_path, strictness). A changed return
 * type or kind cannot be replaced: dropped and created, with TO's privileges again. Gone: DROP. Aggregates and
 * window functions have no such definition: a stub.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import type { FunctionDetails } from '../../model/objects.js';
import { quoteQualified } from '../../model/quote.js';
import type { Statement } from '../statement.js';
import { dbStatement, type DbEmitContext } from './context.js';

function routine(f: FunctionDetails): string {
  return `${f.kind === 'p' ? 'procedure' : f.kind === 'a' ? 'aggregate' : 'function'} ${quoteQualified(f.schema, f.name)}(${f.identityArgs})`;
}

/**
 * Functions go before tables (a column default, check or index may call them) unless their signature names a
 * relation the migration creates (`RETURNS SETOF new_table`), or their body is SQL-standard (`BEGIN ATOMIC`,
 * `RETURN …`), which PostgreSQL resolves at once: those go after tables, columns and keys. A string body is not
 * checked before it runs (`check_function_bodies` is off for the migration, as pg_dump does).
 */
function create(f: FunctionDetails, d: DbDelta, ctx: DbEmitContext): Statement {
  if (!f.definition)
    return dbStatement('stub', `-- create ${routine(f)}`, d, {
      notes: ['aggregates and window functions are not emitted: write them by hand'],
    });
  const stringBody = /\n\s*AS \$/.test(f.definition);
  const signature = `${f.identityArgs} ${f.result}`.toLowerCase();
  const namesNew = ctx.newRelationNames().some((n) => mentions(signature, n.toLowerCase()));
  return dbStatement(stringBody && !namesNew ? 'function_early' : 'function', f.definition.trim(), d, {
    hazards: f.securityDefiner ? ['authz_change'] : [],
  });
}

/** Whether `text` holds `name` as a whole word (not `nt` inside `integer`). */
function mentions(text: string, name: string): boolean {
  const word = /[\p{L}\p{N}_$]/u;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const before = text[i - 1];
    const after = text[i + name.length];
    if ((before === undefined || !word.test(before)) && (after === undefined || !word.test(after))) return true;
  }
  return false;
}

export function functionStatements(d: DbDelta, ctx: DbEmitContext): Statement[] {
  if (d.op === 'removed') return [dbStatement('drop', `drop ${routine(d.left as FunctionDetails)}`, d)];
  const to = d.right as FunctionDetails;
  const fresh = () => [create(to, d, ctx), ...ctx.privilegesOfNew('function', to.schema, to.name, d, to.identityArgs)];
  if (d.op === 'added') return fresh();
  const from = d.left as FunctionDetails;
  if (from.result !== to.result || from.kind !== to.kind)
    return [
      dbStatement('unbind', `drop ${routine(from)}`, d, { notes: ['its return type or kind changes'] }),
      ...fresh(),
    ];
  return [create(to, d, ctx)];
}
