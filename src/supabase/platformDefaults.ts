/**
 * What every Supabase database has whatever the project did: the platform's own roles and the extensions it
 * installs in every project. Their privileges and presence are the platform's business, so comparing two
 * databases (a hosted project and a replay of its migrations) leaves them out.
 */

export const PLATFORM_ROLES: ReadonlySet<string> = new Set([
  'postgres',
  'supabase_admin',
  'supabase_auth_admin',
  'supabase_storage_admin',
  'supabase_functions_admin',
  'supabase_realtime_admin',
  'supabase_replication_admin',
  'supabase_read_only_user',
  'supabase_etl_admin',
  'dashboard_user',
  'authenticator',
  'pgbouncer',
  'pgsodium_keyholder',
  'pgsodium_keyiduser',
  'pgsodium_keymaker',
]);

/** PostgreSQL's predefined roles (`pg_read_all_data`, …) are the server's. */
export function isPlatformRole(role: string): boolean {
  return PLATFORM_ROLES.has(role) || role.startsWith('pg_');
}

/** Installed in every new Supabase project (and by the embedded baseline), so never a difference of the project's. */
export const PLATFORM_EXTENSIONS: ReadonlySet<string> = new Set([
  'plpgsql',
  'pg_stat_statements',
  'pgcrypto',
  'uuid-ossp',
  'pg_graphql',
  'supabase_vault',
  'pgsodium',
]);
