/**
 * Catalog queries, one per kind of object, each returning its rows as one JSON array. They are sent together
 * as one multi-statement text, so reading a schema costs one round trip however many tables it has.
 *
 * Every query skips PostgreSQL's own schemas; the caller narrows to the schemas it wants. They read only the
 * catalogs (no information_schema views, which are slow and hide objects the user does not own), and work on
 * PostgreSQL 15 to 18: NOT NULL is read from `attnotnull`, which 18 still keeps beside its `contype = 'n'` rows.
 *
 * The database being read is untrusted: anyone with CREATE on a schema in the search path can define a function
 * or operator that matches a call here better than the built-in one (`public.pg_relation_is_updatable(oid,
 * boolean)` beats `pg_catalog.pg_relation_is_updatable(regclass, boolean)` for an `oid` argument) and it would run
 * as the checking user. So the text first pins the search path to `pg_catalog, pg_temp` for its own transaction
 * (pg_temp last: it is never searched for functions or operators, and this session creates no temporary
 * objects), and every function, catalog table, type and regclass literal is also written with `pg_catalog.`.
 * Operators stay unqualified: with that path, operator lookup sees only pg_catalog, where nobody but a superuser
 * can add one, and every operand here is a catalog column of a built-in type (oid, name, "char", int2, text).
 */

import { asJson, NOT_PG_CATALOG, USER_SCHEMA } from './fragments.sql.js';
import { OBJECT_QUERIES } from './objects.sql.js';

/**
 * The extension that owns an object, if any. Such objects are kept (Supabase's generator lists them, e.g.
 * PostGIS's spatial_ref_sys), but lints leave them alone: they are the extension's, not the user's.
 */
const OWNING_EXTENSION = (classId: string, oid: string) =>
  `(select e.extname from pg_catalog.pg_depend d join pg_catalog.pg_extension e on e.oid = d.refobjid
     where d.classid = 'pg_catalog.${classId}'::pg_catalog.regclass and d.objid = ${oid} and d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
       and d.deptype = 'e')`;

/**
 * One catalog row by oid, for a join from a per-row list (an unnest). Written as a lateral subquery the planner
 * may not flatten (`offset 0`), so it stays one index lookup per element: flattened, the planner hashed the whole
 * of pg_type once per function (measured: 23 of the 29 ms of FUNCTIONS on the embedded database).
 */
const BY_OID = (catalog: string, oid: string) =>
  `(select x.* from pg_catalog.${catalog} x where x.oid = ${oid} offset 0)`;

/** A column of a relation by number, the same way (else every column of the relation is read and hashed). */
const ATTRIBUTE = (rel: string, num: string) =>
  `(select x.attname from pg_catalog.pg_attribute x where x.attrelid = ${rel} and x.attnum = ${num} offset 0)`;

export const SCHEMAS = asJson(`
  select n.nspname as name from pg_catalog.pg_namespace n where ${USER_SCHEMA} order by 1`);

export const RELATIONS = asJson(`
  select n.nspname as schema, c.relname as name, c.relkind as kind, c.oid::pg_catalog.int8 as oid,
         c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
         case when c.relkind in ('v', 'm') then pg_catalog.pg_get_viewdef(c.oid, true) end as definition,
         case when c.relkind = 'v' then pg_catalog.pg_relation_is_updatable(c.oid, false) else 0 end as updatable_events,
         case when c.relkind = 'v' then pg_catalog.pg_relation_is_updatable(c.oid, true) else 0 end as updatable_events_with_triggers,
         coalesce((select option_value from pg_catalog.pg_options_to_table(c.reloptions)
                   where option_name = 'security_invoker'), 'false') as security_invoker,
         c.relispartition as is_partition,
         ${OWNING_EXTENSION('pg_class', 'c.oid')} as extension,
         case when c.relkind in ('v', 'm') then
           array(select distinct d.refobjid::pg_catalog.int8 from pg_catalog.pg_rewrite rw
                 join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass and d.objid = rw.oid
                 where rw.ev_class = c.oid and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                   and d.refobjid <> c.oid) end as depends_on
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'f', 'v', 'm') and ${USER_SCHEMA}
  order by 1, 2`);

export const COLUMNS = asJson(`
  select c.oid::pg_catalog.int8 as rel, a.attname as name, a.attnum as num,
         pg_catalog.format_type(a.atttypid, a.atttypmod) as sql_type,
         t.typname as type_name, tn.nspname as declared_type_schema,
         coalesce(bt.typname, t.typname) as base_type,
         coalesce(bn.nspname, tn.nspname) as type_schema,
         not (a.attnotnull or (t.typtype = 'd' and t.typnotnull)) as nullable,
         case when a.atthasdef then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as "default",
         case a.attidentity when 'a' then 'always' when 'd' then 'by default' end as identity,
         a.attgenerated <> '' as generated,
         case when c.relkind in ('v', 'f') then pg_catalog.pg_column_is_updatable(c.oid, a.attnum, false) else true end as updatable
  from pg_catalog.pg_attribute a
  join pg_catalog.pg_class c on c.oid = a.attrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_type t on t.oid = a.atttypid
  join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
  left join pg_catalog.pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
  left join pg_catalog.pg_namespace bn on bn.oid = bt.typnamespace
  left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
  where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f', 'v', 'm', 'c')
    and ${USER_SCHEMA}
  order by c.oid, a.attnum`);

