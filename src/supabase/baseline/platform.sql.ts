/**
 * The small platform schemas: supabase_migrations (the CLI's migration history), pgbouncer (the pooler's auth
 * lookup) and graphql_public (the API's GraphQL entry point, calling pg_graphql's graphql.resolve).
 */
export const PLATFORM_SQL = `
create schema if not exists supabase_migrations;
create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text,
  created_by text, idempotency_key text unique, rollback text[]);
create table supabase_migrations.seed_files (path text primary key, hash text not null);

create schema if not exists pgbouncer;
create function pgbouncer.get_auth(p_usename text) returns table (username text, password text)
  language plpgsql security definer as $fn$
begin
  return query select rolname::text, rolpassword::text from pg_catalog.pg_authid where rolname = p_usename;
end
$fn$;

create function graphql_public.graphql("operationName" text default null, query text default null,
  variables jsonb default null, extensions jsonb default null) returns jsonb language sql as $fn$
  select graphql.resolve(query => query, variables => coalesce(variables, '{}'), "operationName" => "operationName",
    extensions => extensions)
$fn$;
`;
