/**
 * The extensions a Supabase project may create, as data: each loads for real where the engine has it (PGlite's
 * contrib bundles; whatever a --shadow-db server lists in pg_available_extensions), and otherwise gets a
 * shape-only stand-in: the schemas, types (with their modifiers), tables, operators and function signatures that
 * migrations refer to, with bodies that do little or nothing. A stand-in is announced with a notice; an
 * extension that is neither is an error. Index methods a stand-in cannot provide (hnsw, ivfflat, pgroonga, rum,
 * GiST on geometry) are skipped with a notice by the replay.
 *
 * List as offered by Supabase's PostgreSQL 15 image (supabase/postgres, 2024-10, plus pgmq and pg_partman
 * added later).
 */
import { quoteIdent, quoteLiteral } from '../model/quote.js';
import * as contrib from './standins/contrib.js';
import * as platform from './standins/platform.js';
import * as gis from './standins/postgis.js';
import * as queues from './standins/queues.js';
import * as search from './standins/search.js';
import * as tooling from './standins/tooling.js';

/** Stand-in SQL given the target schema, quoted as an identifier. Fixed-schema extensions ignore it. */
type StandIn = (schema: string) => string;

export interface SupabaseExtension {
  name: string;
  /** Where Supabase's dashboard installs it. */
  schema: string;
  /** Export name of `@electric-sql/pglite/contrib/*` when PGlite ships it. */
  pglite?: string;
  standIn?: StandIn;
  /**
   * A function, type or table the stand-in creates, in `schema` (or in `fixedSchema`): when it is there, the
   * stand-in has been applied (by the baseline or an earlier migration) and is not applied again.
   */
  marker?: string;
  /** Schema the extension always uses, whatever the migration asks for. */
  fixedSchema?: string;
  /** Extensions it needs; their stand-ins are applied first. */
  requires?: string[];
  /** Engine libraries the stand-in borrows from (PGlite loads their bundles). */
  loads?: string[];
}

/** Extensions that only add settings, hooks or background workers: nothing a schema can refer to. */
const NOTHING: StandIn = () => '';