export const CONSTRAINTS = asJson(`
  select k.conrelid::pg_catalog.int8 as rel, k.conname as name, k.contype as type,
         array(select a.attname from pg_catalog.unnest(k.conkey) with ordinality u(num, ord)
               cross join lateral ${ATTRIBUTE('k.conrelid', 'u.num')} a order by u.ord) as columns,
         fn.nspname as ref_schema, f.relname as ref_table,
         array(select a.attname from pg_catalog.unnest(k.confkey) with ordinality u(num, ord)
               cross join lateral ${ATTRIBUTE('k.confrelid', 'u.num')} a order by u.ord) as ref_columns,
         k.confdeltype as on_delete, k.confupdtype as on_update,
         pg_catalog.pg_get_constraintdef(k.oid, true) as definition
  from pg_catalog.pg_constraint k
  join pg_catalog.pg_class c on c.oid = k.conrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.pg_class f on f.oid = k.confrelid
  left join pg_catalog.pg_namespace fn on fn.oid = f.relnamespace
  where k.contype in ('p', 'f', 'u', 'c', 'x') and k.conparentid = 0 and ${USER_SCHEMA}
  order by k.conrelid, k.conname`);

export const INDEXES = asJson(`
  select i.indrelid::pg_catalog.int8 as rel, ic.relname as name, pg_catalog.pg_get_indexdef(i.indexrelid) as definition,
         i.indisunique as "unique", i.indisprimary as "primary", am.amname as method,
         array(select case when u.num = 0 then null else a.attname end
               from pg_catalog.unnest(i.indkey::pg_catalog.int2[]) with ordinality u(num, ord)
               left join lateral ${ATTRIBUTE('i.indrelid', 'u.num')} a on true
               where u.ord <= i.indnkeyatts order by u.ord) as columns,
         pg_catalog.pg_get_expr(i.indpred, i.indrelid) as predicate
  from pg_catalog.pg_index i
  join pg_catalog.pg_class ic on ic.oid = i.indexrelid
  join pg_catalog.pg_class c on c.oid = i.indrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_am am on am.oid = ic.relam
  where ${USER_SCHEMA}
  order by i.indrelid, ic.relname`);

export const POLICIES = asJson(`
  select p.polrelid::pg_catalog.int8 as rel, p.polname as name, p.polcmd as cmd, p.polpermissive as permissive,
         array(select case when r = 0 then 'public' else pg_catalog.pg_get_userbyid(r) end from pg_catalog.unnest(p.polroles) r order by 1) as roles,
         pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using, pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check
  from pg_catalog.pg_policy p
  join pg_catalog.pg_class c on c.oid = p.polrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where ${USER_SCHEMA}
  order by p.polrelid, p.polname`);

export const TRIGGERS = asJson(`
  select t.tgrelid::pg_catalog.int8 as rel, t.tgname as name, pg_catalog.pg_get_triggerdef(t.oid, true) as definition,
         pn.nspname as function_schema, p.proname as function_name
  from pg_catalog.pg_trigger t
  join pg_catalog.pg_class c on c.oid = t.tgrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_proc p on p.oid = t.tgfoid
  join pg_catalog.pg_namespace pn on pn.oid = p.pronamespace
  where not t.tgisinternal and ${USER_SCHEMA}
  order by t.tgrelid, t.tgname`);

export const TYPES = asJson(`
  select n.nspname as schema, t.typname as name, t.oid::pg_catalog.int8 as oid, t.typtype as type,
         case when t.typtype = 'c' then t.typrelid::pg_catalog.int8 end as rel,
         c.relkind as rel_kind,
         ${OWNING_EXTENSION('pg_type', 't.oid')} as extension,
         case when t.typtype = 'e' then
           array(select e.enumlabel from pg_catalog.pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) end as labels
  from pg_catalog.pg_type t
  join pg_catalog.pg_namespace n on n.oid = t.typnamespace
  left join pg_catalog.pg_class c on c.oid = t.typrelid
  where (t.typtype = 'e' or t.typtype = 'c') and ${USER_SCHEMA}
  order by 1, 2`);

