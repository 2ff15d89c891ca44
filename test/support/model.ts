/** A source's schema model, read as `check` reads it (notices silenced). */
import { buildModel } from '../../src/introspect/catalog.js';
import { readSource, type DatabaseSource } from '../../src/introspect/source.js';
import type { SchemaModel } from '../../src/model/schema.js';

export async function modelOf(source: DatabaseSource, schemas: string[]): Promise<SchemaModel> {
  return buildModel((await readSource(source, { notice: () => {} })).rows, schemas);
}

/**
 * The model without what the engine, not the schema, decides: the versions of the extensions it ships (PGlite's
 * pgcrypto is not the server's). Used where models from different engines are held equal.
 */
export function engineNeutral(model: SchemaModel): SchemaModel {
  if (!model.objects) return model;
  return { ...model, objects: { ...model.objects, extensions: model.objects.extensions.map(({ version: _v, ...e }) => ({ ...e, version: '' })) } };
}
