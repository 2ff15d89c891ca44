/**
 * The embedded database: PGlite (real PostgreSQL in WASM) with the Supabase baseline, migrations replayed into
 * it, then read with the same catalog code as a live server. No server, no Docker.
 *
 * Building the baseline takes seconds, so its data directory is cached (a tarball keyed by the PGlite version
 * and the baseline's text) and later runs start from it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { SUPABASE_BASELINE } from './baseline/supabase.sql.js';
import { PGLITE_CONTRIB } from './baseline/extensions.js';
import { readCatalog, type CatalogReader } from './catalog.js';
import { applyMigrations, extensionsUsed, listMigrations, parseMigrations } from './migrations.js';
import type { CatalogSnapshot, ReadOptions, ReplayOptions } from './source.js';

const BASELINE_EXTENSIONS = ['uuid-ossp', 'pgcrypto'];
const LABEL = 'the embedded PostgreSQL (PGlite)';

export function cacheDir(): string {
  return process.env.SCHEMA_DRIFT_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'schema-drift');
}

function pgliteVersion(): string {
  // The package's exports hide package.json: find it beside the resolved entry point (dist/…).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return (JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Loads the contrib bundles for these extension names (those PGlite has). */
async function contribBundles(names: Iterable<string>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const exportName = PGLITE_CONTRIB[name];
    if (!exportName || exportName in out) continue;
    const mod = (await import(`@electric-sql/pglite/contrib/${exportName}`)) as Record<string, unknown>;
    out[exportName] = mod[exportName];
  }
  return out;
}

/** A PGlite with the Supabase baseline applied: from the cache when it is there, else built and cached. */
export async function openBaseline(extraExtensions: Iterable<string> = [], opts: ReadOptions = {}): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const extensions = await contribBundles([...BASELINE_EXTENSIONS, ...extraExtensions]);
  const key = createHash('sha256').update(pgliteVersion()).update(SUPABASE_BASELINE).digest('hex').slice(0, 16);
  // Uncompressed: loading a gzipped dump spends about as long inflating it as PGlite spends starting.
  const file = join(cacheDir(), `baseline-${key}.tar`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(file);
  } catch {
    /* not cached yet */
  }
  if (cached) {
    try {
      const db: PGlite = await PGlite.create({ loadDataDir: new Blob([new Uint8Array(cached)]), extensions: extensions as never });
      await db.exec('set search_path = "$user", public, extensions');
      return db;
    } catch {
      /* a damaged cache entry: rebuild it below */
    }
  }
  opts.progress?.('building the Supabase baseline (once; cached for later runs)');
  const db: PGlite = await PGlite.create({ extensions: extensions as never });
  await db.exec(SUPABASE_BASELINE);
  try {
    const dump = await db.dumpDataDir('none');
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  } catch (err) {
    opts.notice?.(`could not cache the baseline in ${cacheDir()}: ${(err as Error).message}`);
  }
  return db;
}

export function pgliteReader(db: PGlite): CatalogReader {
  const reader: CatalogReader = {
    roundTrips: 0,
    async readJsonResults(sql) {
      reader.roundTrips++;
      const results = await db.exec(sql);
      return results.map((r) => (r.rows[0] as { rows?: unknown } | undefined)?.rows);
    },
  };
  return reader;
}

export async function readMigrationsEmbedded(dirs: string[], opts: ReplayOptions): Promise<CatalogSnapshot> {
  const files = await parseMigrations(listMigrations(dirs, opts.notice));
  const wanted = extensionsUsed(files);
  const db = await openBaseline(wanted, opts);
  try {
    const available = new Set([...BASELINE_EXTENSIONS, ...[...wanted].filter((n) => n in PGLITE_CONTRIB)]);
    const target = { exec: async (sql: string) => void (await db.exec(sql)), hasExtension: (n: string) => available.has(n), label: LABEL };
    await applyMigrations(target, files, opts);
    const reader = pgliteReader(db);
    const rows = await readCatalog(reader);
    await opts.session?.({ query: (sql) => db.query(sql) });
    return { rows, roundTrips: reader.roundTrips };
  } finally {
    await db.close();
  }
}
