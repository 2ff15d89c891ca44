/**
 * Extensions a Supabase project may create. Each is either real in the target engine (loaded as is), or a
 * shape-only stand-in: the types, tables and function signatures migrations refer to, with bodies that do
 * nothing, so `vector(1536)` columns and `net.http_post(...)` calls apply. A stand-in is announced with a
 * notice; an extension that is neither is an error.
 */
import { quoteIdent, quoteLiteral } from '../../model/quote.js';

/**
 * Lookup tables keyed by extension names that come from migrations: made without a prototype, so that
 * `create extension "constructor"` finds nothing (not Object's constructor) and `name in TABLE` stays honest.
 */
const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, entries);

/** The contrib bundles PGlite ships, by extension name → export name of `@electric-sql/pglite/contrib/*`. */
export const PGLITE_CONTRIB: Record<string, string> = table({
  'uuid-ossp': 'uuid_ossp', pgcrypto: 'pgcrypto', citext: 'citext', hstore: 'hstore', ltree: 'ltree',
  pg_trgm: 'pg_trgm', btree_gin: 'btree_gin', btree_gist: 'btree_gist', cube: 'cube', earthdistance: 'earthdistance',
  fuzzystrmatch: 'fuzzystrmatch', intarray: 'intarray', isn: 'isn', lo: 'lo', seg: 'seg', tablefunc: 'tablefunc',
  unaccent: 'unaccent', moddatetime: 'moddatetime', pg_stat_statements: 'pg_stat_statements', bloom: 'bloom',
  tsm_system_rows: 'tsm_system_rows', tsm_system_time: 'tsm_system_time', dict_int: 'dict_int', amcheck: 'amcheck',
});

/** Always present in PostgreSQL. */
export const BUILT_IN = new Set(['plpgsql']);

/**
 * Stand-in SQL, given the schema the migration asked for (`extensions` when it named none), quoted as an
 * identifier (`s`) and as a literal (`lit`).
 */
