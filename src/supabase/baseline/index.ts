/**
 * The Supabase platform baseline: what a Supabase project's database has before its first migration, so real
 * migrations replay unchanged in the embedded PostgreSQL or a shadow database. Each piece follows the service
 * that owns it (GoTrue, Storage, Realtime, the CLI, the postgres image); bodies are written here, only as much as
 * migrations and policies need.
 *
 * Roles are cluster-wide on a shared server, so they are created only when missing; everything else goes into a
 * fresh database.
 */
import { quoteIdent } from '../../model/quote.js';
import { standInSql } from '../extensions.js';
import { AUTH_SQL } from './auth.sql.js';
import { FUNCTIONS_SQL } from './functions.sql.js';
import { PLATFORM_SQL } from './platform.sql.js';
import { PRIVILEGES_SQL } from './privileges.sql.js';
import { REALTIME_SQL } from './realtime.sql.js';
import { ROLES_SQL } from './roles.sql.js';
import { SCHEMAS_SQL } from './schemas.sql.js';
import { STORAGE_SQL } from './storage.sql.js';

/** The extensions every Supabase project has, and where. */
export const BASELINE_EXTENSIONS: ReadonlyArray<[name: string, schema: string]> = [
  ['uuid-ossp', 'extensions'],
  ['pgcrypto', 'extensions'],
  ['pgjwt', 'extensions'],
  ['pg_graphql', 'graphql'],
  ['pgsodium', 'pgsodium'],
  ['supabase_vault', 'vault'],
  ['pg_net', 'extensions'],
];

/** The baseline for an engine that can create the extensions `has` names (the others get their stand-ins). */
export function baselineSql(has: (extension: string) => boolean): string {
  const extensions = BASELINE_EXTENSIONS.map(([name, schema]) =>
    has(name)
      ? `create extension if not exists ${quoteIdent(name)} with schema ${quoteIdent(schema)};`
      : standInSql(name, schema, has),
  );
  return [
    ROLES_SQL,
    SCHEMAS_SQL,
    ...extensions,
    AUTH_SQL,
    STORAGE_SQL,
    REALTIME_SQL,
    FUNCTIONS_SQL,
    PLATFORM_SQL,
    PRIVILEGES_SQL,
  ].join('\n');
}

/** PGlite's baseline: uuid-ossp and pgcrypto are real (their contrib bundles are loaded), the rest stand-ins. */
export const SUPABASE_BASELINE = baselineSql((name) => name === 'uuid-ossp' || name === 'pgcrypto');
