import { InputError } from '../errors.js';
import type { CatalogSnapshot } from './source.js';
export async function readMigrationsEmbedded(_dirs: string[], _opts: { progress?: (m: string) => void }): Promise<CatalogSnapshot> {
  throw new InputError('the embedded database is not built yet');
}
