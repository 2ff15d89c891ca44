/** `schema-drift inspect`: the database's SchemaModel as JSON, for debugging and for other tools. */
import { PLATFORM_SCHEMAS } from '../supabase/platform.js';
import { InputError } from '../errors.js';
import { buildModel } from '../introspect/catalog.js';
import { readSource, type DatabaseSource, type ReadOptions } from '../introspect/source.js';
import type { SchemaModel } from '../model/schema.js';

export async function runInspect(
  source: DatabaseSource,
  schemas: string[] | undefined,
  progress?: (m: string) => void,
  replay?: Pick<ReadOptions, 'statementTimeoutMs' | 'allowEmpty'>,
): Promise<SchemaModel> {
  const snapshot = await readSource(source, { ...replay, progress });
  const all = snapshot.rows.SCHEMAS.map((s) => s.name);
  const unknown = (schemas ?? []).filter((s) => !all.includes(s));
  if (unknown.length) throw new InputError(`--schema ${unknown.join(', ')}: no such schema in the database`);
  return buildModel(snapshot.rows, schemas?.length ? schemas : all.filter((s) => !PLATFORM_SCHEMAS.has(s)));
}
