/**
 * types.ts model × database model → structural findings: pair the two (database as `from`, types.ts as `to`),
 * then run the drift rules over the deltas. Compares only facts both sides know.
 */
import type { Finding } from '../findings/finding.js';
import type { SchemaModel } from '../model/schema.js';
import { PLATFORM_SCHEMAS } from '../supabase/platform.js';
import { pairModels } from './pair.js';
import { driftFindings } from './rules/index.js';

export function defaultSchemas(types: SchemaModel): string[] {
  return types.schemas.filter((s) => !PLATFORM_SCHEMAS.has(s));
}

export function compareModels(types: SchemaModel, db: SchemaModel, schemas: readonly string[]): Finding[] {
  return driftFindings(pairModels(db, types, schemas));
}
