/**
 * Catalog queries, one per kind of object, each returning its rows as one JSON array. They are sent together
 * as one multi-statement text, so reading a schema costs one round trip however many tables it has.
 *
 * Every query skips PostgreSQL's own schemas; the caller narrows to the schemas it wants. They read only the
 * catalogs (no information_schema views, which are slow and hide objects the user does not own), and work on
 * PostgreSQL 15 to 18: NOT NULL is read from `attnotnull`, which 18 still keeps beside its `contype = 'n'` rows.
 */

import { OBJECT_QUERIES } from './objects.sql.js';

const USER_SCHEMA = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and n.nspname not like 'pg_temp_%' and n.nspname not like 'pg_toast_temp_%'`;

/**
 * The extension that owns an object, if any. Such objects are kept (Supabase's generator lists them, e.g.
 * PostGIS's spatial_ref_sys), but lints leave them alone: they are the extension's, not the user's.
 */
const OWNING_EXTENSION = (classId: string, oid: string) =>
  `(select e.extname from pg_depend d join pg_extension e on e.oid = d.refobjid
     where d.classid = '${classId}'::regclass and d.objid = ${oid} and d.refclassid = 'pg_extension'::regclass
       and d.deptype = 'e')`;

const asJson = (sql: string) => `select coalesce(json_agg(q), '[]'::json) as rows from (${sql}) q;`;

export const SCHEMAS = asJson(`
  select n.nspname as name from pg_namespace n where ${USER_SCHEMA} order by 1`);

export const RELATIONS = asJson(`
  select n.nspname as schema, c.relname as name, c.relkind as kind, c.oid::int8 as oid,
         c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
         case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition,
         case when c.relkind = 'v' then pg_relation_is_updatable(c.oid, false) else 0 end as updatable_events,
         coalesce((select option_value from pg_options_to_table(c.reloptions)
                   where option_name = 'security_invoker'), 'false') as security_invoker,
         c.relispartition as is_partition,
         ${OWNING_EXTENSION('pg_class', 'c.oid')} as extension
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'f', 'v', 'm') and ${USER_SCHEMA}
  order by 1, 2`);

export const COLUMNS = asJson(`
  select c.oid::int8 as rel, a.attname as name, a.attnum as num,
         format_type(a.atttypid, a.atttypmod) as sql_type,
         t.typname as type_name, tn.nspname as declared_type_schema,
         coalesce(bt.typname, t.typname) as base_type,
         coalesce(bn.nspname, tn.nspname) as type_schema,
         not (a.attnotnull or (t.typtype = 'd' and t.typnotnull)) as nullable,
         case when a.atthasdef then pg_get_expr(ad.adbin, ad.adrelid) end as "default",
         case a.attidentity when 'a' then 'always' when 'd' then 'by default' end as identity,
         a.attgenerated <> '' as generated,
         case when c.relkind in ('v', 'f') then pg_column_is_updatable(c.oid, a.attnum, false) else true end as updatable
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  join pg_namespace tn on tn.oid = t.typnamespace
  left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
  left join pg_namespace bn on bn.oid = bt.typnamespace
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
  where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f', 'v', 'm', 'c')
    and ${USER_SCHEMA}
  order by c.oid, a.attnum`);

export const CONSTRAINTS = asJson(`
  select k.conrelid::int8 as rel, k.conname as name, k.contype as type,
         array(select a.attname from unnest(k.conkey) with ordinality u(num, ord)
               join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.num order by u.ord) as columns,
         fn.nspname as ref_schema, f.relname as ref_table,
         array(select a.attname from unnest(k.confkey) with ordinality u(num, ord)
               join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.num order by u.ord) as ref_columns,
         k.confdeltype as on_delete, k.confupdtype as on_update,
         pg_get_constraintdef(k.oid, true) as definition
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_class f on f.oid = k.confrelid
  left join pg_namespace fn on fn.oid = f.relnamespace
  where k.contype in ('p', 'f', 'u', 'c', 'x') and k.conparentid = 0 and ${USER_SCHEMA}
  order by k.conrelid, k.conname`);

export const INDEXES = asJson(`
  select i.indrelid::int8 as rel, ic.relname as name, pg_get_indexdef(i.indexrelid) as definition,
         i.indisunique as "unique", i.indisprimary as "primary", am.amname as method,
         array(select case when u.num = 0 then null else a.attname end
               from unnest(i.indkey::int2[]) with ordinality u(num, ord)
               left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.num
               where u.ord <= i.indnkeyatts order by u.ord) as columns,
         pg_get_expr(i.indpred, i.indrelid) as predicate
  from pg_index i
  join pg_class ic on ic.oid = i.indexrelid
  join pg_class c on c.oid = i.indrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_am am on am.oid = ic.relam
  where ${USER_SCHEMA}
  order by i.indrelid, ic.relname`);

export const POLICIES = asJson(`
  select p.polrelid::int8 as rel, p.polname as name, p.polcmd as cmd, p.polpermissive as permissive,
         array(select case when r = 0 then 'public' else pg_get_userbyid(r) end from unnest(p.polroles) r order by 1) as roles,
         pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as with_check
  from pg_policy p
  join pg_class c on c.oid = p.polrelid
  join pg_namespace n on n.oid = c.relnamespace
  where ${USER_SCHEMA}
  order by p.polrelid, p.polname`);

export const TRIGGERS = asJson(`
  select t.tgrelid::int8 as rel, t.tgname as name, pg_get_triggerdef(t.oid, true) as definition,
         pn.nspname as function_schema, p.proname as function_name
  from pg_trigger t
  join pg_class c on c.oid = t.tgrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_proc p on p.oid = t.tgfoid
  join pg_namespace pn on pn.oid = p.pronamespace
  where not t.tgisinternal and ${USER_SCHEMA}
  order by t.tgrelid, t.tgname`);

export const TYPES = asJson(`
  select n.nspname as schema, t.typname as name, t.oid::int8 as oid, t.typtype as type,
         case when t.typtype = 'c' then t.typrelid::int8 end as rel,
         c.relkind as rel_kind,
         ${OWNING_EXTENSION('pg_type', 't.oid')} as extension,
         case when t.typtype = 'e' then
           array(select e.enumlabel from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) end as labels
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
  left join pg_class c on c.oid = t.typrelid
  where (t.typtype = 'e' or t.typtype = 'c') and ${USER_SCHEMA}
  order by 1, 2`);

/** Functions with their arguments resolved to type names, in one pass (no query per function). */
export const FUNCTIONS = asJson(`
  select n.nspname as schema, p.proname as name, p.oid::int8 as oid, l.lanname as language,
         p.provolatile as volatility, p.prosecdef as security_definer, p.proretset as returns_set,
         p.prorows::float8 as rows_estimate,
         pg_get_function_identity_arguments(p.oid) as identity_args,
         pg_get_function_result(p.oid) as result,
         rt.typname as return_type, rtn.nspname as return_type_schema, nullif(rt.typrelid, 0)::int8 as return_rel,
         (select substr(s, 13) from unnest(p.proconfig) s where s like 'search_path=%') as search_path,
         p.pronargs as nargs, p.pronargdefaults as ndefaults,
         coalesce((
           select json_agg(json_build_object(
                    'name', coalesce(p.proargnames[u.ord], ''),
                    'mode', coalesce(p.proargmodes[u.ord]::text, 'i'),
                    'type', at.typname, 'type_schema', atn.nspname, 'rel', nullif(at.typrelid, 0)::int8,
                    'sql_type', format_type(u.typ, null)) order by u.ord)
           from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality u(typ, ord)
           join pg_type at on at.oid = u.typ
           join pg_namespace atn on atn.oid = at.typnamespace), '[]'::json) as args,
         pg_get_expr(p.proargdefaults, 0) as arg_defaults,
         ${OWNING_EXTENSION('pg_proc', 'p.oid')} as extension
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_language l on l.oid = p.prolang
  join pg_type rt on rt.oid = p.prorettype
  join pg_namespace rtn on rtn.oid = rt.typnamespace
  where p.prokind = 'f' and ${USER_SCHEMA}
  order by 1, 2, p.oid`);

/** All of the above in one text, in this order. */
export const CATALOG_QUERIES = { SCHEMAS, RELATIONS, COLUMNS, CONSTRAINTS, INDEXES, POLICIES, TRIGGERS, TYPES, FUNCTIONS, ...OBJECT_QUERIES };
export type CatalogKey = keyof typeof CATALOG_QUERIES;
export const CATALOG_ORDER = Object.keys(CATALOG_QUERIES) as CatalogKey[];
export const CATALOG_SQL = CATALOG_ORDER.map((k) => CATALOG_QUERIES[k]).join('\n');
