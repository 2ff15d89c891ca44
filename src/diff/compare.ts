/**
 * types.ts model × database model → structural findings: pair the two (database as `from`, types.ts as `to`),
 * then run the drift rules over the deltas. Compares only facts both sides know.
 */
import type { Finding } from '../findings/finding.js';
import type { SchemaModel } from '../model/schema.js';
import { pairModels } from './pair.js';
import { driftFindings } from './rules/index.js';

/** Supabase's own schemas: never the user's drift unless asked for by name. */
export const PLATFORM_SCHEMAS = new Set([
  'auth', 'storage', 'graphql', 'graphql_public', 'realtime', 'extensions', 'supabase_functions', 'supabase_migrations',
  'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgbouncer', 'pgtle', '_realtime', '_analytics', 'tiger',
  'topology', 'information_schema', 'pg_catalog',
]);

export function defaultSchemas(types: SchemaModel): string[] {
  return types.schemas.filter((s) => !PLATFORM_SCHEMAS.has(s));
}

export function compareModels(types: SchemaModel, db: SchemaModel, schemas: readonly string[]): Finding[] {
  return driftFindings(pairModels(db, types, schemas));
}
