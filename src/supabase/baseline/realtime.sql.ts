/**
 * realtime: the publication migrations add tables to, Broadcast's messages table (policies on it use
 * realtime.topic()), and Postgres Changes' subscription table, as Realtime's tenant migrations leave them
 * (supabase/realtime at 833cf36, 2026-08). Shape only: the WAL decoding functions are left out.
 */
/** Broadcast from the database: a message row on the topic, set as realtime.topic() for the policies. */
const sendFn = (name: string, type: string, column: string) => `
create function realtime.${name}(payload ${type}, event text, topic text, private boolean default true) returns void
  language plpgsql as $fn$
begin
  perform set_config('realtime.topic', topic, true);
  insert into realtime.messages (${column}, event, topic, private, extension) values (payload, event, topic, private, 'broadcast');
exception when others then
  raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
end
$fn$;`;

export const REALTIME_SQL = `
do $$ begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end $$;

create type realtime.equality_op as enum ('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike');
create type realtime.action as enum ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
create type realtime.user_defined_filter as (column_name text, op realtime.equality_op, value text);
create type realtime.wal_column as (name text, type_name text, type_oid oid, value jsonb, is_pkey boolean, is_selectable boolean);
create type realtime.wal_rls as (wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[]);

create table realtime.schema_migrations (version bigint primary key, inserted_at timestamp(0));
create function realtime.to_regrole(role_name text) returns regrole language sql immutable as 'select role_name::regrole';
create table realtime.subscription (
  id bigint generated always as identity constraint pk_subscription primary key, subscription_id uuid not null,
  entity regclass not null, filters realtime.user_defined_filter[] not null default '{}', claims jsonb not null,
  claims_role regrole not null generated always as (realtime.to_regrole(claims ->> 'role')) stored,
  created_at timestamp not null default timezone('utc', now()),
  action_filter text default '*' check (action_filter in ('*', 'INSERT', 'UPDATE', 'DELETE')),
  selected_columns text[]
);
create table realtime.messages (
  topic text not null, extension text not null, payload jsonb, event text, private boolean default false,
  updated_at timestamp not null default now(), inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(), binary_payload bytea, primary key (id, inserted_at)
) partition by range (inserted_at);
alter table realtime.messages enable row level security;

create function realtime.topic() returns text language sql stable as $fn$
  select nullif(current_setting('realtime.topic', true), '')::text
$fn$;
${sendFn('send', 'jsonb', 'payload')}
${sendFn('send_binary', 'bytea', 'binary_payload')}
create function realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text,
  table_schema text, new record, old record, level text default 'ROW') returns void language plpgsql as $fn$
begin
  perform realtime.send(jsonb_build_object('old_record', case when old is null then null else to_jsonb(old) end,
    'record', case when new is null then null else to_jsonb(new) end, 'operation', operation, 'table', table_name,
    'schema', table_schema), event_name, topic_name);
end
$fn$;
create function realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer)
  returns setof realtime.wal_rls language sql as 'select null::realtime.wal_rls where false';
`;
