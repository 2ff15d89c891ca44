/** Policies: CREATE for TO's, DROP for FROM's; a changed one is dropped and created again (in one transaction). */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { Policy } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { dbStatement } from './context.js';

export function createPolicy(t: { schema: string; name: string }, p: Policy, d: DbDelta): Statement {
  const roles = p.roles.map((r) => (r === 'public' ? 'public' : quoteIdent(r))).join(', ');
  const parts = [
    `create policy ${quoteIdent(p.name)} on ${quoteQualified(t.schema, t.name)}`,
    `as ${p.permissive ? 'permissive' : 'restrictive'} for ${p.command.toLowerCase()} to ${roles}`,
  ];
  if (p.using !== null) parts.push(`using (${p.using})`);
  if (p.withCheck !== null) parts.push(`with check (${p.withCheck})`);
  return dbStatement('policy', parts.join('\n  '), d, { hazards: ['authz_change'] });
}

export function dropPolicy(t: { schema: string; name: string }, p: Policy, d: DbDelta): Statement {
  return dbStatement('unbind', `drop policy ${quoteIdent(p.name)} on ${quoteQualified(t.schema, t.name)}`, d, {
    hazards: ['authz_change'],
  });
}

export function policyStatements(d: DbDelta): Statement[] {
  const table = { schema: d.schema, name: d.object };
  const out: Statement[] = [];
  if (d.left) out.push(dropPolicy(table, d.left as Policy, d));
  if (d.right) out.push(createPolicy(table, d.right as Policy, d));
  return out;
}
