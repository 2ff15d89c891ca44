/** Supabase's own schemas: never the user's drift unless asked for by name. */
export const PLATFORM_SCHEMAS: ReadonlySet<string> = new Set([
  'auth', 'storage', 'graphql', 'graphql_public', 'realtime', 'extensions', 'supabase_functions', 'supabase_migrations',
  'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgbouncer', 'pgtle', '_realtime', '_analytics', 'tiger',
  'topology', 'information_schema', 'pg_catalog',
  // Schemas Supabase's extensions create (src/supabase/extensions.ts).
  'pgmq', 'partman', 'repack', 'tiger_data', 'pgroonga', '_timescaledb_catalog', 'timescaledb_information',
]);
