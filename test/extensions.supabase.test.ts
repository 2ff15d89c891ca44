/**
 * Every extension Supabase offers (the data in src/supabase/extensions.ts) can be created by a migration: for
 * real where the engine has it, else through its stand-in, whose objects are then there. Walked on the embedded
 * database and, for a server, on a database of the PostgreSQL 15 server (real where the server has it).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../src/introspect/catalog.js';
import { readSource } from '../src/introspect/source.js';
import { SUPABASE_EXTENSIONS, type SupabaseExtension } from '../src/supabase/extensions.js';
import { quoteIdent } from '../src/model/quote.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { replayEmbedded, replayOnServer, writeMigrations, type Replayed } from './support/replay.js';

const server = await resolveServer();
if (!server) console.warn('skipping the server half of the extension walk: no PostgreSQL server');
const tmp = mkdtempSync(join(tmpdir(), 'sd-extensions-'));

/** One migration per extension (so a failure names it), each creating it twice: the second must be a no-op. */
function extensionMigrations(): string {
  const dir = join(tmp, 'all');
  mkdirSync(dir, { recursive: true });
  SUPABASE_EXTENSIONS.forEach((e, i) => {
    const name = quoteIdent(e.name);
    const schema = e.schema === 'pg_catalog' ? '' : ` with schema ${quoteIdent(e.schema)}`;
    const version = String(20240101000000 + i);
    writeFileSync(
      join(dir, `${version}_${e.name}.sql`),
      `create extension if not exists ${name}${schema} cascade;\ncreate extension if not exists ${name}${schema} cascade;\n`,
    );
  });
  return dir;
}

/** Where the extension's objects are: pg_extension for a real one, else its stand-in's marker or language. */
async function present(db: Replayed, e: SupabaseExtension): Promise<string> {
  const ext = await db.query<{ n: number }>(`select count(*)::int as n from pg_extension where extname = '${e.name}'`);
  if (ext[0].n === 1) return 'real';
  if (e.name.startsWith('pl')) {
    const lang = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_language where lanname = '${e.name}'`,
    );
    if (lang[0].n === 1) return 'language';
  }
  if (!e.marker) return 'nothing to show';
  const schema = e.fixedSchema ?? e.schema;
  const found = await db.query<{
    n: number;
  }>(`select (select count(*) from pg_proc where pronamespace = '${schema}'::regnamespace and proname = '${e.marker}')
    + (select count(*) from pg_type where typnamespace = '${schema}'::regnamespace and typname = '${e.marker}')::int as n`);
  return Number(found[0].n) > 0 ? 'stand-in' : 'missing';
}

async function walk(db: Replayed, isReal: (e: SupabaseExtension) => boolean): Promise<void> {
  const missing: string[] = [];
  for (const e of SUPABASE_EXTENSIONS) {
    const got = await present(db, e);
    const want = isReal(e)
      ? 'real'
      : e.name.startsWith('pl') && !e.marker
        ? 'language'
        : e.marker
          ? 'stand-in'
          : 'nothing to show';
    if (got !== want) missing.push(`${e.name}: ${got}, expected ${want}`);
    if (!isReal(e)) expect(db.notices.join('\n')).toContain(`extension ${e.name}: not available`);
  }
  expect(missing).toEqual([]);
}

describe('every Supabase extension', () => {
  const dir = extensionMigrations();

  it('is in the list once, with a way to exist in PGlite: a contrib bundle or a stand-in', () => {
    const names = SUPABASE_EXTENSIONS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of SUPABASE_EXTENSIONS) expect(Boolean(e.pglite) !== Boolean(e.standIn), e.name).toBe(true);
    for (const must of [
      'pgmq',
      'pg_cron',
      'pg_graphql',
      'pg_jsonschema',
      'wrappers',
      'postgis',
      'pg_hashids',
      'pgroonga',
      'rum',
      'hypopg',
      'index_advisor',
      'pgtap',
      'plv8',
      'pg_tle',
      'pg_stat_monitor',
      'pg_stat_statements',
      'pgaudit',
      'pgjwt',
      'pgsodium',
      'supabase_vault',
      'pg_net',
      'http',
      'vector',
      'timescaledb',
      'pgrouting',
      'pg_repack',
      'pg_walinspect',
    ])
      expect(names).toContain(must);
  });

  it('is created twice by migrations on the embedded database, and its objects are there', async () => {
    const db = await replayEmbedded([dir]);
    try {
      await walk(db, (e) => Boolean(e.pglite));
    } finally {
      await db.close();
    }
  }, 300_000);

  describe.runIf(server)('on the PostgreSQL server', () => {
    let live: TestDatabase;
    afterAll(async () => live?.drop());

    it('is real where the server has it, else its stand-in, the same walk', async () => {
      live = await createTestDatabase('sd_extensions');
      const available = new Set(
        (await live.query<{ name: string }>('select name from pg_available_extensions')).map((r) => r.name),
      );
      const db = await replayOnServer(live, [dir]);
      await walk(db, (e) => available.has(e.name));
      expect(available.has('pg_trgm') && available.has('hstore') && !available.has('postgis')).toBe(true);
    }, 300_000);
  });
});

/** A project pinning versions Supabase had and this engine has not (a Supabase project's pg_trgm 9.9, say). */
const PINNED = writeMigrations(tmp, 'pinned', {
  '20240101000000_ext.sql': `create extension if not exists pg_trgm with schema extensions version '9.9';
alter extension pg_trgm update to '9.9';
create extension if not exists hstore with schema extensions version '1.8' cascade;
create table public.docs (id bigint primary key, title text not null, attrs extensions.hstore);
create index docs_title_trgm on public.docs using gin (title extensions.gin_trgm_ops);
`,
});

describe('an extension the engine has in another version than the migration pins', () => {
  it('is created in the version the engine has, the update is skipped, both with a notice (embedded)', async () => {
    const notices: string[] = [];
    const model = buildModel(
      (await readSource({ kind: 'migrations', dirs: [PINNED] }, { notice: (m) => notices.push(m) })).rows,
      ['public'],
    );
    expect(notices).toContainEqual(
      expect.stringMatching(/20240101000000_ext\.sql:1: .*9\.9.*; created the version .* has instead/),
    );
    expect(notices).toContainEqual(expect.stringMatching(/20240101000000_ext\.sql:2: .*; skipped instead/));
    const docs = model.tables.find((t) => t.name === 'docs')!;
    expect(docs.indexes!.map((i) => i.name)).toContain('docs_title_trgm');
    expect(docs.columns.find((c) => c.name === 'attrs')!.sqlType).toMatch(/hstore$/);
  }, 300_000);

  it.runIf(server)(
    'the same on --shadow-db, with the same model',
    async () => {
      const notices: string[] = [];
      const shadow = buildModel(
        (await readSource({ kind: 'shadow', url: server!, dirs: [PINNED] }, { notice: (m) => notices.push(m) })).rows,
        ['public'],
      );
      const embedded = buildModel(
        (await readSource({ kind: 'migrations', dirs: [PINNED] }, { notice: () => {} })).rows,
        ['public'],
      );
      expect(notices).toContainEqual(
        expect.stringMatching(/created the version the shadow database on .* has instead/),
      );
      expect(shadow).toEqual(embedded);
    },
    300_000,
  );
});
