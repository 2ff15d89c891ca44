/**
 * PostgreSQL contrib modules Supabase offers that PGlite does not ship, foreign data wrappers (postgres_fdw and
 * Supabase Wrappers), and procedural languages. A wrapper's handler is file_fdw's (loaded for the purpose): its
 * foreign tables are read-only and reading one fails for want of a file, but catalogs can ask about them. Where
 * file_fdw is missing the handler is the built-in `fdw_handler_in`, which fails whenever it is asked anything.
 */
import { emptySetFn, nullFn } from './shapes.js';

function fdw(s: string, prefix: string, wrapper?: string): string {
  return `
do $fdw$ begin
  if exists (select 1 from pg_available_extensions where name = 'file_fdw') then
    create function ${s}.${prefix}_fdw_handler() returns fdw_handler language c strict as '$libdir/file_fdw', 'file_fdw_handler';
  else
    create function ${s}.${prefix}_fdw_handler() returns fdw_handler language internal strict as 'fdw_handler_in';
  end if;
end $fdw$;
create function ${s}.${prefix}_fdw_validator(options text[], catalog oid) returns void language plpgsql as 'begin end';
${
  wrapper
    ? `create foreign data wrapper ${wrapper} handler ${s}.${prefix}_fdw_handler validator ${s}.${prefix}_fdw_validator;`
    : `create function ${s}.${prefix}_fdw_meta() returns table (name text, version text, author text, website text)
  language plpgsql as 'begin return; end';`
}`;
}

/** The wrappers Supabase Wrappers ships (each is a handler, a validator and a meta function). */
const WRAPPERS = [
  'airtable',
  'auth0',
  'big_query',
  'click_house',
  'cognito',
  'duckdb',
  'firebase',
  'iceberg',
  'logflare',
  'mssql',
  'redis',
  's3',
  'stripe',
  'wasm',
];

export const wrappers = (s: string) => WRAPPERS.map((w) => fdw(s, w)).join('\n');

export const postgresFdw = (s: string) =>
  [
    fdw(s, 'postgres', 'postgres_fdw'),
    nullFn(s, 'postgres_fdw_disconnect', 'text', 'boolean', 'volatile'),
    nullFn(s, 'postgres_fdw_disconnect_all', '', 'boolean', 'volatile'),
    emptySetFn(s, 'postgres_fdw_get_connections', 'out server_name text, out valid boolean', 'setof record'),
  ].join('\n');

export const dblink = (s: string) =>
  [
    nullFn(s, 'dblink_connect', 'text', 'text', 'volatile'),
    nullFn(s, 'dblink_connect', 'text, text', 'text', 'volatile'),
    nullFn(s, 'dblink_disconnect', '', 'text', 'volatile'),
    nullFn(s, 'dblink_disconnect', 'text', 'text', 'volatile'),
    emptySetFn(s, 'dblink', 'text', 'setof record'),
    emptySetFn(s, 'dblink', 'text, text', 'setof record'),
    emptySetFn(s, 'dblink', 'text, text, boolean', 'setof record'),
    nullFn(s, 'dblink_exec', 'text', 'text', 'volatile'),
    nullFn(s, 'dblink_exec', 'text, text', 'text', 'volatile'),
    emptySetFn(s, 'dblink_get_connections', '', 'setof text'),
  ].join('\n');

/** The spi module's trigger functions: they let every row through. */
const passThroughTrigger = (s: string, name: string) =>
  `create function ${s}.${name}() returns trigger language plpgsql as 'begin return coalesce(new, old); end';`;
export const autoinc = (s: string) => passThroughTrigger(s, 'autoinc');
export const insertUsername = (s: string) => passThroughTrigger(s, 'insert_username');
export const refint = (s: string) =>
  [passThroughTrigger(s, 'check_primary_key'), passThroughTrigger(s, 'check_foreign_key')].join('\n');

