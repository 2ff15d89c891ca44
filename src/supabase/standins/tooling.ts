/**
 * Operational and testing extensions: what migrations and `supabase test db` files call (hypopg, index_advisor,
 * pg_stat_monitor, pgTAP, pg_tle, plpgsql_check, pg_repack, TimescaleDB, pg_partman), as signatures.
 */
import { emptySetFn, nullFn } from './shapes.js';

export const hypopg = (s: string) =>
  [
    emptySetFn(s, 'hypopg_create_index', 'sql_order text, out indexrelid oid, out indexname text', 'setof record'),
    emptySetFn(
      s,
      'hypopg',
      'out indexname text, out indexrelid oid, out indrelid oid, out innatts integer, out indisunique boolean',
      'setof record',
    ),
    nullFn(s, 'hypopg_drop_index', 'indexid oid', 'boolean', 'volatile'),
    `create function ${s}.hypopg_reset() returns void language sql as '';`,
    nullFn(s, 'hypopg_relation_size', 'indexid oid', 'bigint', 'volatile'),
  ].join('\n');

export const indexAdvisor = (s: string) =>
  emptySetFn(
    s,
    'index_advisor',
    'query text, out startup_cost_before jsonb, out startup_cost_after jsonb, out total_cost_before jsonb, out total_cost_after jsonb, out index_statements text[], out errors text[]',
    'setof record',
  );

export const pgStatMonitor = (s: string) => `
create view ${s}.pg_stat_monitor as select null::bigint as bucket, null::timestamp as bucket_start_time, null::oid as userid,
  null::text as username, null::text as datname, null::text as client_ip, null::bigint as queryid, null::text as query,
  null::bigint as calls, null::double precision as total_exec_time, null::double precision as mean_exec_time, null::bigint as rows
  where false;
create function ${s}.pg_stat_monitor_reset() returns void language sql as '';
${nullFn(s, 'pg_stat_monitor_version', '', 'text')}`;

/** pgTAP's most used assertions; each returns the TAP line it would print. */
export const pgtap = (s: string) =>
  [
    nullFn(s, 'plan', 'integer', 'text', 'volatile'),
    emptySetFn(s, 'no_plan', '', 'setof boolean'),
    emptySetFn(s, 'finish', 'exception_on_failure boolean default null', 'setof text'),
    nullFn(s, 'ok', 'boolean', 'text', 'volatile'),
    nullFn(s, 'ok', 'boolean, text', 'text', 'volatile'),
    nullFn(s, 'pass', 'text default null', 'text', 'volatile'),
    nullFn(s, 'fail', 'text default null', 'text', 'volatile'),
    nullFn(s, 'diag', 'msg text', 'text', 'volatile'),
    nullFn(s, 'is', 'anyelement, anyelement, text default null', 'text', 'volatile'),
    nullFn(s, 'isnt', 'anyelement, anyelement, text default null', 'text', 'volatile'),
    nullFn(s, 'matches', 'anyelement, text, text default null', 'text', 'volatile'),
    nullFn(s, 'has_table', 'name, text default null', 'text', 'volatile'),
    nullFn(s, 'has_table', 'name, name, text', 'text', 'volatile'),
    nullFn(s, 'has_column', 'name, name, text default null', 'text', 'volatile'),
    nullFn(s, 'has_column', 'name, name, name, text', 'text', 'volatile'),
    nullFn(s, 'has_function', 'name, text default null', 'text', 'volatile'),
    nullFn(s, 'has_function', 'name, name, text', 'text', 'volatile'),
    nullFn(s, 'col_is_pk', 'name, name, text default null', 'text', 'volatile'),
    nullFn(s, 'policies_are', 'name, name[], text default null', 'text', 'volatile'),
    nullFn(s, 'policies_are', 'name, name, name[], text default null', 'text', 'volatile'),
    nullFn(s, 'throws_ok', 'text, text default null, text default null', 'text', 'volatile'),
    nullFn(s, 'lives_ok', 'text, text default null', 'text', 'volatile'),
    nullFn(s, 'results_eq', 'text, text, text default null', 'text', 'volatile'),
    nullFn(s, 'set_eq', 'text, text, text default null', 'text', 'volatile'),
    nullFn(s, 'is_empty', 'text, text default null', 'text', 'volatile'),
  ].join('\n');

