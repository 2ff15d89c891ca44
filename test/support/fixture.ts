/** The creator-platform example: its migrations, and a server database with them applied. */
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { openBaseline } from '../../src/introspect/embedded.js';
import { SUPABASE_BASELINE } from '../../src/supabase/baseline/index.js';
import { applyMigrations, listMigrations, parseMigrations } from '../../src/introspect/migrations.js';
import { hasExtensionOn } from './extensions.js';
import type { TestDatabase } from './db.js';

export const FIXTURE = fileURLToPath(new URL('../../fixtures/creator-platform', import.meta.url));
export const FIXTURE_MIGRATIONS = `${FIXTURE}/supabase/migrations`;
export const FIXTURE_TYPES = `${FIXTURE}/lib/supabase/types.ts`;
export const COMPLETING_MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Applies the Supabase baseline and the given migration folders to a test database on the server. */
export async function applyProject(db: TestDatabase, dirs: string[]): Promise<void> {
  await db.exec(SUPABASE_BASELINE);
  await applyMigrationDirs(db, dirs);
}

/** Applies migration folders to a test database that already has the Supabase baseline. */
export async function applyMigrationDirs(db: TestDatabase, dirs: string[]): Promise<void> {
  const available = await hasExtensionOn(db);
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await applyMigrations(
      { exec: async (sql) => void (await client.query(sql)), hasExtension: available, label: db.name },
      await parseMigrations(listMigrations(dirs, () => {})),
      { notice: () => {} },
    );
  } finally {
    await client.end();
  }
}

/** The embedded database (PGlite) with the Supabase baseline and the given migration folders applied. */
export async function openEmbeddedProject(dirs: string[]): Promise<PGlite> {
  const db = await openBaseline();
  try {
    await applyMigrations(
      {
        exec: async (sql) => void (await db.exec(sql)),
        hasExtension: (n) => n === 'uuid-ossp' || n === 'pgcrypto',
        label: 'PGlite',
      },
      await parseMigrations(listMigrations(dirs, () => {})),
      { notice: () => {} },
    );
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