export const intagg = (s: string) => `
create aggregate ${s}.int_array_aggregate(integer) (sfunc = array_append, stype = integer[], initcond = '{}');
create function ${s}.int_array_enum(integer[]) returns setof integer language sql immutable as 'select unnest($1)';`;

export const xml2 = (s: string) =>
  [
    nullFn(s, 'xpath_string', 'text, text', 'text'),
    nullFn(s, 'xpath_number', 'text, text', 'real'),
    nullFn(s, 'xpath_bool', 'text, text', 'boolean'),
    nullFn(s, 'xpath_nodeset', 'text, text', 'text'),
    nullFn(s, 'xpath_nodeset', 'text, text, text', 'text'),
    nullFn(s, 'xpath_nodeset', 'text, text, text, text', 'text'),
    nullFn(s, 'xpath_list', 'text, text', 'text'),
    nullFn(s, 'xpath_list', 'text, text, text', 'text'),
    emptySetFn(s, 'xpath_table', 'text, text, text, text, text', 'setof record'),
    nullFn(s, 'xslt_process', 'text, text', 'text'),
    nullFn(s, 'xslt_process', 'text, text, text', 'text'),
    nullFn(s, 'xml_valid', 'text', 'boolean'),
    nullFn(s, 'xml_encode_special_chars', 'text', 'text'),
  ].join('\n');

export const sslinfo = (s: string) =>
  [
    nullFn(s, 'ssl_is_used', '', 'boolean', 'stable'),
    nullFn(s, 'ssl_version', '', 'text', 'stable'),
    nullFn(s, 'ssl_cipher', '', 'text', 'stable'),
    nullFn(s, 'ssl_client_cert_present', '', 'boolean', 'stable'),
    nullFn(s, 'ssl_client_dn', '', 'text', 'stable'),
  ].join('\n');

export const pgPrewarm = (s: string) =>
  [
    nullFn(
      s,
      'pg_prewarm',
      `regclass, mode text default 'buffer', fork text default 'main', first_block bigint default null, last_block bigint default null`,
      'bigint',
      'volatile',
    ),
    `create function ${s}.autoprewarm_start_worker() returns void language sql as '';`,
    nullFn(s, 'autoprewarm_dump_now', '', 'bigint', 'volatile'),
  ].join('\n');

export const pgrowlocks = (s: string) =>
  emptySetFn(
    s,
    'pgrowlocks',
    'relname text, out locked_row tid, out locker xid, out multi boolean, out xids xid[], out modes text[], out pids integer[]',
    'setof record',
  );

export const pgstattuple = (s: string) => `
create function ${s}.pgstattuple(reloid regclass, out table_len bigint, out tuple_count bigint, out tuple_len bigint,
  out tuple_percent double precision, out dead_tuple_count bigint, out dead_tuple_len bigint,
  out dead_tuple_percent double precision, out free_space bigint, out free_percent double precision)
  language plpgsql as 'begin end';
create function ${s}.pgstatindex(relname regclass, out version integer, out tree_level integer, out index_size bigint,
  out root_block_no bigint, out internal_pages bigint, out leaf_pages bigint, out empty_pages bigint,
  out deleted_pages bigint, out avg_leaf_density double precision, out leaf_fragmentation double precision)
  language plpgsql as 'begin end';
${nullFn(s, 'pg_relpages', 'relname regclass', 'bigint', 'volatile')}`;

export const oldSnapshot = (s: string) =>
  emptySetFn(
    s,
    'pg_old_snapshot_time_mapping',
    'out array_offset integer, out end_timestamp timestamptz, out newest_xmin xid',
    'setof record',
  );

/**
 * A procedural language (plv8, plcoffee, plls) handled by PL/pgSQL's call handler and without a validator:
 * `create function … language plv8` is accepted with its body unread; calling such a function fails, which a
 * replay never needs (types.ts only sees signatures).
 */
export const language = (name: string) => () => `
do $$ begin
  if not exists (select 1 from pg_language where lanname = '${name}') then
    create trusted language ${name} handler pg_catalog.plpgsql_call_handler;
  end if;
end $$;`;
