/**
 * types.ts model × database model → structural findings: pair the two (database as `from`, types.ts as `to`),
 * then run the drift rules over the deltas. Compares only facts both sides know.
 */
import type { Finding } from '../findings/finding.js';
import { buildModel } from '../introspect/catalog.js';
import type { CatalogRows } from '../introspect/sql/rows.js';
import type { SchemaModel } from '../model/schema.js';
import { PLATFORM_SCHEMAS } from '../supabase/platform.js';
import { pairModels } from './pair.js';
import { driftFindings } from './rules/index.js';

export function defaultSchemas(types: SchemaModel): string[] {
  return types.schemas.filter((s) => !PLATFORM_SCHEMAS.has(s));
}

/**
 * The database's model as types.ts is compared with it, and the schemas compared (those asked for, else those the
 * file covers but the platform's). Types are resolved as the generator resolved them: against every schema the
 * file was generated for.
 */
export function databaseModelFor(
  types: SchemaModel,
  rows: CatalogRows,
  schemas?: readonly string[],
): { db: SchemaModel; compared: string[] } {
  const compared = schemas?.length ? [...schemas] : defaultSchemas(types);
  return { db: buildModel(rows, [...new Set([...types.schemas, ...compared])]), compared };
}

export function compareModels(types: SchemaModel, db: SchemaModel, schemas: readonly string[]): Finding[] {
  return driftFindings(pairModels(db, types, schemas));
}
