/**
 * The Supabase platform baseline: what a Supabase project's database has before its first migration, so real
 * migrations replay unchanged in the embedded PostgreSQL or a shadow database. Shapes follow what GoTrue,
 * Storage and Realtime create; bodies are written here, only as much as migrations and policies need.
 *
 * Every statement is idempotent (roles are cluster-wide on a shared server, so they may already exist).
 */
import { AUTH_SQL } from './auth.sql.js';
import { PRIVILEGES_SQL } from './privileges.sql.js';
import { REALTIME_SQL } from './realtime.sql.js';
import { ROLES_SQL } from './roles.sql.js';
import { SCHEMAS_SQL } from './schemas.sql.js';
import { STORAGE_SQL } from './storage.sql.js';

/** The pieces in the order they apply: later pieces refer to earlier ones. */
export const SUPABASE_BASELINE = [ROLES_SQL, SCHEMAS_SQL, AUTH_SQL, STORAGE_SQL, REALTIME_SQL, PRIVILEGES_SQL].join('\n');
