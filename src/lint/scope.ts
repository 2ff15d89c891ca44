/**
 * Which objects the lints look at: the user's own. Supabase's platform schemas and objects an extension owns
 * are never flagged (the user cannot change them, and the platform upgrades them).
 */
import { PLATFORM_SCHEMAS } from '../supabase/platform.js';
import type { Table, View } from '../model/schema.js';
import type { LintContext } from './rule.js';

/** Schemas of extensions splinter also leaves alone, beyond the platform schemas. */
const EXTENSION_SCHEMAS = new Set([
  'pgmq',
  'pgroonga',
  'repack',
  '_timescaledb_cache',
  '_timescaledb_catalog',
  '_timescaledb_config',
  '_timescaledb_internal',
]);

export function isUserSchema(schema: string): boolean {
  return !PLATFORM_SCHEMAS.has(schema) && !EXTENSION_SCHEMAS.has(schema) && !schema.startsWith('pg_');
}

/** Not in a platform schema and not owned by an extension. */
export function isUserObject(o: { schema: string; extension?: string | null }): boolean {
  return isUserSchema(o.schema) && !o.extension;
}

/** Ordinary and partitioned tables: those that carry row level security and policies. */
export function rlsTables(tables: readonly Table[]): Table[] {
  return tables.filter((t) => (t.kind === 'table' || t.kind === 'partitioned') && isUserObject(t));
}

/**
 * Reachable through the Data API: in an exposed schema, and readable by `anon` or `authenticated`. When the
 * database has neither role, reachability is unknown and every relation of an exposed schema counts.
 */
export function apiReachable(rel: Table | View, ctx: LintContext): boolean {
  return ctx.apiSchemas.includes(rel.schema) && apiReadable(rel, ctx);
}

/** `anon` or `authenticated` may SELECT it (true when the database has neither role: unknown). */
export function apiReadable(rel: Table | View, ctx: LintContext): boolean {
  const readable = ctx.facts.apiReadable;
  return readable === null || readable.some((r) => r.schema === rel.schema && r.name === rel.name);
}

/** `schema.name` as a message shows it. */
export const qualified = (schema: string, name: string) => `${schema}.${name}`;
