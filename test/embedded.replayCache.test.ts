/**
 * The replay cache: a second replay of the same migrations reads the catalog from the user's cache instead of
 * starting PostgreSQL, gives the same rows and the same notices; any change to a migration (or a damaged entry)
 * replays again; a failed replay and SCHEMA_DRIFT_NO_CACHE keep nothing; a run that needs the engine itself keeps the
 * catalog it started from.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSource } from '../src/introspect/source.js';
import { CATALOG_ORDER } from '../src/introspect/sql/catalog.sql.js';
import { readCachedReplay, writeCachedReplay } from '../src/introspect/replayCache.js';

let cache: string;
let dir: string;
const entries = () => readdirSync(cache).filter((n) => n.startsWith('replay-'));

function project(sql: string): string {
  const d = mkdtempSync(join(tmpdir(), 'sd-replay-cache-m-'));
  writeFileSync(join(d, '20240101000000_first.sql'), sql);
  return d;
}

async function read(dirs: string[]) {
  const notices: string[] = [];
  const snap = await readSource({ kind: 'migrations', dirs }, { notice: (m) => notices.push(m) });
  return { ...snap, notices };
}

const SQL = `create extension if not exists vector with schema extensions;
create table public.docs (id bigint primary key, embedding extensions.vector(3));
create index docs_embedding on public.docs using hnsw (embedding extensions.vector_cosine_ops);`;

// Put back as they were after each test: the files after this one in the worker see the user's settings.
const saved = { dir: process.env.SCHEMA_DRIFT_CACHE_DIR, off: process.env.SCHEMA_DRIFT_NO_CACHE };
const restore = (name: string, value: string | undefined) =>
  value === undefined ? delete process.env[name] : (process.env[name] = value);
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'sd-replay-cache-'));
  process.env.SCHEMA_DRIFT_CACHE_DIR = cache;
  delete process.env.SCHEMA_DRIFT_NO_CACHE;
  dir = project(SQL);
});
afterEach(() => {
  restore('SCHEMA_DRIFT_CACHE_DIR', saved.dir);
  restore('SCHEMA_DRIFT_NO_CACHE', saved.off);
});

describe('the replay cache', () => {
  it('a second replay of the same files reads the cache: same rows, same notices, no round trip', async () => {
    const first = await read([dir]);
    expect(first.roundTrips).toBe(1);
    expect(first.notices.length).toBeGreaterThan(0);
    expect(entries()).toHaveLength(1);
    const second = await read([dir]);
    expect(second.roundTrips).toBe(0);
    expect(second.rows).toEqual(first.rows);
    expect(second.notices).toEqual(first.notices);
  });

  it('a changed migration replays again and sees the change', async () => {
    await read([dir]);
    writeFileSync(join(dir, '20240101000000_first.sql'), `${SQL}\nalter table public.docs add column title text;`);
    const changed = await read([dir]);
    expect(changed.roundTrips).toBe(1);
    expect(changed.rows.COLUMNS.some((c) => c.name === 'title')).toBe(true);
    expect(entries()).toHaveLength(2);
  });

  it('a damaged entry (not JSON, another key, rows of another shape) is replayed and rewritten', async () => {
    await read([dir]);
    const [entry] = entries();
    writeFileSync(join(cache, entry), '{"key": "not this one"');
    const again = await read([dir]);
    expect(again.roundTrips).toBe(1);
    expect((await read([dir])).roundTrips).toBe(0);
    // The right key over rows of another shape (an edited or older entry) is not trusted either.
    const key = entry.replace(/^replay-|\.json$/g, '');
    for (const rows of [1, null, { SCHEMAS: [] }]) {
      writeFileSync(join(cache, entry), JSON.stringify({ key, rows, notices: [] }));
      const replayed = await read([dir]);
      expect(replayed.roundTrips).toBe(1);
      expect(replayed.rows).toEqual(again.rows);
    }
  });

  it.runIf(process.platform !== 'win32')(
    "a FIFO under an entry's name is not read (a read would wait for ever): replayed and rewritten",
    async () => {
      await read([dir]);
      const [entry] = entries();
      unlinkSync(join(cache, entry));
      execFileSync('mkfifo', [join(cache, entry)]);
      const replayed = await read([dir]);
      expect(replayed.roundTrips).toBe(1);
      expect(lstatSync(join(cache, entry)).isFile()).toBe(true);
      expect((await read([dir])).roundTrips).toBe(0);
    },
  );

  it('a failed replay and SCHEMA_DRIFT_NO_CACHE keep nothing; a session keeps the catalog it started from', async () => {
    const broken = project('create table public.x (id int primary key);\nselect no_such_function();');
    await expect(read([broken])).rejects.toThrow(/no_such_function/);
    expect(entries()).toEqual([]);
    let started: unknown;
    await readSource(
      { kind: 'migrations', dirs: [dir] },
      {
        notice: () => {},
        session: async (db, snapshot) => {
          started = snapshot.rows;
          await db.query('create table public.after_the_read (id int)');
        },
      },
    );
    expect(entries()).toHaveLength(1);
    const again = await read([dir]);
    expect(again.roundTrips).toBe(0);
    expect(again.rows).toEqual(started);
    for (const e of entries()) unlinkSync(join(cache, e));
    process.env.SCHEMA_DRIFT_NO_CACHE = '1';
    expect((await read([dir])).roundTrips).toBe(1);
    expect(entries()).toEqual([]);
  });

  it('keeps the sixteen most recently used entries', () => {
    const rows = Object.fromEntries(CATALOG_ORDER.map((k) => [k, []])) as never;
    for (let i = 0; i < 20; i++) writeCachedReplay(`k${i}`, { rows, notices: [] });
    expect(entries()).toHaveLength(16);
    expect(readCachedReplay('k19')).toBeDefined();
  });

  it('a cache that cannot be written costs nothing but speed', async () => {
    const file = join(cache, 'a-file');
    writeFileSync(file, 'x');
    process.env.SCHEMA_DRIFT_CACHE_DIR = join(file, 'below');
    expect((await read([dir])).roundTrips).toBe(1);
  });
});
