/**
 * The oracle: types written by every generation of Supabase's generator (postgres-meta 0.60 of 2022 to today's
 * postgrest-typegen) from a many-feature database must give zero findings, and each deliberate change to the
 * database or to the types file must give exactly the expected finding with every generator that can represent
 * the changed object. On the PostgreSQL 15 server, and on the embedded database replaying features.sql.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, structuralFindings } from '../src/commands/check.js';
import { compareModels, defaultSchemas } from '../src/diff/compare.js';
import type { Finding } from '../src/findings/finding.js';
import { buildModel } from '../src/introspect/catalog.js';
import { readSource, type CatalogSnapshot, type Session } from '../src/introspect/source.js';
import { parseTypesFile } from '../src/typeparse/parseTypes.js';
import { catalogAfter } from './support/changedCatalog.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { GENERATORS, generateWith, type Generator } from './support/generators.js';
import { generateTypes } from './support/typegen.js';

const FEATURES = readFileSync(new URL('./fixtures/features.sql', import.meta.url), 'utf8');
const SCHEMAS = ['public', 'billing'];
const server = await resolveServer();
if (!server) console.warn('skipping oracle tests: no PostgreSQL server');

type Expected = { code: string; schema: string; object: string; column?: string };
interface Mutation {
  name: string;
  sql?: string;
  types?: (text: string) => string;
  expect: Expected[];
  /** Generators whose files cannot show the changed object (default: all can); they must give no finding. */
  blind?: Generator[];
  /** Where a generator's file shows the change elsewhere (e.g. on the function instead of the computed field). */
  by?: Partial<Record<Generator, Expected[]>>;
}

const OLDER: Generator[] = ['pgmeta-0.60.2', 'pgmeta-0.64.6', 'pgmeta-0.83.2', 'pgmeta-0.91.6'];

/** 2022–2023 releases wrote no Relationships; 0.60 no materialized views. */
const NO_RELATIONSHIPS: Generator[] = ['pgmeta-0.60.2', 'pgmeta-0.64.6'];

