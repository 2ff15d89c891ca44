/**
 * The catalog read cannot be hijacked: functions, an aggregate and operators planted in `public` with the names
 * and signatures the catalog SQL uses (and a search path that puts `public` before `pg_catalog`) never run when
 * the tool reads the database, live or embedded. Each trap raises, so a read that reached one would fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, resolveServer, type TestDatabase } from '../support/db.js';
import { EMPTY_TYPES, runCli, scratch } from './cli.js';

const server = await resolveServer();
if (!server) console.warn('skipping catalog hijack tests: no PostgreSQL server');

const trap = (name: string) => `begin raise exception 'hijacked by public.${name}'; end`;

/** Traps for everything the catalog text calls, with the exact or a better-matching signature. */
const TRAPS = `
  create function public.pg_relation_is_updatable(oid, boolean) returns integer language plpgsql as $$${trap('pg_relation_is_updatable')}$$;
  create function public.pg_column_is_updatable(oid, smallint, boolean) returns boolean language plpgsql as $$${trap('pg_column_is_updatable')}$$;
  create function public.format_type(oid, integer) returns text language plpgsql as $$${trap('format_type')}$$;
  create function public.pg_get_expr(pg_node_tree, oid) returns text language plpgsql as $$${trap('pg_get_expr')}$$;
  create function public.pg_get_viewdef(oid, boolean) returns text language plpgsql as $$${trap('pg_get_viewdef')}$$;
  create function public.pg_get_constraintdef(oid, boolean) returns text language plpgsql as $$${trap('pg_get_constraintdef')}$$;
  create function public.pg_get_userbyid(oid) returns name language plpgsql as $$${trap('pg_get_userbyid')}$$;
  create function public.substr(text, integer) returns text language plpgsql as $$${trap('substr')}$$;
  create function public.set_config(text, text, boolean) returns text language plpgsql as $$${trap('set_config')}$$;
  create function public.trap_agg(json, anyelement) returns json language plpgsql as $$${trap('json_agg')}$$;
  create aggregate public.json_agg(anyelement) (sfunc = public.trap_agg, stype = json);
  create function public.trap_eq(oid, oid) returns boolean language plpgsql as $$${trap('=')}$$;
  create operator public.= (leftarg = oid, rightarg = oid, function = public.trap_eq);
  create function public.trap_like(name, text) returns boolean language plpgsql as $$${trap('~~')}$$;
  create operator public.~~ (leftarg = name, rightarg = text, function = public.trap_like);
  create function public.trap_char_eq("char", "char") returns boolean language plpgsql as $$${trap('= on "char"')}$$;
  create operator public.= (leftarg = "char", rightarg = "char", function = public.trap_char_eq);
`;

/** A small schema that makes the catalog text call every function above. */
const SCHEMA = `
  create type public.mood as enum ('happy', 'sad');
  create table public.authors (id bigint primary key, name text not null default 'x', mood public.mood);
  create table public.books (id bigint primary key, author_id bigint references public.authors (id));
  create index books_author on public.books (author_id) where id > 0;
  create view public.author_names as select id, name from public.authors;
  alter table public.authors enable row level security;
  create policy authors_read on public.authors for select using (id > 0);
  create function public.add(a integer, b integer default 1) returns integer language sql set search_path = '' as 'select a + b';
`;

describe.runIf(server)('the catalog read cannot be hijacked', () => {
  let db: TestDatabase;
  const s = scratch('sd-hijack-');
  const types = s.file('types.ts', EMPTY_TYPES);

  beforeAll(async () => {
    db = await createTestDatabase('sd_hijack');
    await db.exec(SCHEMA + TRAPS);
    // The database's owner puts public first: now even same-signature functions in public win.
    await db.exec(`alter database ${JSON.stringify(db.name)} set search_path = public, pg_catalog`);
  });
  afterAll(async () => db?.drop());

  it('the traps are armed: an unqualified call from a plain session runs them', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await expect(client.query('select format_type(23, null)')).rejects.toThrow(/hijacked by public\.format_type/);
      await expect(
        client.query(`select pg_relation_is_updatable(c.oid, false) from pg_class c where relname = 'author_names'`),
      ).rejects.toThrow(/hijacked/);
      await expect(client.query(`select 1 from pg_class c where c.oid = c.oid limit 1`)).rejects.toThrow(
        /hijacked by public\.=/,
      );
    } finally {
      await client.end();
    }
  });

  it('check and inspect against the live database never run them', async () => {
    const check = await runCli(['check', '--db', db.url, '--types', types, '--fail-on', 'warning']);
    expect(check.stderr).not.toMatch(/hijacked/);
    expect(check.code).toBe(1); // the empty types file lacks every table: drift, not trouble
    expect(check.stdout).toMatch(/table_missing_in_types/);
    const inspect = await runCli(['inspect', '--db', db.url, '--schema', 'public']);
    expect(inspect.stderr).toBe('');
    expect(inspect.code).toBe(0);
    const model = JSON.parse(inspect.stdout);
    expect(model.views[0]).toMatchObject({ name: 'author_names', updatable: true });
    expect(
      model.tables
        .find((t: { name: string }) => t.name === 'authors')
        .columns.map((c: { sqlType: string }) => c.sqlType),
    ).toEqual(['bigint', 'text', 'public.mood']);
  });

  it('migrations that plant the traps and move the search path do not hijack the embedded read', async () => {
    const migrations = scratch('sd-hijack-migrations-');
    migrations.file('001_schema.sql', SCHEMA);
    migrations.file(
      '002_traps.sql',
      `${TRAPS}\nselect pg_catalog.set_config('search_path', 'public, pg_catalog', false);\n`,
    );
    const r = await runCli(['inspect', '--migrations', migrations.dir, '--schema', 'public']);
    expect(r.stderr).not.toMatch(/hijacked/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).views[0]).toMatchObject({ name: 'author_names', updatable: true });
  });
});
