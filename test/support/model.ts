/** A source's schema model, read as `check` reads it (notices silenced). */
import { buildModel } from '../../src/introspect/catalog.js';
import { readSource, type DatabaseSource } from '../../src/introspect/source.js';
import type { SchemaModel } from '../../src/model/schema.js';

export async function modelOf(source: DatabaseSource, schemas: string[]): Promise<SchemaModel> {
  return buildModel((await readSource(source, { notice: () => {} })).rows, schemas);
}
