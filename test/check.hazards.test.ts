/**
 * Minimal cases of two hazards the differential fuzzing found (issue 7), each on its own database: types.ts from
 * every generator release gives zero findings, live (PostgreSQL 15) and embedded (the SQL replayed as a migration),
 * and a change gives exactly the finding the generated types show.
 *
 * - A table in a hidden (not generated) schema with the same name as a public table: a column, function or
 *   composite attribute of the hidden table's row type is written by the generator as the public table's Row
 *   (by name; postgres-meta ≤ 0.64 as `unknown`), so a change to the hidden table changes no generated type.
 * - A foreign key into another schema that the generator lists through a view of the same name in the table's own
 *   schema (`referencedRelation: "accounts"` is `public.accounts`, a view over `billing.accounts`).
 * - A composite type without attributes (declared so, or left so by DROP TYPE … CASCADE): no generator lists it, and
 *   a column of it is `unknown`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structuralFindings } from '../src/commands/check.js';
import { applyConfig } from '../src/config.js';
import type { CatalogRows } from '../src/introspect/sql/rows.js';
import { readSource } from '../src/introspect/source.js';
import { parseTypesFile } from '../src/typeparse/parseTypes.js';
import type { Finding } from '../src/findings/finding.js';
import type { SchemaModel } from '../src/model/schema.js';
import { DatabasePool } from './support/databases.js';
import { resolveServer, type TestDatabase } from './support/db.js';
import { GENERATORS, generateWith, type Generator } from './support/generators.js';

const server = await resolveServer();
if (!server) console.warn('skipping the hazard cases: no PostgreSQL server');

type Expected = { code: string; schema: string; object: string; column?: string };
interface Change {
  name: string;
  sql: string;
  expect: Expected[];
  /** Generators whose files cannot show the change: they must give no finding. */
  blind?: Generator[];
}
interface Hazard {
  name: string;
  sql: string;
  /** Generator releases' signature in their files, so the case is known to exercise the hazard. */
  shows: Partial<Record<Generator, string>>;
  changes: Change[];
}

const NO_RELATIONSHIPS: Generator[] = ['pgmeta-0.60.2', 'pgmeta-0.64.6'];

const HAZARDS: Hazard[] = [
  {
    name: 'a table in a hidden schema named like a public table',
    sql: `create schema hidden;
      create table public.things (id integer primary key, label text);
      create table hidden.things (id integer primary key, secret text);
      create table public.holders (id integer primary key, thing hidden.things, things hidden.things[]);
      create function public.get_hidden() returns setof hidden.things language sql stable as 'select * from hidden.things';
      create function public.one_hidden(p_id integer) returns hidden.things language sql stable
        as 'select * from hidden.things where id = p_id';
      create type public.wrap as (inner_thing hidden.things);`,
    shows: {
      'pgmeta-0.60.2': 'thing: unknown | null',
      'pgmeta-0.91.6': 'thing: Database["public"]["Tables"]["things"]["Row"] | null',
      'postgrest-typegen': 'Returns: Database["public"]["Tables"]["things"]["Row"][]',
    },
    changes: [
      {
        name: 'a column added to the hidden table (no generated type changes)',
        sql: 'alter table hidden.things add column extra text',
        expect: [],
      },
      {
        name: 'a column added to the public table (found there only)',
        sql: 'alter table public.things add column extra text',
        expect: [{ code: 'column_missing_in_types', schema: 'public', object: 'things', column: 'extra' }],
      },
      {
        name: 'the hidden column retyped to another table of the schema',
        sql: 'alter table public.holders drop column thing; alter table public.holders add column thing public.things',
        expect: [],
      },
    ],
  },
  {
    name: 'a foreign key into another schema, listed through a view of the same name',
    sql: `create schema billing;
      create table billing.accounts (id integer primary key, name text);
      create view public.accounts as select id, name from billing.accounts;
      create table public.orders (id integer primary key, account_id integer references billing.accounts (id));`,
    shows: { 'postgrest-typegen': 'referencedRelation: "accounts"', 'pgmeta-0.83.2': 'referencedRelation: "accounts"' },
    changes: [
      {
        name: 'the foreign key dropped',
        sql: 'alter table public.orders drop constraint orders_account_id_fkey',
        expect: [{ code: 'foreign_key_missing_in_database', schema: 'public', object: 'orders', column: 'account_id' }],
        blind: NO_RELATIONSHIPS,
      },
      {
        name: 'the view dropped (one finding, on the view)',
        sql: 'drop view public.accounts',
        expect: [{ code: 'view_missing_in_database', schema: 'public', object: 'accounts' }],
      },
    ],
  },
  {
    name: 'a foreign key into auth.users, which postgres-meta 0.83 lists by table name',
    // auth.users as the test server lacks it (the embedded baseline has the real one).
    sql: `create schema if not exists auth;
      create table if not exists auth.users (id uuid primary key);
      create table public.profiles (id integer primary key, user_id uuid references auth.users (id));`,
    shows: { 'pgmeta-0.83.2': 'referencedRelation: "users"' },
    changes: [
      {
        name: 'a unique key on its column (one-to-one now)',
        sql: 'alter table public.profiles add constraint profiles_user_id_key unique (user_id)',
        expect: [{ code: 'foreign_key_cardinality_mismatch', schema: 'public', object: 'profiles', column: 'user_id' }],
        // The other releases list no key into another schema.
        blind: ['pgmeta-0.60.2', 'pgmeta-0.64.6', 'pgmeta-0.91.6', 'postgrest-typegen'],
      },
    ],
  },
  {
    name: 'a composite type whose attributes were all dropped',
    sql: `create type public.inner_ct as (n integer);
      create type public.outer_ct as (i public.inner_ct);
      create type public.hollow as ();
      create table public.boxes (id integer primary key, wrapped public.outer_ct, empty public.hollow);`,
    shows: { 'postgrest-typegen': 'empty: unknown', 'pgmeta-0.91.6': 'empty: unknown' },
    changes: [
      {
        // outer_ct loses its only attribute: the generators stop listing it, and a column of it becomes unknown.
        name: 'the type of its only attribute dropped with CASCADE (found on the type and on the column)',
        sql: 'drop type public.inner_ct cascade',
        expect: [
          { code: 'column_type_mismatch', schema: 'public', object: 'boxes', column: 'wrapped' },
          { code: 'composite_type_mismatch', schema: 'public', object: 'inner_ct' },
          { code: 'composite_type_mismatch', schema: 'public', object: 'outer_ct' },
        ],
      },
    ],
  },
];