const replaceOnce = (from: string, to: string) => (text: string) => {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`mutation target not found: ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
};

const MUTATIONS: Mutation[] = [
  {
    name: 'drop a column',
    sql: 'alter table public.authors drop column nick',
    expect: [{ code: 'column_missing_in_database', schema: 'public', object: 'authors', column: 'nick' }],
  },
  {
    name: 'add a column',
    sql: 'alter table public.authors add column extra text',
    expect: [{ code: 'column_missing_in_types', schema: 'public', object: 'authors', column: 'extra' }],
  },
  {
    name: 'change a type',
    sql: 'alter table public.authors alter column small type text',
    expect: [{ code: 'column_type_mismatch', schema: 'public', object: 'authors', column: 'small' }],
  },
  {
    name: 'change an array type',
    sql: 'alter table public.authors alter column moods type text[] using null',
    expect: [{ code: 'column_type_mismatch', schema: 'public', object: 'authors', column: 'moods' }],
  },
  {
    name: 'drop NOT NULL',
    sql: 'alter table public.books alter column title drop not null',
    expect: [{ code: 'column_nullability_mismatch', schema: 'public', object: 'books', column: 'title' }],
  },
  {
    name: 'set NOT NULL',
    sql: "update public.authors set nick = 'x'; alter table public.authors alter column nick set not null",
    expect: [{ code: 'column_nullability_mismatch', schema: 'public', object: 'authors', column: 'nick' }],
  },
  {
    name: 'drop a default',
    sql: 'alter table public.authors alter column mood drop default',
    expect: [{ code: 'column_optionality_mismatch', schema: 'public', object: 'authors', column: 'mood' }],
  },
  {
    name: 'drop a foreign key',
    sql: 'alter table public.books drop constraint books_author_id_fkey',
    expect: [{ code: 'foreign_key_missing_in_database', schema: 'public', object: 'books', column: 'author_id' }],
    blind: NO_RELATIONSHIPS,
  },
  {
    name: 'add a foreign key',
    sql: 'alter table public.books add constraint books_seq_fkey foreign key (seq) references public.authors (id)',
    expect: [{ code: 'foreign_key_missing_in_types', schema: 'public', object: 'books', column: 'seq' }],
    blind: NO_RELATIONSHIPS,
  },
  {
    name: 'add an enum label',
    sql: "alter type public.mood add value 'angry'",
    expect: [{ code: 'enum_values_mismatch', schema: 'public', object: 'mood' }],
  },
  {
    name: 'add an enum',
    sql: "create type public.color as enum ('red')",
    expect: [{ code: 'enum_missing_in_types', schema: 'public', object: 'color' }],
  },
  {
    name: 'drop a table',
    sql: 'drop table public.book_details',
    expect: [{ code: 'table_missing_in_database', schema: 'public', object: 'book_details' }],
  },
  {
    name: 'add a table',
    sql: 'create table public.extra (id int primary key)',
    expect: [{ code: 'table_missing_in_types', schema: 'public', object: 'extra' }],
  },
  {
    name: 'drop a table in a second schema',
    sql: 'drop table billing.invoice_lines',
    expect: [{ code: 'table_missing_in_database', schema: 'billing', object: 'invoice_lines' }],
  },
  {
    name: 'drop a view',
    sql: 'drop view public.book_counts',
    expect: [{ code: 'view_missing_in_database', schema: 'public', object: 'book_counts' }],
  },
  {
    name: 'drop a materialized view',
    sql: 'drop materialized view public.mood_counts',
    expect: [{ code: 'view_missing_in_database', schema: 'public', object: 'mood_counts' }],
    blind: ['pgmeta-0.60.2'],
  },
  {
    name: 'change a view column type',
    sql: 'create or replace view public.author_names as select id, name, 1 as extra from public.authors',
    expect: [{ code: 'column_missing_in_types', schema: 'public', object: 'author_names', column: 'extra' }],
  },
  {
    name: "change a function's arguments",
    sql: 'drop function public.add(integer, integer); create function public.add(a integer, c integer) returns integer language sql as $$select a + c$$',
    expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'add' }],
  },
  {
    name: "change a function's return type",
    sql: 'drop function public.home_of(bigint); create function public.home_of(author_id bigint) returns text language sql as $$select null::text$$',
    expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'home_of' }],
  },
  {
    name: 'drop an overload',
    sql: 'drop function public.find_books(text)',
    expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'find_books' }],
  },
  {
    name: 'drop a function',
    sql: 'drop function public.touch()',
    expect: [{ code: 'function_missing_in_database', schema: 'public', object: 'touch' }],
  },
  {
    name: 'add a function',
    sql: "create function public.ping() returns text language sql as 'select ''pong''::text'",
    expect: [{ code: 'function_missing_in_types', schema: 'public', object: 'ping' }],
  },
  {
    name: 'drop a computed field (reported once, as the function)',
    sql: 'drop function public.display_name(public.authors)',
    expect: [{ code: 'function_missing_in_database', schema: 'public', object: 'display_name' }],
  },
  {
    name: 'add a function PostgREST cannot call (unnamed argument; never drift)',
    sql: 'create function public.unnamed_arg(integer) returns integer language sql as $$select 1$$',
    expect: [],
  },
  {
    name: 'add a trigger function (never drift)',
    sql: 'create function public.noop_trigger() returns trigger language plpgsql as $$begin return new; end$$',
    expect: [],
  },
  {
    name: 'change a composite type',
    sql: 'alter type public.address add attribute country text',
    expect: [{ code: 'composite_type_mismatch', schema: 'public', object: 'address' }],
  },
  { name: 'change a platform schema (never drift)', sql: 'create table auth.audit (id uuid primary key)', expect: [] },
  // Issue 7's classes: each a difference the generator's output shows (or, per release, does not).
  {
    name: 'toggle ROWS of a one-row set function (postgrest-typegen types it as one row)',
    sql: 'alter function public.latest_book(bigint) rows 100',
    expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'latest_book' }],
    blind: OLDER,
  },
  {
    name: 'inet → text (a column the generator writes as unknown)',
    sql: 'alter table public.profiles alter column ip type text',
    expect: [{ code: 'column_type_mismatch', schema: 'public', object: 'profiles', column: 'ip' }],
  },
  {
    name: 'an inet column set NOT NULL (older releases drop `| null` from unknown; postgrest-typegen: Insert requires it)',
    sql: 'alter table public.profiles alter column ip set not null',
    expect: [{ code: 'column_nullability_mismatch', schema: 'public', object: 'profiles', column: 'ip' }],
    by: {
      'postgrest-typegen': [
        { code: 'column_optionality_mismatch', schema: 'public', object: 'profiles', column: 'ip' },
      ],
    },
  },
  {
    name: 'interval → text (unknown before postgrest-typegen, string after)',
    sql: 'alter table public.authors alter column span type text',
    expect: [{ code: 'column_type_mismatch', schema: 'public', object: 'authors', column: 'span' }],
    blind: ['postgrest-typegen'],
  },
  {
    name: 'a computed field (named row argument) returns another type',
    sql: "drop function public.initials(public.profiles); create function public.initials(p public.profiles) returns integer language sql stable as 'select 1'",
    expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'initials' }],
  },
  {
    name: 'a computed field (unnamed row argument) returns another type',
    sql: "drop function public.display_name(public.authors); create function public.display_name(public.authors) returns integer language sql stable as 'select 1'",
    expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'display_name' }],
    by: {
      'postgrest-typegen': [
        { code: 'column_type_mismatch', schema: 'public', object: 'authors', column: 'display_name' },
      ],
    },
  },
  {
    name: 'composite attributes reordered (order means nothing in TS)',
    sql: 'alter type public.geo drop attribute lat, add attribute lat double precision',
    expect: [],
  },
  {
    name: 'identity ALWAYS → BY DEFAULT (Insert ?: never → ?: number)',
    sql: 'alter table public.authors alter column id set generated by default',
    expect: [{ code: 'column_optionality_mismatch', schema: 'public', object: 'authors', column: 'id' }],
  },
  {
    name: 'identity BY DEFAULT → ALWAYS',
    sql: 'alter table public.books alter column seq set generated always',
    expect: [{ code: 'column_optionality_mismatch', schema: 'public', object: 'books', column: 'seq' }],
  },
  {
    name: 'an IN argument after an OUT one gains a default (the generator still writes it required)',
    sql: "drop function public.counted(date); create function public.counted(out n bigint, since date default null, lim int default 1) returns bigint language sql stable as 'select 1::bigint'",
    expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'counted' }],
  },
  {
    name: 'a unique key on foreign key columns (isOneToOne false → true)',
    sql: 'alter table public.books add constraint books_author_id_key unique (author_id)',
    expect: [{ code: 'foreign_key_cardinality_mismatch', schema: 'public', object: 'books', column: 'author_id' }],
    blind: NO_RELATIONSHIPS,
  },
  {
    name: 'the unique key under a one-to-one foreign key dropped (isOneToOne true → false)',
    sql: 'alter table public.book_details drop constraint book_details_pkey',
    expect: [{ code: 'foreign_key_cardinality_mismatch', schema: 'public', object: 'book_details', column: 'book_id' }],
    blind: NO_RELATIONSHIPS,
  },
  {
    name: 'a view made non-updatable (DISTINCT: its Insert/Update disappear)',
    sql: 'create or replace view public.author_names as select distinct id, name from public.authors',
    expect: [{ code: 'view_updatability_mismatch', schema: 'public', object: 'author_names' }],
  },
  {
    name: 'a view made non-updatable (a join)',
    sql: 'create or replace view public.profile_cards as select p.id, p.handle, p.secret_id from public.profiles p join auth.users u on u.id = p.id',
    expect: [{ code: 'view_updatability_mismatch', schema: 'public', object: 'profile_cards' }],
  },
  {
    name: 'a view made updatable (one table, no aggregate: Insert/Update appear)',
    sql: 'create or replace view public.book_counts as select a.id, a.name, a.id as books from public.authors a',
    expect: [{ code: 'view_updatability_mismatch', schema: 'public', object: 'book_counts' }],
  },
  {
    name: 'an INSTEAD OF INSERT trigger on a non-updatable view (postgrest-typegen writes Insert)',
    sql: `create function public.book_counts_insert() returns trigger language plpgsql as $$begin return new; end$$;
      create trigger book_counts_insert instead of insert on public.book_counts for each row execute function public.book_counts_insert()`,
    expect: [{ code: 'view_updatability_mismatch', schema: 'public', object: 'book_counts' }],
    blind: OLDER,
  },
  {
    name: 'types: a column made NOT NULL',
    types: replaceOnce('nick: string | null', 'nick: string'),
    expect: [{ code: 'column_nullability_mismatch', schema: 'public', object: 'authors', column: 'nick' }],
  },
  {
    name: 'types: a column removed',
    types: replaceOnce('          birthday: string | null\n', ''),
    expect: [{ code: 'column_missing_in_types', schema: 'public', object: 'authors', column: 'birthday' }],
  },
  {
    name: 'types: an enum label removed',
    types: replaceOnce('mood: "happy" | "sad" | "neutral"', 'mood: "happy" | "sad"'),
    expect: [{ code: 'enum_values_mismatch', schema: 'public', object: 'mood' }],
  },
];

const project = (f: Finding) => ({
  code: f.code,
  schema: f.schema,
  object: f.object,
  ...(f.column !== undefined ? { column: f.column } : {}),
});

/** `check` on a snapshot already read (the embedded replay is done once for all five files). */
async function checkSnapshot(snapshot: CatalogSnapshot, typesFile: string): Promise<Finding[]> {
  const types = await parseTypesFile(typesFile);
  const schemas = defaultSchemas(types);
  return compareModels(types, buildModel(snapshot.rows, [...new Set([...types.schemas, ...schemas])]), schemas);
}

/** One database from features.sql and the five generators' files from it, for both suites below. */
let base: TestDatabase | undefined;
let dir: string;
const files = {} as Record<Generator, { text: string; file: string }>;

beforeAll(async () => {
  if (!server) return;
  base = await createTestDatabase('sd_oracle');
  await base.exec(FEATURES);
  dir = mkdtempSync(join(tmpdir(), 'sd-oracle-'));
  // Side by side: each waits mostly on the server.
  await Promise.all(
    GENERATORS.map(async (g) => {
      const text = await generateWith(g, base!.url, SCHEMAS);
      const file = join(dir, `${g}.ts`);
      writeFileSync(file, text);
      files[g] = { text, file };
    }),
  );
});

afterAll(async () => {
  await base?.drop();
});

describe.runIf(server)("check against types from every generation of Supabase's generator", () => {
  it('the generated files cover the features (sanity check of the fixture)', () => {
    const today = files['postgrest-typegen'].text;
    for (const needle of [
      'billing: {',
      'Views: {',
      'CompositeTypes: {',
      'SetofOptions',
      'name_length?: never',
      'display_name: string | null',
      'initials: string | null',
    ]) {
      expect(today).toContain(needle);
    }
    // The older files differ from today's in the ways the tolerances are for.
    expect(files['pgmeta-0.60.2'].text).toContain('export interface Database');
    expect(files['pgmeta-0.60.2'].text).not.toContain('Relationships');
    expect(files['pgmeta-0.60.2'].text).toContain('Record<string, unknown>[]');
    expect(files['pgmeta-0.91.6'].text).toMatch(/Args: \{ author: number \} \| \{ title_like: string \}/);
    expect(files['pgmeta-0.83.2'].text).toContain('referencedRelation: "users"');
  });

  it.each(GENERATORS)('%s: zero findings on types generated from the same database', async (g) => {
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'live', url: base!.url },
      typesFile: files[g].file,
      config: {},
    });
    expect(report.findings).toEqual([]);
  });

  // On the base database, undone after: dropping the extension takes its server and the table with it.
  it('a foreign table is a table to the generator and to check', async () => {
    const url = base!.url;
    await base!
      .exec(`create schema ext; create extension file_fdw schema ext; create server files foreign data wrapper file_fdw;
      create foreign table public.imports (line text not null, n integer) server files options (filename '/dev/null')`);
    try {
      const file = join(dir, 'foreign.ts');
      writeFileSync(file, await generateTypes(url, SCHEMAS));
      expect(readFileSync(file, 'utf8')).toContain('imports: {');
      const report = await runCheck({ only: 'structural', source: { kind: 'live', url }, typesFile: file, config: {} });
      expect(report.findings).toEqual([]);
      const stale = await runCheck({
        only: 'structural',
        source: { kind: 'live', url },
        typesFile: files['postgrest-typegen'].file,
        config: {},
      });
      expect(stale.findings.map((f) => [f.code, f.object])).toEqual([['table_missing_in_types', 'imports']]);
    } finally {
      await base!.exec('drop extension if exists file_fdw cascade; drop schema if exists ext');
    }
  });

  // Each change is made on the base database in a transaction, read there, and rolled back: `check`'s comparison
  // of each file with that catalog (structuralFindings, what runCheck runs) without a database copy per change.
  it.each(MUTATIONS)('$name → exactly the expected finding, with every generator', async (m) => {
    const rows = await catalogAfter(base!.url, m.sql ?? '');
    const got: Record<string, Expected[]> = {};
    const want: Record<string, Expected[]> = {};
    for (const [i, g] of GENERATORS.entries()) {
      let file = files[g].file;
      if (m.types) {
        file = join(dir, `mutated-${MUTATIONS.indexOf(m)}-${i}.ts`);
        writeFileSync(file, m.types(files[g].text));
      }
      got[g] = structuralFindings(await parseTypesFile(file), rows).map(project);
      want[g] = m.by?.[g] ?? (m.blind?.includes(g) ? [] : m.expect);
    }
    expect(got).toEqual(want);
  });
});

describe.runIf(server)('the same files against the embedded database (features.sql replayed as a migration)', () => {
  let tmp: string;
  let snapshot: CatalogSnapshot;
  let session: Session;
  let release = () => {};
  let replayed: Promise<unknown> = Promise.resolve();

  // One replay of features.sql, its database held open until the suite ends: each sampled change is replayed
  // onto it as a second migration in a transaction rolled back after (a PGlite start and replay per change cost
  // seconds).
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'sd-oracle-emb-'));
    const migrations = join(tmp, 'base');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '20240101000000_features.sql'), FEATURES);
    await new Promise<void>((opened, failed) => {
      replayed = readSource(
        { kind: 'migrations', dirs: [migrations] },
        {
          notice: () => {},
          session: (db, read) => {
            [session, snapshot] = [db, read];
            opened();
            return new Promise<void>((done) => (release = done));
          },
        },
      ).catch(failed);
    });
  });

  afterAll(async () => {
    release();
    await replayed;
  });

  it('zero findings with every generator', async () => {
    const got: Record<string, Expected[]> = {};
    for (const g of GENERATORS) got[g] = (await checkSnapshot(snapshot, files[g].file)).map(project);
    expect(got).toEqual(Object.fromEntries(GENERATORS.map((g) => [g, []])));
  });

  // A sample of the mutation table, one of each kind of object.
  const SAMPLE = [
    'drop a column',
    'drop a foreign key',
    'add an enum label',
    "change a function's return type",
    'a view made non-updatable (DISTINCT: its Insert/Update disappear)',
    'an INSTEAD OF INSERT trigger on a non-updatable view (postgrest-typegen writes Insert)',
  ];
  it.each(MUTATIONS.filter((m) => m.sql && SAMPLE.includes(m.name)))('$name → the same finding embedded', async (m) => {
    const more = join(tmp, `m-${m.name.replace(/\W+/g, '-')}`);
    mkdirSync(more);
    writeFileSync(join(more, '20250101000000_change.sql'), m.sql!);
    await session.query('begin');
    let changed: CatalogSnapshot;
    try {
      await session.replay!([more]);
      changed = await session.readCatalog();
    } finally {
      await session.query('rollback');
    }
    const got: Record<string, Expected[]> = {};
    const want: Record<string, Expected[]> = {};
    for (const g of GENERATORS) {
      got[g] = (await checkSnapshot(changed, files[g].file)).map(project);
      want[g] = m.by?.[g] ?? (m.blind?.includes(g) ? [] : m.expect);
    }
    expect(got).toEqual(want);
  });
});
