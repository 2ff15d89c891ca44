/**
 * Opening PGlite with the Supabase baseline, the same way in the replay worker, in the snapshot build and in
 * tests: from a verified data-directory snapshot when one is given, else by running the baseline SQL.
 */
import type { MemoryFS as MemoryFsType, PGlite } from '@electric-sql/pglite';
import { SUPABASE_BASELINE } from '../supabase/baseline/index.js';
import { PGLITE_CONTRIB } from '../supabase/extensions.js';
import { quickWasmStart } from '../wasmStart.js';
import { unpackTar, withoutRecycledWal, type UnpackTarget } from './snapshotTar.js';

type FsOptions = Parameters<MemoryFsType['init']>[1];

/** Extensions the baseline creates (their catalog entries are in every snapshot). */
export const BASELINE_EXTENSIONS = ['uuid-ossp', 'pgcrypto'];

/**
 * PostgreSQL settings for a throw-away replay: 8 MB of shared buffers instead of 128 MB (a migration replay
 * touches a few MB; the default alone costs 120 MB of resident memory, and PostgreSQL clears the buffers at every
 * start: 16 MB took 70 ms of WebAssembly memset, 4 MB about 20). Not less: a statement pins up to one buffer per
 * relation it scans at once (an index-ordered scan of a table with 600 partitions failed at 4 MB with "no unpinned
 * buffers available"); 8 MB is 1,024 buffers. No durability work (nothing outlives the run: no flushes, no
 * full-page images in the WAL), 1 MB WAL segments (a smaller snapshot).
 */
export const START_SETTINGS = [
  ...['-c', 'shared_buffers=8MB'],
  ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
];
export const INITDB_SETTINGS = ['--wal-segsize=1'];

/** Loads the contrib bundles for these extension names (those PGlite has). */
export async function contribBundles(names: Iterable<string>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const exportName = PGLITE_CONTRIB[name];
    if (!exportName || exportName in out) continue;
    const mod = (await import(`@electric-sql/pglite/contrib/${exportName}`)) as Record<string, unknown>;
    out[exportName] = mod[exportName];
  }
  return out;
}

/**
 * The contrib libraries this replay needs loaded: those its migrations create, and the baseline's own only when
 * a migration mentions one of their functions (their catalog entries are in the snapshot; the library is only
 * needed to call them).
 */
export function bundlesNeeded(created: Iterable<string>, migrationText: string): string[] {
  const out = new Set(created);
  if (/uuid_generate_|uuid_ns_|uuid-ossp/i.test(migrationText)) out.add('uuid-ossp');
  if (/crypt|gen_salt|digest|hmac|pgp_|gen_random_bytes|armor|pgcrypto/i.test(migrationText)) out.add('pgcrypto');
  return [...out];
}

/**
 * A PGlite from a snapshot's bytes (handed over: the engine's files become views into them), or a fresh one with
 * the baseline applied when there are none.
 */
export async function openEngine(snapshot: Uint8Array | undefined, extensionNames: Iterable<string>): Promise<PGlite> {
  quickWasmStart();
  const { PGlite, MemoryFS } = await import('@electric-sql/pglite');
  const names = snapshot ? [...extensionNames] : [...BASELINE_EXTENSIONS, ...extensionNames];
  const extensions = (await contribBundles(names)) as Record<string, never>;
  const startParams = [...PGlite.defaultStartParams, ...START_SETTINGS];
  if (snapshot) {
    /** PGlite's in-memory file system, with the data directory unpacked into it before PostgreSQL starts. */
    class SnapshotFs extends MemoryFS {
      override async init(pg: PGlite, options: FsOptions) {
        const { emscriptenOpts } = await super.init(pg, options);
        const unpack = (mod: { FS: UnpackTarget }) => void unpackTar(mod.FS, PGlite.paths.PGDATA, snapshot!);
        return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), unpack] } };
      }
    }
    // PGlite finds a data directory in place and starts on it ("resuming"), as on a disk it had written before.
    const db = await PGlite.create({ fs: new SnapshotFs(), extensions, startParams });
    await db.exec('set search_path = "$user", public, extensions');
    return db;
  }
  const db = await PGlite.create({ extensions, startParams, initDbStartParams: INITDB_SETTINGS });
  await db.exec(SUPABASE_BASELINE);
  await db.exec('set search_path = "$user", public, extensions');
  return db;
}

/**
 * The data directory of a baseline-only engine, as small as it can be: the template databases dropped (nothing in
 * a replay creates a database), the catalogs compacted, checkpointed so the snapshot starts without WAL replay,
 * and the recycled WAL segments left out. About a third of the untrimmed size, which is also memory at every start.
 */
export async function dumpEngine(db: PGlite): Promise<Uint8Array> {
  await db.exec(`update pg_database set datistemplate = false where datname in ('template0', 'template1')`);
  await db.exec('drop database if exists template0');
  await db.exec('drop database if exists template1');
  await db.exec('vacuum full');
  await db.exec('checkpoint');
  const redo = await db.query<{ file: string }>('select redo_wal_file as file from pg_control_checkpoint()');
  const tar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
  return withoutRecycledWal(tar, redo.rows[0].file);
}