/** Functions with their arguments resolved to type names, in one pass (no query per function). */
export const FUNCTIONS = asJson(`
  select n.nspname as schema, p.proname as name, p.oid::pg_catalog.int8 as oid, l.lanname as language,
         p.provolatile as volatility, p.prosecdef as security_definer, p.proretset as returns_set,
         p.prorows::pg_catalog.float8 as rows_estimate,
         pg_catalog.pg_get_function_identity_arguments(p.oid) as identity_args,
         pg_catalog.pg_get_function_result(p.oid) as result,
         rt.typname as return_type, rtn.nspname as return_type_schema, nullif(rt.typrelid, 0)::pg_catalog.int8 as return_rel,
         (select pg_catalog.substr(s, 13) from pg_catalog.unnest(p.proconfig) s where s like 'search_path=%') as search_path,
         p.pronargs as nargs, p.pronargdefaults as ndefaults,
         coalesce((
           select pg_catalog.json_agg(pg_catalog.json_build_object(
                    'name', coalesce(p.proargnames[u.ord], ''),
                    'mode', coalesce(p.proargmodes[u.ord]::pg_catalog.text, 'i'),
                    'type', at.typname, 'type_schema', atn.nspname, 'rel', nullif(at.typrelid, 0)::pg_catalog.int8,
                    'sql_type', pg_catalog.format_type(u.typ, null)) order by u.ord)
           from pg_catalog.unnest(coalesce(p.proallargtypes, p.proargtypes::pg_catalog.oid[])) with ordinality u(typ, ord)
           cross join lateral ${BY_OID('pg_type', 'u.typ')} at
           join pg_catalog.pg_namespace atn on atn.oid = at.typnamespace), '[]'::pg_catalog.json) as args,
         pg_catalog.pg_get_expr(p.proargdefaults, 0) as arg_defaults,
         ${OWNING_EXTENSION('pg_proc', 'p.oid')} as extension
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  cross join lateral ${BY_OID('pg_language', 'p.prolang')} l
  cross join lateral ${BY_OID('pg_type', 'p.prorettype')} rt
  cross join lateral ${BY_OID('pg_namespace', 'rt.typnamespace')} rtn
  where p.prokind = 'f' and ${USER_SCHEMA}
    and ${NOT_PG_CATALOG('p.pronamespace')}
  order by 1, 2, p.oid`);

// Facts only the lints need (src/lint/), read in the same text: no extra round trip.

export const EXTENSIONS = asJson(`
  select e.extname as name, n.nspname as schema, e.extversion as version
  from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace
  order by 1`);

/**
 * Whether the Data API's roles may read each relation. Roles are looked up by oid, so a database without
 * them (plain PostgreSQL) gives null instead of an error.
 */
export const API_ACCESS = asJson(`
  select c.oid::int8 as rel,
         case when not exists (select 1 from pg_catalog.pg_roles r where r.rolname in ('anon', 'authenticated'))
              then null
              else exists (select 1 from pg_catalog.pg_roles r
                           where r.rolname in ('anon', 'authenticated')
                             and pg_catalog.has_table_privilege(r.oid, c.oid, 'SELECT')) end as api_readable
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'f', 'v', 'm') and ${USER_SCHEMA}
  order by 1`);

export const RLS_BYPASS_ROLES = asJson(`
  select r.rolname as name from pg_catalog.pg_roles r where r.rolsuper or r.rolbypassrls order by 1`);

/**
 * Pins the search path until the end of the transaction the text runs in (the read-only one on a server, the
 * implicit one of a multi-statement text in PGlite), keeping the path it had. Its result comes first and is not a
 * catalog result.
 */
export const PIN_SEARCH_PATH = `select pg_catalog.set_config('schema_drift.search_path', pg_catalog.current_setting('search_path'), true)
  || pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true) as rows;`;

/**
 * Puts the kept path back, last. The pin ends with its transaction, except where the text runs inside one a
 * migration left open (BEGIN without COMMIT): more migrations replayed onto that session must not run with it.
 */
export const UNPIN_SEARCH_PATH = `select pg_catalog.set_config('search_path', pg_catalog.current_setting('schema_drift.search_path'), true) as rows;`;

/** All of the above in one text, in this order. */
export const CATALOG_QUERIES = {
  SCHEMAS,
  RELATIONS,
  COLUMNS,
  CONSTRAINTS,
  INDEXES,
  POLICIES,
  TRIGGERS,
  TYPES,
  FUNCTIONS,
  EXTENSIONS,
  API_ACCESS,
  RLS_BYPASS_ROLES,
  ...OBJECT_QUERIES,
};
export type CatalogKey = keyof typeof CATALOG_QUERIES;
export const CATALOG_ORDER = Object.keys(CATALOG_QUERIES) as CatalogKey[];
/** The pin, each query, the unpin: results[i + 1] is CATALOG_ORDER[i]'s. */
export const CATALOG_SQL = [PIN_SEARCH_PATH, ...CATALOG_ORDER.map((k) => CATALOG_QUERIES[k]), UNPIN_SEARCH_PATH].join(
  '\n',
);
