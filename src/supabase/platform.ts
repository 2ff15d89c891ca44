/**
 * What every Supabase database has whatever the project did, in one place: the platform's schemas, its roles (with
 * the attributes the embedded baseline creates them with) and the extensions it installs in every project. The
 * baseline (baseline/roles.sql.ts), the replay guard, the drift and lint scopes and `diff` all read these lists.
 */

/** Supabase's own schemas: never the user's drift unless asked for by name. */
export const PLATFORM_SCHEMAS: ReadonlySet<string> = new Set([
  'auth',
  'storage',
  'graphql',
  'graphql_public',
  'realtime',
  'extensions',
  'supabase_functions',
  'supabase_migrations',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'net',
  'cron',
  'pgbouncer',
  'pgtle',
  '_realtime',
  '_analytics',
  'tiger',
  'topology',
  'information_schema',
  'pg_catalog',
  // Schemas Supabase's extensions create (src/supabase/extensions.ts).
  'pgmq',
  'partman',
  'repack',
  'tiger_data',
  'pgroonga',
  '_timescaledb_catalog',
  'timescaledb_information',
]);

export interface PlatformRole {
  name: string;
  /** The API roles PostgREST switches to: the project grants to them, so their privileges are the project's. */
  api?: true;
  /** CREATE ROLE options the embedded baseline creates it with; absent: the baseline does not create it. */
  baseline?: string;
}

/** Supabase's roles, in the order the baseline creates them. */
export const SUPABASE_ROLES: readonly PlatformRole[] = [
  { name: 'anon', api: true, baseline: 'nologin noinherit' },
  { name: 'authenticated', api: true, baseline: 'nologin noinherit' },
  { name: 'service_role', api: true, baseline: 'nologin noinherit bypassrls' },
  { name: 'authenticator', baseline: 'login noinherit' },
  { name: 'supabase_admin', baseline: 'nologin' },
  { name: 'supabase_auth_admin', baseline: 'nologin noinherit' },
  { name: 'supabase_storage_admin', baseline: 'nologin noinherit' },
  { name: 'supabase_realtime_admin', baseline: 'nologin noinherit' },
  { name: 'supabase_replication_admin', baseline: 'nologin' },
  { name: 'supabase_read_only_user', baseline: 'nologin bypassrls' },
  { name: 'dashboard_user', baseline: 'nologin' },
  { name: 'pgbouncer', baseline: 'nologin' },
  { name: 'supabase_functions_admin', baseline: 'nologin noinherit' },
  { name: 'postgres' },
  { name: 'supabase_etl_admin' },
  { name: 'pgsodium_keyholder' },
  { name: 'pgsodium_keyiduser' },
  { name: 'pgsodium_keymaker' },
];

/** anon, authenticated, service_role. */
export const API_ROLES: ReadonlySet<string> = new Set(SUPABASE_ROLES.filter((r) => r.api).map((r) => r.name));

/** The platform's own roles (not the API roles): their privileges and presence are the platform's business. */
export const PLATFORM_ROLES: ReadonlySet<string> = new Set(SUPABASE_ROLES.filter((r) => !r.api).map((r) => r.name));

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
