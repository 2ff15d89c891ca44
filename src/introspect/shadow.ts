import { InputError } from '../errors.js';
import type { CatalogSnapshot } from './source.js';
export async function readMigrationsShadow(_url: string, _dirs: string[], _opts: { progress?: (m: string) => void }): Promise<CatalogSnapshot> {
  throw new InputError('--shadow-db is not built yet');
}
