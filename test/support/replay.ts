/**
 * Replays migration folders into an engine the test keeps open (PGlite with the baseline, or a test database on
 * the server with the baseline), so a test can look at data and catalogs afterwards, not only at the model.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openBaseline } from '../../src/introspect/embedded.js';
import { applyMigrations, extensionsUsed, listMigrations, parseMigrations } from '../../src/introspect/migrations.js';
import { PGLITE_CONTRIB } from '../../src/supabase/extensions.js';
import { baselineSql } from '../../src/supabase/baseline/index.js';
import type { TestDatabase } from './db.js';
import { hasExtensionOn } from './extensions.js';

export interface Replayed {
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  notices: string[];
  close(): Promise<void>;
}

/** The migrations replayed into PGlite on the Supabase baseline; the database stays open. */
export async function replayEmbedded(dirs: string[]): Promise<Replayed> {
  const notices: string[] = [];
  const files = await parseMigrations(listMigrations(dirs, (m) => notices.push(m)));
  const wanted = extensionsUsed(files);
  const db: PGlite = await openBaseline(wanted);
  const available = new Set(['uuid-ossp', 'pgcrypto', ...[...wanted].filter((n) => n in PGLITE_CONTRIB)]);
  try {
    await applyMigrations(
      { exec: async (sql) => void (await db.exec(sql)), hasExtension: (n) => available.has(n), label: 'PGlite' },
      files,
      { notice: (m) => notices.push(m) },
    );
  } catch (err) {
    await db.close();
    throw err;
  }
  return { query: async (sql) => (await db.query(sql)).rows as never, notices, close: () => db.close() };
}

/** The migrations replayed into a test database on the server, on the baseline built for what it has. */
export async function replayOnServer(db: TestDatabase, dirs: string[]): Promise<Replayed> {
  const notices: string[] = [];
  const files = await parseMigrations(listMigrations(dirs, (m) => notices.push(m)));
  const has = await hasExtensionOn(db);
  await db.exec(baselineSql(has));
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await applyMigrations(
      { exec: async (sql) => void (await client.query(sql)), hasExtension: has, label: db.name },
      files,
      { notice: (m) => notices.push(m) },
    );
  } finally {
    await client.end();
  }
  return { query: (sql) => db.query(sql), notices, close: async () => {} };
}

/** Writes a migration folder `root/name` with these files; returns its path. */
export function writeMigrations(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, sql] of Object.entries(files)) writeFileSync(join(dir, file), sql);
  return dir;
}
