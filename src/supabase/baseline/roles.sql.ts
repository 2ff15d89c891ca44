/**
 * Supabase's roles (cluster-wide on a shared server, so created only when missing); the list is platform.ts's.
 *
 * "Only when missing" is a check and then a write, so two sessions can both find a role missing: two shadow
 * replays, or two test databases, set up at once on a fresh server. The later CREATE ROLE (or membership GRANT)
 * then fails on the catalog's unique index once the first commits; that failure means the role is there, so
 * each statement treats it as done.
 */
import { dollarQuote, quoteIdent, quoteLiteral } from '../../model/quote.js';
import { SUPABASE_ROLES } from '../platform.js';

/** `statement`, with a concurrent session having done the same first counted as success. */
const idempotent = (statement: string) =>
  `do ${dollarQuote(`begin\n  ${statement}\nexception when duplicate_object or unique_violation then null;\nend`)};`;

/** Creates role `name` with CREATE ROLE `options` unless it exists. */
export const ensureRoleSql = (name: string, options: string) =>
  idempotent(
    `if not exists (select from pg_catalog.pg_roles where rolname = ${quoteLiteral(name)}) then create role ${quoteIdent(name)} ${options}; end if;`,
  );

/**
 * Grants membership in each of `roles` to `member`, as many times as it is run; one statement a role, so one that
 * another session granted first does not undo the others.
 */
export const grantRolesSql = (roles: readonly string[], member: string) =>
  roles.map((r) => idempotent(`grant ${quoteIdent(r)} to ${quoteIdent(member)};`)).join('\n');

const apiRoles = SUPABASE_ROLES.filter((r) => r.api).map((r) => r.name);

export const ROLES_SQL = [
  ...SUPABASE_ROLES.flatMap(({ name, baseline }) => (baseline === undefined ? [] : [ensureRoleSql(name, baseline)])),
  grantRolesSql(apiRoles, 'authenticator'),
].join('\n');
