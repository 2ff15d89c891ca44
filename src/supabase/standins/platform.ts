/**
 * The extensions every Supabase project has (pg_graphql, supabase_vault, pg_net, pgsodium, pgjwt) and pgsql-http:
 * their schemas, tables and signatures. Vault's secrets are stored as given (no encryption); pg_net queues
 * requests that are never sent.
 */
import { nullFn } from './shapes.js';

export const pgGraphql = () => `
create schema if not exists graphql;
create function graphql.resolve(query text, variables jsonb default '{}', "operationName" text default null,
  extensions jsonb default null) returns jsonb language sql as $fn$select '{"data": null}'::jsonb$fn$;
create function graphql.comment_directive(comment_ text) returns jsonb language sql immutable as
  $fn$select case when comment_ like '@graphql(%' then substring(comment_ from 10 for length(comment_) - 10)::jsonb end$fn$;`;

export const supabaseVault = () => `
create schema if not exists vault;
create table vault.secrets (id uuid primary key default gen_random_uuid(), name text, description text not null default '',
  secret text not null, key_id uuid, nonce bytea, created_at timestamptz not null default current_timestamp,
  updated_at timestamptz not null default current_timestamp);
create unique index secrets_name_idx on vault.secrets (name) where name is not null;
create view vault.decrypted_secrets as
  select id, name, description, secret, secret as decrypted_secret, key_id, nonce, created_at, updated_at from vault.secrets;
create function vault.create_secret(new_secret text, new_name text default null, new_description text default '',
  new_key_id uuid default null) returns uuid language sql security definer set search_path = '' as $fn$
  insert into vault.secrets (secret, name, description, key_id) values (new_secret, new_name, new_description, new_key_id)
  returning id
$fn$;
create function vault.update_secret(secret_id uuid, new_secret text default null, new_name text default null,
  new_description text default null, new_key_id uuid default null) returns void language sql security definer
  set search_path = '' as $fn$
  update vault.secrets s set secret = coalesce(new_secret, s.secret), name = coalesce(new_name, s.name),
    description = coalesce(new_description, s.description), key_id = coalesce(new_key_id, s.key_id),
    updated_at = current_timestamp where s.id = secret_id
$fn$;`;

export const pgNet = () => `
create schema if not exists net;
create domain net.http_method as text check (value in ('GET', 'POST', 'DELETE'));
create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');
create type net.http_response as (status_code integer, headers jsonb, body text);
create type net.http_response_result as (status net.request_status, message text, response net.http_response);
create unlogged table net.http_request_queue (id bigserial, method net.http_method not null, url text not null,
  headers jsonb not null, body bytea, timeout_milliseconds integer not null);
create unlogged table net._http_response (id bigint, status_code integer, content_type text, headers jsonb, content text,
  timed_out boolean, error_msg text, created timestamptz not null default now());
create index _http_response_created_idx on net._http_response (created);
create function net.http_get(url text, params jsonb default '{}', headers jsonb default '{}',
  timeout_milliseconds integer default 5000) returns bigint language sql as $fn$
  insert into net.http_request_queue (method, url, headers, timeout_milliseconds)
  values ('GET', url, headers, timeout_milliseconds) returning id
$fn$;
create function net.http_post(url text, body jsonb default '{}', params jsonb default '{}',
  headers jsonb default '{"Content-Type": "application/json"}', timeout_milliseconds integer default 5000)
  returns bigint language sql as $fn$
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('POST', url, headers, convert_to(body::text, 'UTF8'), timeout_milliseconds) returning id
$fn$;
create function net.http_delete(url text, params jsonb default '{}', headers jsonb default '{}',
  timeout_milliseconds integer default 5000) returns bigint language sql as $fn$
  insert into net.http_request_queue (method, url, headers, timeout_milliseconds)
  values ('DELETE', url, headers, timeout_milliseconds) returning id
$fn$;
create function net._http_collect_response(request_id bigint, async boolean default true)
  returns net.http_response_result language sql as
  $fn$select ('PENDING', 'request not sent (stand-in)', null)::net.http_response_result$fn$;
create function net.http_collect_response(request_id bigint, async boolean default true)
  returns net.http_response_result language sql as 'select net._http_collect_response(request_id, async)';`;

export const pgsodium = () => `
create schema if not exists pgsodium;
create schema if not exists pgsodium_masks;
create table pgsodium.key (id uuid primary key default gen_random_uuid(), status text default 'valid',
  created timestamptz not null default current_timestamp, expires timestamptz, key_type text, key_id bigserial,
  key_context bytea default '\\x7067736f6469756d', name text unique, associated_data text default 'associated',
  raw_key bytea, raw_key_nonce bytea, parent_key uuid references pgsodium.key (id), comment text, user_data text);
${nullFn('pgsodium', 'randombytes_buf', 'size integer', 'bytea', 'volatile')}
${nullFn('pgsodium', 'crypto_secretbox_keygen', '', 'bytea', 'volatile')}
${nullFn('pgsodium', 'crypto_aead_det_encrypt', 'message bytea, additional bytea, key_uuid uuid, nonce bytea default null', 'bytea')}
${nullFn('pgsodium', 'crypto_aead_det_decrypt', 'message bytea, additional bytea, key_uuid uuid, nonce bytea default null', 'bytea')}
create function pgsodium.create_key(key_type text default 'aead-det', name text default null) returns uuid language sql as
  'insert into pgsodium.key (key_type, name) values (key_type, name) returning id';`;

export const pgjwt = (s: string) => `
create function ${s}.url_encode(data bytea) returns text language sql immutable as
  $fn$select translate(encode(data, 'base64'), E'+/=\\n', '-_')$fn$;
create function ${s}.url_decode(data text) returns bytea language sql immutable as
  $fn$select decode(translate(data, '-_', '+/') || repeat('=', (4 - length(data) % 4) % 4), 'base64')$fn$;
${nullFn(s, 'algorithm_sign', 'signables text, secret text, algorithm text', 'text')}
${nullFn(s, 'sign', `payload json, secret text, algorithm text default 'HS256'`, 'text')}
create function ${s}.verify(token text, secret text, algorithm text default 'HS256')
  returns table (header json, payload json, valid boolean) language sql immutable as 'select null::json, null::json, false';
${nullFn(s, 'try_cast_double', 'inp text', 'double precision')}`;

export const http = (s: string) => `
create domain ${s}.http_method as varchar;
create type ${s}.http_header as (field varchar, value varchar);
create type ${s}.http_response as (status integer, content_type varchar, headers ${s}.http_header[], content varchar);
create type ${s}.http_request as (method ${s}.http_method, uri varchar, headers ${s}.http_header[], content_type varchar, content varchar);
${nullFn(s, 'http', `request ${s}.http_request`, `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_get', 'uri varchar', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_get', 'uri varchar, data jsonb', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_post', 'uri varchar, content varchar, content_type varchar', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_post', 'uri varchar, data jsonb', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_put', 'uri varchar, content varchar, content_type varchar', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_patch', 'uri varchar, content varchar, content_type varchar', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_delete', 'uri varchar', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_head', 'uri varchar', `${s}.http_response`, 'volatile')}
${nullFn(s, 'http_header', 'field varchar, value varchar', `${s}.http_header`)}
${nullFn(s, 'http_set_curlopt', 'curlopt varchar, value varchar', 'boolean', 'volatile')}
${nullFn(s, 'http_reset_curlopt', '', 'boolean', 'volatile')}
${nullFn(s, 'urlencode', 'string varchar', 'text')}
${nullFn(s, 'urlencode', 'data jsonb', 'text')}`;