export const SUPABASE_EXTENSIONS: SupabaseExtension[] = [
  // PostgreSQL contrib.
  {
    name: 'address_standardizer',
    schema: 'extensions',
    standIn: gis.addressStandardizer,
    marker: 'standardize_address',
  },
  {
    name: 'address_standardizer_data_us',
    schema: 'extensions',
    standIn: gis.addressStandardizerDataUs,
    marker: 'us_lex',
    requires: ['address_standardizer'],
  },
  { name: 'amcheck', schema: 'extensions', pglite: 'amcheck' },
  { name: 'autoinc', schema: 'extensions', standIn: contrib.autoinc, marker: 'autoinc' },
  { name: 'bloom', schema: 'extensions', pglite: 'bloom' },
  { name: 'btree_gin', schema: 'extensions', pglite: 'btree_gin' },
  { name: 'btree_gist', schema: 'extensions', pglite: 'btree_gist' },
  { name: 'citext', schema: 'extensions', pglite: 'citext' },
  { name: 'cube', schema: 'extensions', pglite: 'cube' },
  { name: 'dblink', schema: 'extensions', standIn: contrib.dblink, marker: 'dblink_connect' },
  { name: 'dict_int', schema: 'extensions', pglite: 'dict_int' },
  { name: 'dict_xsyn', schema: 'extensions', pglite: 'dict_xsyn' },
  { name: 'earthdistance', schema: 'extensions', pglite: 'earthdistance', requires: ['cube'] },
  { name: 'fuzzystrmatch', schema: 'extensions', pglite: 'fuzzystrmatch' },
  { name: 'hstore', schema: 'extensions', pglite: 'hstore' },
  { name: 'insert_username', schema: 'extensions', standIn: contrib.insertUsername, marker: 'insert_username' },
  { name: 'intagg', schema: 'extensions', standIn: contrib.intagg, marker: 'int_array_enum' },
  { name: 'intarray', schema: 'extensions', pglite: 'intarray' },
  { name: 'isn', schema: 'extensions', pglite: 'isn' },
  { name: 'lo', schema: 'extensions', pglite: 'lo' },
  { name: 'ltree', schema: 'extensions', pglite: 'ltree' },
  { name: 'moddatetime', schema: 'extensions', pglite: 'moddatetime' },
  { name: 'old_snapshot', schema: 'extensions', standIn: contrib.oldSnapshot, marker: 'pg_old_snapshot_time_mapping' },
  { name: 'pageinspect', schema: 'extensions', pglite: 'pageinspect' },
  { name: 'pg_buffercache', schema: 'extensions', pglite: 'pg_buffercache' },
  { name: 'pg_freespacemap', schema: 'extensions', pglite: 'pg_freespacemap' },
  { name: 'pg_prewarm', schema: 'extensions', standIn: contrib.pgPrewarm, marker: 'pg_prewarm' },
  { name: 'pg_stat_statements', schema: 'extensions', pglite: 'pg_stat_statements' },
  { name: 'pg_surgery', schema: 'extensions', pglite: 'pg_surgery' },
  { name: 'pg_trgm', schema: 'extensions', pglite: 'pg_trgm' },
  { name: 'pg_visibility', schema: 'extensions', pglite: 'pg_visibility' },
  { name: 'pg_walinspect', schema: 'extensions', pglite: 'pg_walinspect' },
  { name: 'pgcrypto', schema: 'extensions', pglite: 'pgcrypto' },
  { name: 'pgrowlocks', schema: 'extensions', standIn: contrib.pgrowlocks, marker: 'pgrowlocks' },
  { name: 'pgstattuple', schema: 'extensions', standIn: contrib.pgstattuple, marker: 'pgstattuple' },
  {
    name: 'postgres_fdw',
    schema: 'extensions',
    standIn: contrib.postgresFdw,
    marker: 'postgres_fdw_handler',
    loads: ['file_fdw'],
  },
  { name: 'refint', schema: 'extensions', standIn: contrib.refint, marker: 'check_primary_key' },
  { name: 'seg', schema: 'extensions', pglite: 'seg' },
  { name: 'sslinfo', schema: 'extensions', standIn: contrib.sslinfo, marker: 'ssl_is_used' },
  { name: 'tablefunc', schema: 'extensions', pglite: 'tablefunc' },
  { name: 'tcn', schema: 'extensions', pglite: 'tcn' },
  { name: 'tsm_system_rows', schema: 'extensions', pglite: 'tsm_system_rows' },
  { name: 'tsm_system_time', schema: 'extensions', pglite: 'tsm_system_time' },
  { name: 'unaccent', schema: 'extensions', pglite: 'unaccent' },
  { name: 'uuid-ossp', schema: 'extensions', pglite: 'uuid_ossp' },
  { name: 'xml2', schema: 'extensions', standIn: contrib.xml2, marker: 'xpath_string' },
  // Supabase's own and third-party extensions.
  { name: 'http', schema: 'extensions', standIn: platform.http, marker: 'http_response' },
  { name: 'hypopg', schema: 'extensions', standIn: tooling.hypopg, marker: 'hypopg_create_index' },
  {
    name: 'index_advisor',
    schema: 'extensions',
    standIn: tooling.indexAdvisor,
    marker: 'index_advisor',
    requires: ['hypopg'],
  },
  { name: 'pg_cron', schema: 'pg_catalog', standIn: queues.pgCron, fixedSchema: 'cron', marker: 'schedule' },
  { name: 'pg_graphql', schema: 'graphql', standIn: platform.pgGraphql, fixedSchema: 'graphql', marker: 'resolve' },
  { name: 'pg_hashids', schema: 'extensions', standIn: search.pgHashids, marker: 'id_encode' },
  { name: 'pg_jsonschema', schema: 'extensions', standIn: search.pgJsonschema, marker: 'json_matches_schema' },
  { name: 'pg_net', schema: 'extensions', standIn: platform.pgNet, fixedSchema: 'net', marker: 'http_post' },
  {
    name: 'pg_partman',
    schema: 'partman',
    standIn: tooling.pgPartman,
    fixedSchema: 'partman',
    marker: 'create_parent',
  },
  { name: 'pg_repack', schema: 'extensions', standIn: tooling.pgRepack, fixedSchema: 'repack', marker: 'version' },
  { name: 'pg_stat_monitor', schema: 'extensions', standIn: tooling.pgStatMonitor, marker: 'pg_stat_monitor_reset' },
  { name: 'pg_tle', schema: 'pgtle', standIn: tooling.pgTle, fixedSchema: 'pgtle', marker: 'install_extension' },
  { name: 'pgaudit', schema: 'extensions', standIn: NOTHING },
  { name: 'pgjwt', schema: 'extensions', standIn: platform.pgjwt, marker: 'url_encode', requires: ['pgcrypto'] },
  { name: 'pgmq', schema: 'pgmq', standIn: queues.pgmq, fixedSchema: 'pgmq', marker: 'send' },
  { name: 'pgroonga', schema: 'extensions', standIn: search.pgroonga, marker: 'pgroonga_score' },
  {
    name: 'pgroonga_database',
    schema: 'extensions',
    standIn: search.pgroongaDatabase,
    marker: 'pgroonga_database_remove',
    requires: ['pgroonga'],
  },
  { name: 'pgrouting', schema: 'extensions', standIn: gis.pgrouting, marker: 'pgr_dijkstra', requires: ['postgis'] },
  { name: 'pgsodium', schema: 'pgsodium', standIn: platform.pgsodium, fixedSchema: 'pgsodium', marker: 'create_key' },
  { name: 'pgtap', schema: 'extensions', standIn: tooling.pgtap, marker: 'throws_ok' },
  { name: 'plcoffee', schema: 'pg_catalog', standIn: contrib.language('plcoffee') },
  { name: 'plls', schema: 'pg_catalog', standIn: contrib.language('plls') },
  { name: 'plpgsql_check', schema: 'extensions', standIn: tooling.plpgsqlCheck, marker: 'plpgsql_check_function' },
  { name: 'plv8', schema: 'pg_catalog', standIn: contrib.language('plv8') },
  { name: 'postgis', schema: 'extensions', standIn: gis.postgis, marker: 'geometry' },
  { name: 'postgis_raster', schema: 'extensions', standIn: gis.postgisRaster, marker: 'raster', requires: ['postgis'] },
  { name: 'postgis_sfcgal', schema: 'extensions', standIn: NOTHING, requires: ['postgis'] },
  {
    name: 'postgis_tiger_geocoder',
    schema: 'extensions',
    standIn: gis.postgisTigerGeocoder,
    fixedSchema: 'tiger',
    marker: 'geocode',
    requires: ['postgis', 'fuzzystrmatch'],
  },
  {
    name: 'postgis_topology',
    schema: 'topology',
    standIn: gis.postgisTopology,
    fixedSchema: 'topology',
    marker: 'topogeometry',
    requires: ['postgis'],
  },
  { name: 'rum', schema: 'extensions', standIn: search.rum, marker: 'rum_ts_score' },
  {
    name: 'supabase_vault',
    schema: 'vault',
    standIn: platform.supabaseVault,
    fixedSchema: 'vault',
    marker: 'create_secret',
  },
  { name: 'timescaledb', schema: 'extensions', standIn: tooling.timescaledb, marker: 'create_hypertable' },
  { name: 'vector', schema: 'extensions', standIn: search.vector, marker: 'vector' },
  {
    name: 'wrappers',
    schema: 'extensions',
    standIn: contrib.wrappers,
    marker: 'stripe_fdw_handler',
    loads: ['file_fdw'],
  },
];

