/**
 * Privileges on objects both sides have: GRANT what TO has and FROM lacks, REVOKE what FROM has and TO lacks
 * (revokes first, so a privilege whose grant option changes is revoked, then granted as TO has it).
 */
import type { DbDelta } from '../../diff/database/pair.js';
import type { Grant } from '../../model/objects.js';
import type { Statement } from '../statement.js';
import { grantStatement, type DbEmitContext } from './context.js';

export function grantStatements(d: DbDelta, ctx: DbEmitContext): Statement[] {
  if (d.op === 'added') return [grantStatement(ctx, d.right as Grant, 'grant', d)];
  if (d.op === 'removed') return [grantStatement(ctx, d.left as Grant, 'revoke', d)];
  return [];
}
