/** Which files of the migration folders are migrations, in the order they apply (as the Supabase CLI reads them). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';

export interface MigrationFile {
  path: string;
  version: string;
}

/** Only `<version>_<name>.sql` files are migrations, as for the Supabase CLI. */
const MIGRATION_NAME = /^(\d+)_.+\.sql$/;

/** The migrations of each folder in version order, folders in the order given. Others are skipped with a notice. */
export function listMigrations(dirs: string[], notice: (msg: string) => void): MigrationFile[] {
  const out: MigrationFile[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: not a directory`);
      names = readdirSync(dir);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${dir}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message}`);
    }
    const files: MigrationFile[] = [];
    for (const name of names.sort()) {
      const m = MIGRATION_NAME.exec(name);
      if (m) files.push({ path: join(dir, name), version: m[1] });
      else if (name.endsWith('.sql')) notice(`skipped ${join(dir, name)}: not a migration (<version>_<name>.sql)`);
    }
    files.sort((a, b) => compareVersions(a.version, b.version) || (a.path < b.path ? -1 : 1));
    out.push(...files);
  }
  return out;
}

function compareVersions(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

