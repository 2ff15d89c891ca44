/**
 * PostGIS and its companions, shape only: geometry/geography/box types accepting PostGIS's modifiers
 * (`geometry(Point,4326)`), the ST_ functions and operators migrations use in defaults, checks, views and
 * policies, and spatial_ref_sys. No GiST operator class: a GiST index on a stand-in type is skipped with a notice.
 */
import { emptySetFn, nullFn, operator, textType } from './shapes.js';

export function postgis(s: string): string {
  const g = `${s}.geometry`;
  const gg = `${s}.geography`;
  return [
    textType(s, 'geometry', 'any'),
    textType(s, 'geography', 'any'),
    textType(s, 'box2d'),
    textType(s, 'box3d'),
    `create cast (${g} as ${gg}) with inout as implicit;`,
    `create cast (${gg} as ${g}) with inout;`,
    `create cast (bytea as ${g}) with inout;`,
    `create table ${s}.spatial_ref_sys (srid integer primary key check (srid > 0 and srid <= 998999),
      auth_name varchar(256), auth_srid integer, srtext varchar(2048), proj4text varchar(2048));`,
    nullFn(s, 'postgis_version', '', 'text'),
    nullFn(s, 'st_geomfromtext', 'text, integer default 0', g),
    nullFn(s, 'st_geomfromgeojson', 'text', g),
    nullFn(s, 'st_geogfromtext', 'text', gg),
    nullFn(s, 'st_makepoint', 'double precision, double precision', g),
    nullFn(s, 'st_point', 'double precision, double precision', g),
    nullFn(s, 'st_point', 'double precision, double precision, srid integer', g),
    nullFn(
      s,
      'st_makeenvelope',
      'double precision, double precision, double precision, double precision, integer default 0',
      g,
    ),
    nullFn(s, 'st_setsrid', `${g}, integer`, g),
    nullFn(s, 'st_setsrid', `${gg}, integer`, gg),
    nullFn(s, 'st_srid', g, 'integer'),
    nullFn(s, 'st_transform', `${g}, integer`, g),
    nullFn(s, 'st_x', g, 'double precision'),
    nullFn(s, 'st_y', g, 'double precision'),
    nullFn(s, 'st_astext', g, 'text'),
    nullFn(s, 'st_astext', gg, 'text'),
    nullFn(s, 'st_asgeojson', `${g}, integer default 9, integer default 8`, 'text'),
    nullFn(s, 'st_asgeojson', `${gg}, integer default 9, integer default 0`, 'text'),
    nullFn(s, 'st_distance', `${g}, ${g}`, 'double precision'),
    nullFn(s, 'st_distance', `${gg}, ${gg}, use_spheroid boolean default true`, 'double precision'),
    nullFn(s, 'st_dwithin', `${g}, ${g}, double precision`, 'boolean'),
    nullFn(s, 'st_dwithin', `${gg}, ${gg}, double precision, use_spheroid boolean default true`, 'boolean'),
    nullFn(s, 'st_intersects', `${g}, ${g}`, 'boolean'),
    nullFn(s, 'st_intersects', `${gg}, ${gg}`, 'boolean'),
    nullFn(s, 'st_contains', `${g}, ${g}`, 'boolean'),
    nullFn(s, 'st_within', `${g}, ${g}`, 'boolean'),
    nullFn(s, 'st_area', g, 'double precision'),
    nullFn(s, 'st_area', `${gg}, use_spheroid boolean default true`, 'double precision'),
    nullFn(s, 'st_length', g, 'double precision'),
    nullFn(s, 'st_buffer', `${g}, double precision`, g),
    nullFn(s, 'st_centroid', g, g),
    nullFn(s, 'st_isvalid', g, 'boolean'),
    nullFn(s, 'geometrytype', g, 'text'),
    operator(s, '&&', g, g, 'boolean', 'geometry_overlaps'),
    operator(s, '&&', gg, gg, 'boolean', 'geography_overlaps'),
    operator(s, '~', g, g, 'boolean', 'geometry_contains'),
    operator(s, '@', g, g, 'boolean', 'geometry_within'),
    operator(s, '~=', g, g, 'boolean', 'geometry_same'),
    operator(s, '=', g, g, 'boolean', 'geometry_eq'),
    operator(s, '<->', g, g, 'double precision', 'geometry_distance_centroid'),
    operator(s, '<->', gg, gg, 'double precision', 'geography_distance_knn'),
  ].join('\n');
}

export const postgisRaster = (s: string) =>
  [textType(s, 'raster'), nullFn(s, 'st_value', `${s}.raster, integer, integer, integer`, 'double precision')].join(
    '\n',
  );

export const postgisTopology = () => `
create schema if not exists topology;
create table topology.topology (id serial primary key, name varchar not null unique, srid integer not null,
  precision double precision not null, hasz boolean not null default false);
create table topology.layer (topology_id integer not null references topology.topology (id), layer_id integer not null,
  schema_name varchar not null, table_name varchar not null, feature_column varchar not null, feature_type integer not null,
  level integer not null default 0, child_id integer, primary key (topology_id, layer_id));
create type topology.topogeometry as (topology_id integer, layer_id integer, id integer, type integer);`;

export const postgisTigerGeocoder = () => `
create schema if not exists tiger;
create schema if not exists tiger_data;
create function tiger.geocode(address text, max_results integer default 10, out rating integer, out geomout text)
  returns setof record language plpgsql as 'begin return; end';`;

export const addressStandardizer = (s: string) => `
create type ${s}.stdaddr as (building text, house_num text, predir text, qual text, pretype text, name text,
  suftype text, sufdir text, ruralroute text, extra text, city text, state text, country text, postcode text,
  box text, unit text);
${nullFn(s, 'standardize_address', 'lextab text, gaztab text, rultab text, address text', `${s}.stdaddr`)}
create function ${s}.parse_address(text, out num text, out street text, out street2 text, out address1 text, out city text,
  out state text, out zip text, out zipplus text, out country text) returns record language plpgsql immutable as 'begin end';`;

export const addressStandardizerDataUs = (s: string) =>
  ['us_lex', 'us_gaz', 'us_rules']
    .map((t) =>
      t === 'us_rules'
        ? `create table ${s}.${t} (id serial primary key, rule text, is_custom boolean not null default true);`
        : `create table ${s}.${t} (id serial primary key, seq integer, word text, stdword text, token integer, is_custom boolean not null default true);`,
    )
    .join('\n');

export const pgrouting = (s: string) =>
  [
    nullFn(s, 'pgr_version', '', 'text'),
    emptySetFn(
      s,
      'pgr_dijkstra',
      'text, bigint, bigint, directed boolean default true, out seq integer, out path_seq integer, out node bigint, out edge bigint, out cost double precision, out agg_cost double precision',
      'setof record',
    ),
    emptySetFn(
      s,
      'pgr_astar',
      'text, bigint, bigint, directed boolean default true, heuristic integer default 5, factor double precision default 1, epsilon double precision default 1, out seq integer, out path_seq integer, out node bigint, out edge bigint, out cost double precision, out agg_cost double precision',
      'setof record',
    ),
    nullFn(
      s,
      'pgr_createtopology',
      "text, double precision, the_geom text default 'the_geom', id text default 'id'",
      'text',
      'volatile',
    ),
  ].join('\n');
