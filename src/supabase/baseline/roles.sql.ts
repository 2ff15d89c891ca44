/**
 * Supabase's roles (cluster-wide on a shared server, so created only when missing); the list is platform.ts's.
 *
 * "Only when missing" is a check and then a write, so two sessions can both find a role missing: two shadow
 * replays, or two test databases, set up at once on a fresh server. The later CREATE ROLE (or membership GRANT)
 * then fails on the catalog's unique index once the first commits; that failure means the role is there, so
 * each statement treats it as done.
 */
import { quoteIdent, quoteLiteral } from '../../model/quote.js';
import { SUPABASE_ROLES } from '../platform.js';

/** `statement`, with a concurrent session having done the same first counted as success. */
const idempotent = (statement: string) => `do $$ begin
  ${statement}
exception when duplicate_object or unique_violation then null;
end $$;`;

/** Creates role `name` with CREATE ROLE `options` unless it exists. */
export const ensureRoleSql = (name: string, options: string) =>
  idempotent(
    `if not exists (select from pg_roles where rolname = ${quoteLiteral(name)}) then create role ${quoteIdent(name)} ${options}; end if;`,
  );

/** Grants membership in `roles` to `member`, as many times as it is run. */
export const grantRolesSql = (roles: readonly string[], member: string) =>
  idempotent(`grant ${roles.map(quoteIdent).join(', ')} to ${quoteIdent(member)};`);

const apiRoles = SUPABASE_ROLES.filter((r) => r.api).map((r) => r.name);

export const ROLES_SQL = [
  ...SUPABASE_ROLES.flatMap(({ name, baseline }) => (baseline === undefined ? [] : [ensureRoleSql(name, baseline)])),
  grantRolesSql(apiRoles, 'authenticator'),
].join('\n');
