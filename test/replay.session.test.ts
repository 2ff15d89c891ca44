/**
 * A session's later replay continues the first: migrations replayed in two parts (the first part read, the rest
 * replayed onto the same database with `skip`) leave the model one replay of all of them leaves. `audit` relies on
 * it when a branch only adds migrations; so do the proofs of `fix` and `diff --emit`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/introspect/catalog.js';
import { listMigrations } from '../src/introspect/migrations.js';
import { readSource, type DatabaseSource } from '../src/introspect/source.js';
import type { CatalogRows } from '../src/introspect/sql/rows.js';
import { resolveServer } from './support/db.js';
import { writeMigrations } from './support/replay.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/creator-platform/supabase/migrations', import.meta.url));
const COMPLETION = fileURLToPath(new URL('../migrations', import.meta.url));
const quiet = () => {};
/** Every schema's model: what the commands compare (a server's OIDs differ from one database to the next). */
const model = (rows: CatalogRows) =>
  buildModel(
    rows,
    rows.SCHEMAS.map((s) => s.name),
  );
const server = await resolveServer();
const tmp = mkdtempSync(join(tmpdir(), 'sd-session-'));

/** Cases: the folders, and how many of their migrations the first part replays. */
const CASES: Array<[string, () => { dirs: string[]; split: number }]> = [
  [
    'the example, then its completion',
    () => ({ dirs: [FIXTURE, COMPLETION], split: listMigrations([FIXTURE], quiet).length }),
  ],
  [
    // The catalog read pins its own search path inside that transaction; the next file must not run with it.
    'a first part that leaves a transaction open (BEGIN without COMMIT)',
    () => ({
      dirs: [
        writeMigrations(tmp, 'open', {
          '20240101000000_a.sql': 'begin;\ncreate table public.t (id int);\n',
          '20240102000000_b.sql': 'create table u (id int);\ncommit;\n',
        }),
      ],
      split: 1,
    }),
  ],
  [
    // Only a parse finds the extension (a comment splits its statement): the engine must start with its library.
    'a second part that creates an extension its text hides from a scan',
    () => ({
      dirs: [
        writeMigrations(tmp, 'hidden', {
          '20240101000000_a.sql': 'create table public.words (w text);\n',
          '20240102000000_b.sql':
            'create extension if not exists -- trigram search\n  pg_trgm with schema extensions;\ncreate index on public.words using gin (w extensions.gin_trgm_ops);\n',
        }),
      ],
      split: 1,
    }),
  ],
];

const engines: Array<[string, (dirs: string[]) => DatabaseSource]> = [
  ['embedded', (dirs) => ({ kind: 'migrations', dirs })],
];
if (server) engines.push(['--shadow-db', (dirs) => ({ kind: 'shadow', dirs, url: server })]);

describe.each(engines)('a session replay continues the first one (%s)', (_engine, sourceOf) => {
  it.each(CASES)(
    '%s: the same model as one replay',
    async (_name, make) => {
      const { dirs, split } = make();
      const files = listMigrations(dirs, quiet);
      expect(split).toBeLessThan(files.length);
      const whole = await readSource(sourceOf(dirs), { notice: quiet });
      // The first part alone: the first `split` files, in a folder of their own.
      const firstDir = writeMigrations(
        mkdtempSync(join(tmp, 'first-')),
        'm',
        Object.fromEntries(
          files.slice(0, split).map((f) => [f.path.split(/[\\/]/).pop()!, readFileSync(f.path, 'utf8')]),
        ),
      );
      const firstOnly = await readSource(sourceOf([firstDir]), { notice: quiet });
      let all: CatalogRows | undefined;
      const first = await readSource(sourceOf([firstDir]), {
        notice: quiet,
        alsoReplays: dirs,
        session: async (db) => {
          await db.replay!(dirs, split);
          all = (await db.readCatalog()).rows;
        },
      });
      expect(model(first.rows)).toEqual(model(firstOnly.rows));
      expect(model(all!)).toEqual(model(whole.rows));
    },
    120_000,
  );
});

/** Replays `dir` embedded and (where a server answers) on --shadow-db: the same public tables, the same notice. */
async function onBothEngines(dir: string, tables: string[], notice: RegExp): Promise<void> {
  for (const source of [
    { kind: 'migrations' as const, dirs: [dir] },
    ...(server ? [{ kind: 'shadow' as const, dirs: [dir], url: server }] : []),
  ]) {
    const notices: string[] = [];
    const { rows } = await readSource(source, { notice: (m) => notices.push(m) });
    const names = model(rows)
      .tables.filter((t) => t.schema === 'public')
      .map((t) => t.name);
    expect(names.sort(), source.kind).toEqual(tables);
    expect(notices.join('\n'), source.kind).toMatch(notice);
  }
}

describe('a migration that leaves a transaction open (BEGIN without COMMIT)', () => {
  it('gives the same model embedded and on --shadow-db: its work is there', async () => {
    const dir = writeMigrations(tmp, 'left-open', {
      '20240101000000_a.sql': 'create table public.before (id int);\nbegin;\ncreate table public.inside (id int);\n',
      '20240102000000_b.sql': 'create table public.after (id int);\n',
    });
    const embedded = model((await readSource({ kind: 'migrations', dirs: [dir] }, { notice: quiet })).rows);
    expect(
      embedded.tables
        .filter((t) => t.schema === 'public')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['after', 'before', 'inside']);
    if (!server) return console.warn('skipping the --shadow-db half: no PostgreSQL server');
    const shadow = await readSource({ kind: 'shadow', dirs: [dir], url: server }, { notice: quiet });
    expect(model(shadow.rows).tables.filter((t) => t.schema === 'public')).toEqual(
      embedded.tables.filter((t) => t.schema === 'public'),
    );
  });

  it('a statement skipped with a notice inside it (an index on a stand-in) does not lose the rest of it', async () => {
    const dir = writeMigrations(tmp, 'left-open-skip', {
      '20240101000000_a.sql':
        'create extension if not exists postgis with schema extensions;\ncreate table public.places (geom extensions.geography);\n',
      '20240102000000_b.sql':
        'begin;\ncreate table public.kept (id int);\ncreate index places_geom on public.places using gist (geom);\ncreate table public.also_kept (id int);\n',
    });
    await onBothEngines(dir, ['also_kept', 'kept', 'places'], /_b\.sql:3: skipped index places_geom/);
  });

  it('later files run one statement at a time inside it, so a skipped statement there keeps the rest', async () => {
    const dir = writeMigrations(tmp, 'left-open-batch', {
      '20240101000000_a.sql': 'begin;\ncreate table public.first (id int);\n',
      '20240102000000_b.sql':
        "create table public.second (id int);\ncreate extension pg_trgm with schema extensions version '9.9';\ncreate table public.third (id int);\n",
    });
    await onBothEngines(dir, ['first', 'second', 'third'], /_b\.sql:2: .*9\.9.*created the version/);
  });
});
