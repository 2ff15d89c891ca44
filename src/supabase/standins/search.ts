/**
 * Search and matching extensions: pgvector (vector, halfvec, sparsevec with their dimensions kept), PGroonga and
 * RUM (operators only: their index methods are skipped with a notice), pg_hashids and pg_jsonschema.
 */
import { nullFn, operator, textType } from './shapes.js';

function vectorType(s: string, name: string): string {
  const t = `${s}.${name}`;
  return [
    textType(s, name, 'numeric'),
    `create cast (real[] as ${t}) with inout as assignment;`,
    `create cast (${t} as real[]) with inout;`,
    operator(s, '<->', t, t, 'double precision', `${name}_l2_distance_op`),
    operator(s, '<=>', t, t, 'double precision', `${name}_cosine_distance_op`),
    operator(s, '<#>', t, t, 'double precision', `${name}_negative_inner_product_op`),
    operator(s, '<+>', t, t, 'double precision', `${name}_l1_distance_op`),
    nullFn(s, 'l2_distance', `${t}, ${t}`, 'double precision'),
    nullFn(s, 'cosine_distance', `${t}, ${t}`, 'double precision'),
    nullFn(s, 'inner_product', `${t}, ${t}`, 'double precision'),
    nullFn(s, 'l1_distance', `${t}, ${t}`, 'double precision'),
    nullFn(s, 'l2_norm', t, 'double precision'),
    nullFn(s, 'l2_normalize', t, t),
  ].join('\n');
}

export const vector = (s: string) =>
  [
    vectorType(s, 'vector'),
    vectorType(s, 'halfvec'),
    vectorType(s, 'sparsevec'),
    nullFn(s, 'vector_dims', `${s}.vector`, 'integer'),
    nullFn(s, 'vector_norm', `${s}.vector`, 'double precision'),
    `create cast (${s}.vector as ${s}.halfvec) with inout as assignment;`,
    `create cast (${s}.halfvec as ${s}.vector) with inout as assignment;`,
  ].join('\n');

export const pgroonga = (s: string) =>
  [
    `create schema if not exists pgroonga;`,
    nullFn(s, 'pgroonga_score', 'tableoid oid, ctid tid', 'double precision', 'volatile'),
    nullFn(s, 'pgroonga_snippet_html', 'target text, keywords text[], width integer default 200', 'text[]'),
    nullFn(s, 'pgroonga_highlight_html', 'target text, keywords text[]', 'text'),
    nullFn(s, 'pgroonga_query_extract_keywords', "query text, index_name text default ''", 'text[]'),
    nullFn(s, 'pgroonga_normalize', 'target text', 'text'),
    operator(s, '&@', 'text', 'text', 'boolean', 'pgroonga_match_text'),
    operator(s, '&@~', 'text', 'text', 'boolean', 'pgroonga_query_text'),
    operator(s, '&@', 'text[]', 'text', 'boolean', 'pgroonga_match_text_array'),
    operator(s, '&@~', 'text[]', 'text', 'boolean', 'pgroonga_query_text_array'),
    operator(s, '&@', 'varchar', 'varchar', 'boolean', 'pgroonga_match_varchar'),
    operator(s, '&@~', 'varchar', 'varchar', 'boolean', 'pgroonga_query_varchar'),
    operator(s, '&@|', 'text', 'text[]', 'boolean', 'pgroonga_match_in_text'),
    operator(s, '&^', 'text', 'text', 'boolean', 'pgroonga_prefix_text'),
    operator(s, '&~', 'text', 'text', 'boolean', 'pgroonga_regexp_text'),
  ].join('\n');

export const pgroongaDatabase = (s: string) => nullFn(s, 'pgroonga_database_remove', '', 'boolean', 'volatile');

export const rum = (s: string) =>
  [
    operator(s, '<=>', 'tsvector', 'tsquery', 'real', 'rum_ts_distance'),
    operator(s, '<=>', 'timestamp', 'timestamp', 'double precision', 'rum_timestamp_distance'),
    operator(s, '<=>', 'timestamptz', 'timestamptz', 'double precision', 'rum_timestamptz_distance'),
    nullFn(s, 'rum_ts_score', 'tsvector, tsquery', 'real'),
  ].join('\n');

export const pgHashids = (s: string) =>
  [
    nullFn(s, 'id_encode', 'bigint', 'text'),
    nullFn(s, 'id_encode', 'bigint, text', 'text'),
    nullFn(s, 'id_encode', 'bigint, text, integer', 'text'),
    nullFn(s, 'id_encode', 'bigint, text, integer, text', 'text'),
    nullFn(s, 'id_encode', 'bigint[]', 'text'),
    nullFn(s, 'id_encode', 'bigint[], text', 'text'),
    nullFn(s, 'id_encode', 'bigint[], text, integer', 'text'),
    nullFn(s, 'id_encode', 'bigint[], text, integer, text', 'text'),
    nullFn(s, 'id_decode', 'text', 'bigint[]'),
    nullFn(s, 'id_decode', 'text, text', 'bigint[]'),
    nullFn(s, 'id_decode', 'text, text, integer', 'bigint[]'),
    nullFn(s, 'id_decode', 'text, text, integer, text', 'bigint[]'),
    nullFn(s, 'id_decode_once', 'text', 'bigint'),
    nullFn(s, 'id_decode_once', 'text, text', 'bigint'),
    nullFn(s, 'id_decode_once', 'text, text, integer', 'bigint'),
    nullFn(s, 'id_decode_once', 'text, text, integer, text', 'bigint'),
  ].join('\n');

export const pgJsonschema = (s: string) => `
create function ${s}.json_matches_schema(schema json, instance json) returns boolean language sql immutable as 'select true';
create function ${s}.jsonb_matches_schema(schema json, instance jsonb) returns boolean language sql immutable as 'select true';
create function ${s}.jsonschema_is_valid(schema json) returns boolean language sql immutable as 'select true';
create function ${s}.jsonschema_validation_errors(schema json, instance json) returns text[] language sql immutable as 'select ''{}''::text[]';`;
