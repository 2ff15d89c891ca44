/**
 * supabase_functions: Database Webhooks. A webhook is a trigger calling supabase_functions.http_request(url,
 * method, headers, params, timeout_ms), which queues the request with pg_net (net.http_get / net.http_post) and
 * records it in hooks. Shape from the Supabase CLI's local setup; the body is the same idea, written here.
 */
export const FUNCTIONS_SQL = `
create table supabase_functions.migrations (version text primary key, inserted_at timestamptz not null default now());
create table supabase_functions.hooks (
  id bigserial primary key, hook_table_id integer not null, hook_name text not null,
  created_at timestamptz not null default now(), request_id bigint
);
create index supabase_functions_hooks_request_id_idx on supabase_functions.hooks (request_id);
create index supabase_functions_hooks_h_table_id_h_name_idx on supabase_functions.hooks (hook_table_id, hook_name);

create function supabase_functions.http_request() returns trigger language plpgsql security definer
  set search_path = supabase_functions as $fn$
declare
  request_id bigint;
  payload jsonb;
  url text := tg_argv[0]::text;
  method text := tg_argv[1]::text;
  headers jsonb := coalesce(tg_argv[2]::jsonb, '{}');
  params jsonb := coalesce(tg_argv[3]::jsonb, '{}');
  timeout_ms integer := coalesce(tg_argv[4]::integer, 1000);
begin
  if url is null or url = 'null' then raise exception 'url argument is missing'; end if;
  if method is null or method = 'null' then raise exception 'method argument is missing'; end if;
  if method = 'GET' then
    select net.http_get(url, params, headers, timeout_ms) into request_id;
  elsif method = 'POST' then
    payload := jsonb_build_object('old_record', case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end,
      'record', case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end, 'type', tg_op, 'table', tg_table_name,
      'schema', tg_table_schema);
    select net.http_post(url, payload, params, headers, timeout_ms) into request_id;
  else
    raise exception 'method argument % is invalid', method;
  end if;
  insert into supabase_functions.hooks (hook_table_id, hook_name, request_id) values (tg_relid, tg_name, request_id);
  return new;
end
$fn$;
`;
