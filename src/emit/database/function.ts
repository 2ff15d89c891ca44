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

function create(f: FunctionDetails, d: DbDelta): Statement {
  if (!f.definition)
    return dbStatement('stub', `-- create ${routine(f)}`, d, {
      notes: ['aggregates and window functions are not emitted: write them by hand'],
    });
  return dbStatement('function', f.definition.trim(), d, {
    hazards: f.securityDefiner ? ['authz_change'] : [],
  });
}

export function functionStatements(d: DbDelta, ctx: DbEmitContext): Statement[] {
  if (d.op === 'removed') return [dbStatement('drop', `drop ${routine(d.left as FunctionDetails)}`, d)];
  const to = d.right as FunctionDetails;
  const fresh = () => [create(to, d), ...ctx.privilegesOfNew('function', to.schema, to.name, d, to.identityArgs)];
  if (d.op === 'added') return fresh();
  const from = d.left as FunctionDetails;
  if (from.result !== to.result || from.kind !== to.kind)
    return [
      dbStatement('unbind', `drop ${routine(from)}`, d, { notes: ['its return type or kind changes'] }),
      ...fresh(),
    ];
  return [create(to, d)];
}