const BY_NAME = new Map(SUPABASE_EXTENSIONS.map((e) => [e.name, e]));

/**
 * Lookup tables keyed by extension names that come from migrations: made without a prototype, so that
 * `create extension "constructor"` finds nothing (not Object's constructor) and `name in TABLE` stays honest.
 */
const table = <T>(entries: Record<string, T>): Record<string, T> =>
  Object.assign(Object.create(null) as Record<string, T>, entries);

export function supabaseExtension(name: string): SupabaseExtension | undefined {
  return BY_NAME.get(name);
}

/** The contrib bundles PGlite ships, by extension name → export name of `@electric-sql/pglite/contrib/*`. */
export const PGLITE_CONTRIB: Record<string, string> = table({
  ...Object.fromEntries(SUPABASE_EXTENSIONS.filter((e) => e.pglite).map((e) => [e.name, e.pglite!])),
  // Not offered by Supabase: its handler serves the foreign data wrapper stand-ins.
  file_fdw: 'file_fdw',
});

/** Always present in PostgreSQL. */
export const BUILT_IN = new Set(['plpgsql']);

/** Extensions with a stand-in, by name. */
export const STAND_INS: Record<string, StandIn> = table(
  Object.fromEntries(SUPABASE_EXTENSIONS.filter((e) => e.standIn).map((e) => [e.name, e.standIn!])),
);

/**
 * The SQL that stands in for `extension` created in `schema` (`extensions` when the migration named none), and
 * for the extensions it requires that the engine lacks. Applied at most once per schema: the body runs only when
 * the extension's marker object is not there yet.
 */
export function standInSql(
  extension: string,
  schema: string | undefined,
  has: (name: string) => boolean = () => false,
): string {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string, wanted: string | undefined) => {
    if (seen.has(name)) return;
    seen.add(name);
    const ext = BY_NAME.get(name);
    if (!ext) return;
    for (const dep of ext.requires ?? []) {
      if (has(dep))
        out.push(
          `create extension if not exists ${quoteIdent(dep)} with schema ${quoteIdent(wanted ?? 'extensions')};`,
        );
      else add(dep, wanted);
    }
    if (!ext.standIn) return;
    const target = ext.fixedSchema ?? wanted ?? 'extensions';
    const body = ext.standIn(quoteIdent(target));
    if (!body.trim()) return;
    const create = `create schema if not exists ${quoteIdent(target)};\n${body}`;
    if (!ext.marker) {
      out.push(create);
      return;
    }
    const lit = quoteLiteral(target);
    const marker = quoteLiteral(ext.marker);
    out.push(`do $standin$ begin
  if not exists (select 1 from pg_namespace n where n.nspname = ${lit} and (
      exists (select 1 from pg_proc p where p.pronamespace = n.oid and p.proname = ${marker})
      or exists (select 1 from pg_type t where t.typnamespace = n.oid and t.typname = ${marker}))) then
    execute ${quoteLiteral(create)};
  end if;
end $standin$;`);
  };
  add(extension, schema);
  return out.join('\n');
}
