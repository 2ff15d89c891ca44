/**
 * The oracle: types written by Supabase's own generator from a many-feature database must give zero findings,
 * and each deliberate change to the database or to the types file must give exactly the expected finding.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { quoteIdent } from '../src/model/quote.js';
import { createTestDatabase, resolveServer, withDatabase, type TestDatabase } from './support/db.js';
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
}

const replaceOnce = (from: string, to: string) => (text: string) => {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`mutation target not found: ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
};

const MUTATIONS: Mutation[] = [
  { name: 'drop a column', sql: 'alter table public.authors drop column nick', expect: [{ code: 'column_missing_in_database', schema: 'public', object: 'authors', column: 'nick' }] },
  { name: 'add a column', sql: 'alter table public.authors add column extra text', expect: [{ code: 'column_missing_in_types', schema: 'public', object: 'authors', column: 'extra' }] },
  { name: 'change a type', sql: 'alter table public.authors alter column small type text', expect: [{ code: 'column_type_mismatch', schema: 'public', object: 'authors', column: 'small' }] },
  { name: 'change an array type', sql: 'alter table public.authors alter column moods type text[] using null', expect: [{ code: 'column_type_mismatch', schema: 'public', object: 'authors', column: 'moods' }] },
  { name: 'drop NOT NULL', sql: 'alter table public.books alter column title drop not null', expect: [{ code: 'column_nullability_mismatch', schema: 'public', object: 'books', column: 'title' }] },
  { name: 'set NOT NULL', sql: "update public.authors set nick = 'x'; alter table public.authors alter column nick set not null", expect: [{ code: 'column_nullability_mismatch', schema: 'public', object: 'authors', column: 'nick' }] },
  { name: 'drop a default', sql: 'alter table public.authors alter column mood drop default', expect: [{ code: 'column_optionality_mismatch', schema: 'public', object: 'authors', column: 'mood' }] },
  { name: 'drop a foreign key', sql: 'alter table public.books drop constraint books_author_id_fkey', expect: [{ code: 'foreign_key_missing_in_database', schema: 'public', object: 'books', column: 'author_id' }] },
  { name: 'add a foreign key', sql: 'alter table public.books add constraint books_seq_fkey foreign key (seq) references public.authors (id)', expect: [{ code: 'foreign_key_missing_in_types', schema: 'public', object: 'books', column: 'seq' }] },
  { name: 'add an enum label', sql: "alter type public.mood add value 'angry'", expect: [{ code: 'enum_values_mismatch', schema: 'public', object: 'mood' }] },
  { name: 'add an enum', sql: "create type public.color as enum ('red')", expect: [{ code: 'enum_missing_in_types', schema: 'public', object: 'color' }] },
  { name: 'drop a table', sql: 'drop table public.book_details', expect: [{ code: 'table_missing_in_database', schema: 'public', object: 'book_details' }] },
  { name: 'add a table', sql: 'create table public.extra (id int primary key)', expect: [{ code: 'table_missing_in_types', schema: 'public', object: 'extra' }] },
  { name: 'drop a table in a second schema', sql: 'drop table billing.invoice_lines', expect: [{ code: 'table_missing_in_database', schema: 'billing', object: 'invoice_lines' }] },
  { name: 'drop a view', sql: 'drop view public.book_counts', expect: [{ code: 'view_missing_in_database', schema: 'public', object: 'book_counts' }] },
  { name: 'drop a materialized view', sql: 'drop materialized view public.mood_counts', expect: [{ code: 'view_missing_in_database', schema: 'public', object: 'mood_counts' }] },
  { name: 'change a view column type', sql: 'create or replace view public.author_names as select id, name, 1 as extra from public.authors', expect: [{ code: 'column_missing_in_types', schema: 'public', object: 'author_names', column: 'extra' }] },
  { name: "change a function's arguments", sql: 'drop function public.add(integer, integer); create function public.add(a integer, c integer) returns integer language sql as $$select a + c$$', expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'add' }] },
  { name: "change a function's return type", sql: 'drop function public.home_of(bigint); create function public.home_of(author_id bigint) returns text language sql as $$select null::text$$', expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'home_of' }] },
  { name: 'drop an overload', sql: 'drop function public.find_books(text)', expect: [{ code: 'function_signature_mismatch', schema: 'public', object: 'find_books' }] },
  { name: 'drop a function', sql: 'drop function public.touch()', expect: [{ code: 'function_missing_in_database', schema: 'public', object: 'touch' }] },
  { name: 'add a function', sql: "create function public.ping() returns text language sql as 'select ''pong''::text'", expect: [{ code: 'function_missing_in_types', schema: 'public', object: 'ping' }] },
  { name: 'drop a computed field (reported once, as the function)', sql: 'drop function public.display_name(public.authors)', expect: [{ code: 'function_missing_in_database', schema: 'public', object: 'display_name' }] },
  { name: 'add a function PostgREST cannot call (unnamed argument; never drift)', sql: 'create function public.unnamed_arg(integer) returns integer language sql as $$select 1$$', expect: [] },
  { name: 'add a trigger function (never drift)', sql: 'create function public.noop_trigger() returns trigger language plpgsql as $$begin return new; end$$', expect: [] },
  { name: 'change a composite type', sql: 'alter type public.address add attribute country text', expect: [{ code: 'composite_type_mismatch', schema: 'public', object: 'address' }] },
  { name: 'change a platform schema (never drift)', sql: 'create table auth.audit (id uuid primary key)', expect: [] },
  { name: 'types: a column made NOT NULL', types: replaceOnce('nick: string | null', 'nick: string'), expect: [{ code: 'column_nullability_mismatch', schema: 'public', object: 'authors', column: 'nick' }] },
  { name: 'types: a column removed', types: replaceOnce('          birthday: string | null\n', ''), expect: [{ code: 'column_missing_in_types', schema: 'public', object: 'authors', column: 'birthday' }] },
  { name: 'types: an enum label removed', types: replaceOnce('mood: "happy" | "sad" | "neutral"', 'mood: "happy" | "sad"'), expect: [{ code: 'enum_values_mismatch', schema: 'public', object: 'mood' }] },
];

describe.runIf(server)('check against types from Supabase\'s generator', () => {
  let base: TestDatabase;
  let dir: string;
  let typesText: string;
  let typesFile: string;
  const clones: string[] = [];

  beforeAll(async () => {
    base = await createTestDatabase('sd_oracle');
    await base.exec(FEATURES);
    typesText = await generateTypes(base.url, SCHEMAS);
    dir = mkdtempSync(join(tmpdir(), 'sd-oracle-'));
    typesFile = join(dir, 'types.ts');
    writeFileSync(typesFile, typesText);
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: server! });
    await admin.connect();
    for (const name of clones) await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.end();
    await base?.drop();
  });

  /** A copy of the base database (CREATE DATABASE … TEMPLATE), so each mutation starts from the same state. */
  async function clone(): Promise<string> {
    const name = `${base.name}_m${clones.length}`;
    clones.push(name);
    const admin = new pg.Client({ connectionString: server! });
    await admin.connect();
    await admin.query(`create database ${quoteIdent(name)} template ${quoteIdent(base.name)}`);
    await admin.end();
    return withDatabase(server!, name);
  }

  it('the generated types.ts covers the features (sanity check of the fixture)', () => {
    for (const needle of ['billing: {', 'Views: {', 'CompositeTypes: {', 'SetofOptions', 'name_length?: never', 'display_name: string | null']) {
      expect(typesText).toContain(needle);
    }
  });

  it('gives zero findings on types generated from the same database', async () => {
    const report = await runCheck({ source: { kind: 'live', url: base.url }, typesFile, config: {} });
    expect(report.findings).toEqual([]);
  });

  it('a foreign table is a table to the generator and to check', async () => {
    const url = await clone();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema ext; create extension file_fdw schema ext; create server files foreign data wrapper file_fdw;
      create foreign table public.imports (line text not null, n integer) server files options (filename '/dev/null')`);
    await c.end();
    const file = join(dir, 'foreign.ts');
    writeFileSync(file, await generateTypes(url, SCHEMAS));
    expect(readFileSync(file, 'utf8')).toContain('imports: {');
    const report = await runCheck({ source: { kind: 'live', url }, typesFile: file, config: {} });
    expect(report.findings).toEqual([]);
    const stale = await runCheck({ source: { kind: 'live', url }, typesFile, config: {} });
    expect(stale.findings.map((f) => [f.code, f.object])).toEqual([['table_missing_in_types', 'imports']]);
  });

  it.each(MUTATIONS)('$name → exactly the expected finding', async (m) => {
    const url = await clone();
    if (m.sql) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(m.sql);
      await c.end();
    }
    let file = typesFile;
    if (m.types) {
      file = join(dir, `mutated-${clones.length}.ts`);
      writeFileSync(file, m.types(typesText));
    }
    const report = await runCheck({ source: { kind: 'live', url }, typesFile: file, config: {} });
    const got = report.findings.map(({ code, schema, object, column }) => ({ code, schema, object, ...(column !== undefined ? { column } : {}) }));
    expect(got).toEqual(m.expect);
  });
});