export const STAND_INS: Record<string, (s: string, lit: string) => string> = table({
  vector: (s, lit) => `
    do $$ begin
      if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                     where t.typname = 'vector' and n.nspname = ${lit}) then
        create type ${s}.vector;
        create function ${s}.vector_in(cstring) returns ${s}.vector language internal immutable strict as 'textin';
        create function ${s}.vector_out(${s}.vector) returns cstring language internal immutable strict as 'textout';
        create function ${s}.vector_typmod_in(cstring[]) returns integer language internal immutable strict as 'varchartypmodin';
        create function ${s}.vector_typmod_out(integer) returns cstring language internal immutable strict as 'varchartypmodout';
        create type ${s}.vector (input = ${s}.vector_in, output = ${s}.vector_out,
          typmod_in = ${s}.vector_typmod_in, typmod_out = ${s}.vector_typmod_out, internallength = variable, storage = extended);
        create function ${s}.vector_distance(${s}.vector, ${s}.vector) returns double precision language sql immutable as 'select 0::float8';
        create operator ${s}.<-> (leftarg = ${s}.vector, rightarg = ${s}.vector, function = ${s}.vector_distance);
        create operator ${s}.<=> (leftarg = ${s}.vector, rightarg = ${s}.vector, function = ${s}.vector_distance);
        create operator ${s}.<#> (leftarg = ${s}.vector, rightarg = ${s}.vector, function = ${s}.vector_distance);
        create cast (text as ${s}.vector) with inout as implicit;
        create cast (${s}.vector as text) with inout;
        create cast (real[] as ${s}.vector) with inout as assignment;
      end if;
    end $$;`,
  pg_net: () => `
    create schema if not exists net;
    create or replace function net.http_get(url text, params jsonb default '{}', headers jsonb default '{}',
      timeout_milliseconds integer default 5000) returns bigint language sql as 'select 0::bigint';
    create or replace function net.http_post(url text, body jsonb default '{}', params jsonb default '{}',
      headers jsonb default '{"Content-Type": "application/json"}', timeout_milliseconds integer default 5000)
      returns bigint language sql as 'select 0::bigint';
    create or replace function net.http_delete(url text, params jsonb default '{}', headers jsonb default '{}',
      timeout_milliseconds integer default 5000) returns bigint language sql as 'select 0::bigint';`,
  http: (s, lit) => `
    do $$ begin
      if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                     where t.typname = 'http_response' and n.nspname = ${lit}) then
        create type ${s}.http_header as (field varchar, value varchar);
        create type ${s}.http_response as (status integer, content_type varchar, headers ${s}.http_header[], content varchar);
      end if;
    end $$;
    create or replace function ${s}.http_get(uri varchar) returns ${s}.http_response language sql as 'select null::${s}.http_response';
    create or replace function ${s}.http_post(uri varchar, content varchar, content_type varchar) returns ${s}.http_response
      language sql as 'select null::${s}.http_response';`,
  pgjwt: (s) => `
    create or replace function ${s}.sign(payload json, secret text, algorithm text default 'HS256') returns text
      language sql immutable as 'select ''''::text';
    create or replace function ${s}.verify(token text, secret text, algorithm text default 'HS256')
      returns table (header json, payload json, valid boolean) language sql immutable as 'select null::json, null::json, false';`,
  pgsodium: () => `create schema if not exists pgsodium;`,
  supabase_vault: () => `
    create schema if not exists vault;
    create table if not exists vault.secrets (
      id uuid primary key default gen_random_uuid(), name text, description text not null default '',
      secret text not null, key_id uuid, nonce bytea, created_at timestamptz not null default now(),
      updated_at timestamptz not null default now());
    create or replace view vault.decrypted_secrets as select *, secret as decrypted_secret from vault.secrets;
    create or replace function vault.create_secret(new_secret text, new_name text default null,
      new_description text default '', new_key_id uuid default null) returns uuid language sql as
      'insert into vault.secrets (secret, name, description, key_id) values (new_secret, new_name, new_description, new_key_id) returning id';`,
  pg_cron: () => `
    create schema if not exists cron;
    create table if not exists cron.job (jobid bigserial primary key, schedule text not null, command text not null,
      nodename text not null default 'localhost', nodeport integer not null default 5432, database text not null default current_database(),
      username text not null default current_user, active boolean not null default true, jobname text);
    create or replace function cron.schedule(job_name text, schedule text, command text) returns bigint language sql as
      'insert into cron.job (jobname, schedule, command) values (job_name, schedule, command) returning jobid';
    create or replace function cron.schedule(schedule text, command text) returns bigint language sql as
      'insert into cron.job (schedule, command) values (schedule, command) returning jobid';
    create or replace function cron.unschedule(job_name text) returns boolean language sql as
      'with d as (delete from cron.job where jobname = job_name returning 1) select count(*) > 0 from d';`,
  pg_graphql: () => `
    create schema if not exists graphql;
    create or replace function graphql.resolve(query text, variables jsonb default '{}', "operationName" text default null,
      extensions jsonb default null) returns jsonb language sql as 'select ''{}''::jsonb';`,
  pg_jsonschema: (s) => `
    create or replace function ${s}.json_matches_schema(schema json, instance json) returns boolean language sql immutable as 'select true';
    create or replace function ${s}.jsonb_matches_schema(schema json, instance jsonb) returns boolean language sql immutable as 'select true';`,
  // Extensions that only add operational tooling: nothing a migration's schema can refer to.
  pgaudit: () => '',
  plpgsql_check: () => '',
  pg_stat_monitor: () => '',
  index_advisor: () => '',
  hypopg: () => '',
  pg_repack: () => '',
  pg_hashids: () => '',
  pg_tle: () => '',
  wrappers: () => '',
});

export function standInSql(extension: string, schema: string | undefined): string {
  const name = schema ?? 'extensions';
  return `create schema if not exists ${quoteIdent(name)};\n${STAND_INS[extension](quoteIdent(name), quoteLiteral(name))}`;
}
