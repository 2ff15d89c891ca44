/**
 * The catalog a replay produced, kept per user and keyed by everything that decides it: each migration's path and
 * text in order, the baseline snapshot, and the code that replays and reads (so a new version never reads an old
 * entry). A second run over unchanged migrations (the pre-commit hook, a watch loop, a CI job re-run) then reads
 * the catalog from one file instead of starting PostgreSQL. Only replays that succeeded are kept; the notices they
 * gave are kept with them and given again. `SCHEMA_DRIFT_NO_CACHE=1` turns it off.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG_ORDER } from './sql/catalog.sql.js';
import type { CatalogRows } from './sql/rows.js';
import { cacheDir, DIST_INTROSPECT, makeDir, readCacheFile, snapshotKey, writeAtomically } from './pglite-snapshot.js';

/** Bump when an entry's shape changes. */
const FORMAT = '1';
/** Entries kept (the newest used); a large project's entry is a few MB. */
const KEEP = 16;
/** Far above any entry (a 300-table catalog is about 2 MB). */
const MAX_ENTRY_BYTES = 256 << 20;
const PREFIX = 'replay-';

export interface CachedReplay {
  rows: CatalogRows;
  notices: string[];
}

export function replayCacheEnabled(): boolean {
  return !process.env.SCHEMA_DRIFT_NO_CACHE;
}

let code: string | undefined;
/**
 * What identifies the code that replays and reads the catalog: the build's id (a hash of dist/, written by
 * `npm run build`), or when running from the TypeScript sources (tests), a hash of src/.
 */
function codeId(): string {
  if (code) return code;
  // src/ or dist/: this module's parent folder.
  const root = fileURLToPath(new URL('../', import.meta.url));
  if (import.meta.url.endsWith('.ts')) return (code = hashTree(root, '.ts'));
  try {
    code = readFileSync(new URL('../build-id', DIST_INTROSPECT), 'utf8').trim();
  } catch {
    code = hashTree(root, '.js');
  }
  return code;
}

/** A hash of every file under `dir` ending in `ext`, names and contents, in a stable order. */
export function hashTree(dir: string, ext: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) hash.update(`${p.slice(dir.length)}\0`).update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

export function replayKey(files: readonly { path: string; text: string }[], extra: readonly string[] = []): string {
  const hash = createHash('sha256').update(JSON.stringify([FORMAT, codeId(), snapshotKey(), extra]));
  for (const f of files) hash.update(`\0${f.path}\0`).update(createHash('sha256').update(f.text).digest('hex'));
  return hash.digest('hex').slice(0, 32);
}

/** An entry holds every catalog query's rows (an edited or older entry of another shape is replayed instead). */
function wholeRows(rows: unknown): rows is CatalogRows {
  return (
    typeof rows === 'object' &&
    rows !== null &&
    CATALOG_ORDER.every((k) => Array.isArray((rows as Record<string, unknown>)[k]))
  );
}

const isStrings = (xs: unknown): xs is string[] => Array.isArray(xs) && xs.every((x) => typeof x === 'string');

const entryFile = (key: string) => join(cacheDir(), `${PREFIX}${key}.json`);

/** Whether an entry is there (without reading it: whole or not is for `readCachedReplay` to say). */
export function hasCachedReplay(key: string): boolean {
  return existsSync(entryFile(key));
}

/** The entry, or undefined when there is none or it cannot be read whole (then it is replayed and rewritten). */
export function readCachedReplay(key: string): CachedReplay | undefined {
  const file = entryFile(key);
  try {
    const text = readCacheFile(file, MAX_ENTRY_BYTES, 'a replay cache entry').toString('utf8');
    const entry = JSON.parse(text) as { key?: string } & Partial<CachedReplay>;
    if (entry.key !== key || !wholeRows(entry.rows) || !isStrings(entry.notices)) return undefined;
    const now = new Date();
    utimesSync(file, now, now); // most recently used: kept longest
    return { rows: entry.rows, notices: entry.notices };
  } catch {
    return undefined;
  }
}

/** Stores an entry (private to the user) and keeps only the newest few; a cache that cannot be written is skipped. */
export function writeCachedReplay(key: string, value: CachedReplay): void {
  const dir = cacheDir();
  try {
    makeDir(dir);
    writeAtomically(entryFile(key), Buffer.from(JSON.stringify({ key, ...value })), 0o600);
    evictReplays(dir);
  } catch {
    /* a read-only or full cache only costs the next run its speed */
  }
}

function evictReplays(dir: string): void {
  const entries = readdirSync(dir)
    .filter((n) => n.startsWith(PREFIX) && n.endsWith('.json'))
    .map((n) => {
      try {
        return { path: join(dir, n), at: statSync(join(dir, n)).mtimeMs };
      } catch {
        return { path: join(dir, n), at: 0 };
      }
    })
    .sort((a, b) => b.at - a.at);
  for (const e of entries.slice(KEEP)) {
    try {
      unlinkSync(e.path);
    } catch {
      /* another run removed it */
    }
  }
}