export const pgTle = () => `
create schema if not exists pgtle;
create function pgtle.install_extension(name text, version text, description text, ext text, requires text[] default null)
  returns boolean language sql as 'select true';
create function pgtle.install_update_path(name text, fromvers text, tovers text, ext text) returns boolean language sql as 'select true';
create function pgtle.uninstall_extension(extname text) returns boolean language sql as 'select true';
create function pgtle.available_extensions(out name name, out default_version text, out comment text) returns setof record
  language plpgsql as 'begin return; end';
create function pgtle.set_default_version(name text, version text) returns boolean language sql as 'select true';`;

export const plpgsqlCheck = (s: string) =>
  [
    emptySetFn(
      s,
      'plpgsql_check_function',
      "funcoid regprocedure, relid regclass default 0, format text default 'text', fatal_errors boolean default true, others_warnings boolean default true, performance_warnings boolean default false, extra_warnings boolean default true",
      'setof text',
    ),
    emptySetFn(
      s,
      'plpgsql_check_function_tb',
      'funcoid regprocedure, relid regclass default 0, out functionid regproc, out lineno integer, out statement text, out sqlstate text, out message text, out detail text, out hint text, out level text, out "position" integer, out query text, out context text',
      'setof record',
    ),
  ].join('\n');

export const pgRepack = () => `
create schema if not exists repack;
create function repack.version() returns text language sql as $fn$select 'pg_repack (stand-in)'$fn$;`;

export const timescaledb = (s: string) =>
  [
    `create schema if not exists _timescaledb_catalog;`,
    `create schema if not exists timescaledb_information;`,
    emptySetFn(
      s,
      'create_hypertable',
      'relation regclass, time_column_name name, partitioning_column name default null, number_partitions integer default null, associated_schema_name name default null, associated_table_prefix name default null, chunk_time_interval anyelement default null::bigint, create_default_indexes boolean default true, if_not_exists boolean default false, out hypertable_id integer, out schema_name name, out table_name name, out created boolean',
      'setof record',
    ),
    nullFn(s, 'time_bucket', 'bucket_width interval, ts timestamptz', 'timestamptz'),
    nullFn(s, 'time_bucket', 'bucket_width interval, ts timestamp', 'timestamp'),
    nullFn(s, 'time_bucket', 'bucket_width interval, ts date', 'date'),
    nullFn(
      s,
      'add_retention_policy',
      'relation regclass, drop_after interval, if_not_exists boolean default false',
      'integer',
      'volatile',
    ),
    nullFn(
      s,
      'add_compression_policy',
      'hypertable regclass, compress_after interval, if_not_exists boolean default false',
      'integer',
      'volatile',
    ),
    nullFn(s, 'remove_retention_policy', 'relation regclass, if_exists boolean default false', 'void', 'volatile'),
  ].join('\n');

export const pgPartman = () => `
create schema if not exists partman;
create table partman.part_config (parent_table text primary key, control text not null, partition_interval text not null,
  partition_type text not null, premake integer not null default 4, retention text, retention_keep_table boolean not null default true,
  automatic_maintenance text not null default 'on');
create function partman.create_parent(p_parent_table text, p_control text, p_interval text, p_type text default 'range',
  p_epoch text default 'none', p_premake integer default 4, p_start_partition text default null,
  p_default_table boolean default true, p_automatic_maintenance text default 'on', p_constraint_cols text[] default null,
  p_template_table text default null, p_jobmon boolean default true, p_date_trunc_interval text default null)
  returns boolean language sql as $fn$
  insert into partman.part_config (parent_table, control, partition_interval, partition_type, premake, automatic_maintenance)
  values (p_parent_table, p_control, p_interval, p_type, p_premake, p_automatic_maintenance) returning true
$fn$;
create function partman.run_maintenance(p_parent_table text default null, p_analyze boolean default false,
  p_jobmon boolean default true) returns void language sql as '';`;
