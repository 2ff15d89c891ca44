/**
 * The baseline's data-directory snapshot: where it is, whether it is whole, and the per-user cache used when the
 * package was installed without one. A snapshot is keyed by the baseline's text, the extensions it creates, the
 * engine's settings and PGlite's version, and carries a SHA-256 beside it; a snapshot that fails the check is
 * never loaded.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUPABASE_BASELINE } from '../supabase/baseline/index.js';
import { BASELINE_EXTENSIONS, INITDB_SETTINGS, START_SETTINGS } from './pglite-engine.js';

/** Bump when the snapshot's layout changes in a way the key does not see. */
const FORMAT = '3';

/** The compiled module folder (dist/introspect/), also when this runs from its TypeScript source in tests. */
export const DIST_INTROSPECT = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/introspect/', import.meta.url)
  : new URL('./', import.meta.url);

/** The snapshot shipped with the package: dist/snapshot/ (built by `npm run build`, not in git). */
export const SHIPPED_DIR = fileURLToPath(new URL('../snapshot/', DIST_INTROSPECT));

export function cacheDir(): string {
  return (
    process.env.SCHEMA_DRIFT_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'schema-drift')
  );
}

function pgliteVersion(): string {
  // The package's exports hide package.json: find it beside the resolved entry point (dist/…).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return (JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as { version: string })
    .version;
}

let key: string | undefined;
export function snapshotKey(): string {
  key ??= createHash('sha256')
    .update(JSON.stringify([FORMAT, pgliteVersion(), BASELINE_EXTENSIONS, START_SETTINGS, INITDB_SETTINGS]))
    .update(SUPABASE_BASELINE)
    .digest('hex')
    .slice(0, 16);
  return key;
}

export const snapshotName = () => `baseline-${snapshotKey()}.tar`;

/** Far above the real size (about 10 MiB). */
const MAX_SNAPSHOT_BYTES = 256 << 20;

/**
 * A file from the cache folder, read whole, at most `max` bytes (else an error saying so, before it is read). The
 * folder is the user's and anything may sit under a cache file's name: a FIFO or a device would block a plain
 * open and read for ever, so the file is opened without waiting and refused unless it is a file (a directory fails
 * the read with EISDIR). `what` names the file in the size error.
 */
export function readCacheFile(path: string, max: number, what: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() && !stat.isDirectory()) throw new Error(`${path}: not a regular file`);
    if (stat.size > max) throw new Error(`${stat.size} bytes, more than ${what} can be`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The snapshot's bytes when the file and its checksum are there and agree; why not, otherwise. The engine's file
 * system keeps views into these bytes, so they are read once and never copied.
 */
export function readVerified(file: string): { bytes: Uint8Array } | { problem: string } {
  let bytes: Buffer;
  let expected: string;
  try {
    bytes = readCacheFile(file, MAX_SNAPSHOT_BYTES, 'a baseline snapshot');
    expected = readCacheFile(`${file}.sha256`, 1 << 10, 'a checksum')
      .toString('utf8')
      .trim();
  } catch (err) {
    return { problem: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (err as Error).message };
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  return actual === expected ? { bytes } : { problem: 'checksum mismatch' };
}

/** What `readSnapshot` verified last in this thread: the file and its inode, size and times, with its checksum's. */
let verified: { file: string; stamp: string } | undefined;

function stampOf(file: string): string | undefined {
  try {
    return [file, `${file}.sha256`]
      .map((f) => {
        const s = statSync(f);
        return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
      })
      .join('|');
  } catch {
    return undefined;
  }
}

/**
 * `readVerified`, without hashing again a file this thread verified and that is unchanged since (same inode, size
 * and times, its checksum file too, before and after the read). A thread that runs engine after engine reads the
 * snapshot for each (an engine writes into its bytes) but hashes it once: 10 MB hashed is about 10 ms.
 */
export function readSnapshot(file: string): { bytes: Uint8Array } | { problem: string } {
  const stamp = stampOf(file);
  if (stamp && verified?.file === file && verified.stamp === stamp) {
    try {
      const bytes = readCacheFile(file, MAX_SNAPSHOT_BYTES, 'a baseline snapshot');
      if (stampOf(file) === stamp) return { bytes };
    } catch {
      /* read and checked again below */
    }
  }
  const snap = readVerified(file);
  verified = 'bytes' in snap && stamp ? { file, stamp } : undefined;
  return snap;
}

/**
 * Creates a directory and its missing parents, at most a few levels, giving up on anything odd (a file in the
 * way, a read-only or virtual file system such as /proc, where recursive mkdir can loop).
 */
export function makeDir(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw new Error(`${at} is not a directory`);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (missing.length >= 8 || dirname(at) === at) throw new Error(`cannot create ${dir}`, { cause: err });
      missing.push(at);
      at = dirname(at);
    }
  }
  for (const d of missing.reverse()) mkdirSync(d, { mode });
}

/** Writes `file` (and its checksum) through a temporary file that is removed whatever happens. */
export function writeAtomically(file: string, bytes: Uint8Array, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* renamed, or never created */
    }
  }
}

/**
 * Stores a snapshot with its checksum; the checksum goes last, so a half-written pair never verifies. A user's
 * cache is private; the package's own snapshot is readable by every user who runs the package.
 */
export function writeSnapshot(dir: string, bytes: Uint8Array, shared = false): string {
  makeDir(dir, shared ? 0o755 : 0o700);
  const mode = shared ? 0o644 : 0o600;
  const file = join(dir, snapshotName());
  try {
    unlinkSync(`${file}.sha256`);
  } catch {
    /* none yet */
  }
  writeAtomically(file, bytes, mode);
  writeAtomically(`${file}.sha256`, Buffer.from(createHash('sha256').update(bytes).digest('hex')), mode);
  return file;
}

/**
 * Removes what older versions left in a snapshot folder: other baselines' snapshots (one is kept, the current)
 * and temporary files of runs that ended before renaming theirs (older than a minute, so a concurrent run's
 * file in progress stays).
 */
export function evictOthers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const current = snapshotName();
  for (const name of names) {
    const path = join(dir, name);
    const stale = name.endsWith('.tmp')
      ? Date.now() - safeMtime(path) > 60_000
      : /^baseline-[0-9a-f]+\.tar(\.sha256)?$/.test(name) && !name.startsWith(current);
    if (!stale) continue;
    try {
      unlinkSync(path);
    } catch {
      /* a directory or not ours to remove: leave it */
    }
  }
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}