const project = (f: Finding): Expected => ({
  code: f.code,
  schema: f.schema,
  object: f.object,
  ...(f.column !== undefined ? { column: f.column } : {}),
});

// Every hazard's databases (its base and a clone of it per change), dropped together once the file is done.
const pool = new DatabasePool();
afterAll(() => pool.dropAll());

/**
 * What `check --only structural` finds (runCheck: the structural findings, then the config) for `types`, parsed
 * once per file and copied so no check sees another's, against a catalog read once for all five files.
 */
const findingsOf = (types: SchemaModel, rows: CatalogRows) =>
  applyConfig(structuralFindings(structuredClone(types), rows), {}).map(project);

describe.runIf(server).each(HAZARDS)('$name', (hazard) => {
  let base: TestDatabase;
  let dir: string;
  const files = {} as Record<Generator, string>;
  const parsed = {} as Record<Generator, SchemaModel>;
  // A clone of the base per change, made while the first tests run (a failure is reported by its change's test).
  let clones: Promise<TestDatabase>[];

  beforeAll(async () => {
    base = await pool.create('sd_hazard');
    await base.exec(hazard.sql);
    dir = mkdtempSync(join(tmpdir(), 'sd-hazard-'));
    // The generators only read the base: all five at once.
    await Promise.all(
      GENERATORS.map(async (g) => {
        files[g] = join(dir, `${g}.ts`);
        writeFileSync(files[g], await generateWith(g, base.url, ['public']));
        parsed[g] = await parseTypesFile(files[g]);
      }),
    );
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'migrations', '20250101000000_hazard.sql'), hazard.sql);
    // Cloned once no generator is connected to the base any more (a template must have no other session).
    clones = pool.prepare(hazard.changes, () => pool.create('sd_hazard_c', base.name));
  });

  it('the generated files show the hazard', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [g, needle] of Object.entries(hazard.shows))
      expect(readFileSync(files[g as Generator], 'utf8')).toContain(needle);
  });

  it('zero findings with every generator, live (one read, five files)', async () => {
    const snapshot = await readSource({ kind: 'live', url: base.url });
    const got: Record<string, Expected[]> = {};
    for (const g of GENERATORS) got[g] = findingsOf(parsed[g], snapshot.rows);
    expect(got).toEqual(Object.fromEntries(GENERATORS.map((g) => [g, []])));
  });

  it('zero findings with every generator, embedded (one replay, five files)', async () => {
    const snapshot = await readSource({ kind: 'migrations', dirs: [join(dir, 'migrations')] }, { notice: () => {} });
    const got: Record<string, Expected[]> = {};
    for (const g of GENERATORS) got[g] = findingsOf(parsed[g], snapshot.rows);
    expect(got).toEqual(Object.fromEntries(GENERATORS.map((g) => [g, []])));
  });

  it.each(hazard.changes.map((change, i) => ({ ...change, i })))(
    '$name → exactly the expected findings, with every generator',
    async (change) => {
      const clone = await clones[change.i];
      await clone.exec(change.sql);
      const snapshot = await readSource({ kind: 'live', url: clone.url });
      const got: Record<string, Expected[]> = {};
      const want: Record<string, Expected[]> = {};
      for (const g of GENERATORS) {
        got[g] = findingsOf(parsed[g], snapshot.rows);
        want[g] = change.blind?.includes(g) ? [] : change.expect;
      }
      expect(got).toEqual(want);
    },
  );
});
