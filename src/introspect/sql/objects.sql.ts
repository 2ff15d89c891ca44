/**
 * Catalog queries for the facts only a database ⇄ database comparison needs (`schema-drift diff`, `audit`):
 * privileges, function bodies and settings, sequences, extensions, publications. They travel in the same single
 * round trip as the rest of the catalog (after its search path is pinned to pg_catalog). Every function is
 * qualified with pg_catalog, so objects a user planted in another schema are never what runs; the schema filter
 * and the JSON wrapping are catalog.sql.ts's (fragments.sql.ts).
 */

import { asJson, USER_SCHEMA } from './fragments.sql.js';

/** A role name for an ACL entry: 0 is PUBLIC. */
const GRANTEE = `case when a.grantee operator(pg_catalog.=) 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end`;

/**
 * Privileges as (object, grantee, privilege) rows. A null ACL means the built-in default, made explicit with
 * acldefault so "never granted" and "granted by default" compare equal. The owner's own privileges are left out:
 * who owns an object differs between a hosted project and a replay, and says nothing about who may use it.
 */
export const GRANTS = asJson(`
  select 'relation' as kind, n.nspname as schema, c.relname as name, null::text as detail,
         ${GRANTEE} as grantee, a.privilege_type as privilege, a.is_grantable as grantable
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
  cross join lateral pg_catalog.aclexplode(coalesce(c.relacl,
    pg_catalog.acldefault(case when c.relkind operator(pg_catalog.=) 'S' then 's'::"char" else 'r'::"char" end, c.relowner))) a
  where c.relkind in ('r', 'p', 'f', 'v', 'm', 'S') and a.grantee operator(pg_catalog.<>) c.relowner and ${USER_SCHEMA}
  union all
  select 'column', n.nspname, c.relname, att.attname, ${GRANTEE}, a.privilege_type, a.is_grantable
  from pg_catalog.pg_attribute att
  join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) att.attrelid
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
  cross join lateral pg_catalog.aclexplode(att.attacl) a
  where att.attacl is not null and not att.attisdropped and a.grantee operator(pg_catalog.<>) c.relowner and ${USER_SCHEMA}
  union all
  select 'function', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), ${GRANTEE},
         a.privilege_type, a.is_grantable
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) p.pronamespace
  cross join lateral pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f'::"char", p.proowner))) a
  where a.grantee operator(pg_catalog.<>) p.proowner and ${USER_SCHEMA}
    and not exists (select from pg_catalog.pg_depend d where d.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                    and d.objid operator(pg_catalog.=) p.oid and d.deptype operator(pg_catalog.=) 'e')
  union all
  select 'schema', n.nspname, n.nspname, null, ${GRANTEE}, a.privilege_type, a.is_grantable
  from pg_catalog.pg_namespace n
  cross join lateral pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n'::"char", n.nspowner))) a
  where a.grantee operator(pg_catalog.<>) n.nspowner and ${USER_SCHEMA}
  order by 1, 2, 3, 4, 5, 6`);

/** What a function does and how it runs, beyond its signature: body, settings, strictness, parallel safety. */
export const FUNCTION_DETAILS = asJson(`
  select n.nspname as schema, p.proname as name, pg_catalog.pg_get_function_identity_arguments(p.oid) as identity_args,
         case when p.prosqlbody is not null then pg_catalog.pg_get_function_sqlbody(p.oid) else p.prosrc end as body,
         p.proisstrict as strict, p.proparallel as parallel, p.proleakproof as leakproof,
         coalesce(p.proconfig, '{}') as config, p.prokind as kind,
         pg_catalog.pg_get_function_result(p.oid) as result, l.lanname as language, p.provolatile as volatility,
         p.prosecdef as security_definer,
         case when p.prokind in ('f', 'p') then pg_catalog.pg_get_functiondef(p.oid) end as definition
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) p.pronamespace
  join pg_catalog.pg_language l on l.oid operator(pg_catalog.=) p.prolang
  where p.prokind in ('f', 'p', 'a', 'w') and ${USER_SCHEMA}
    and not exists (select from pg_catalog.pg_depend d where d.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                    and d.objid operator(pg_catalog.=) p.oid and d.deptype operator(pg_catalog.=) 'e')
  order by 1, 2, 3`);

/** Sequences the user made (identity and serial sequences belong to their column and are compared there). */
export const SEQUENCES = asJson(`
  select n.nspname as schema, c.relname as name, pg_catalog.format_type(s.seqtypid, null) as data_type,
         s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
         s.seqcache::text as cache, s.seqcycle as cycle
  from pg_catalog.pg_sequence s
  join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) s.seqrelid
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
  where ${USER_SCHEMA}
    and not exists (select from pg_catalog.pg_depend d where d.objid operator(pg_catalog.=) c.oid
                    and d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                    and d.deptype in ('a', 'i', 'e'))
  order by 1, 2`);

/** Publications and the tables each carries (Supabase Realtime listens through `supabase_realtime`). */
export const PUBLICATIONS = asJson(`
  select p.pubname as name, p.puballtables as all_tables, p.pubinsert as "insert", p.pubupdate as "update",
         p.pubdelete as "delete", p.pubtruncate as "truncate",
         coalesce((select pg_catalog.json_agg(pg_catalog.json_build_object('schema', t.schemaname, 'name', t.tablename)
                                         order by t.schemaname, t.tablename)
                   from pg_catalog.pg_publication_tables t where t.pubname operator(pg_catalog.=) p.pubname),
                  '[]'::pg_catalog.json) as tables
  from pg_catalog.pg_publication p
  order by 1`);

/** Extensions come from the lints' EXTENSIONS query (catalog.sql.ts), which has the same shape. */
export const OBJECT_QUERIES = { GRANTS, FUNCTION_DETAILS, SEQUENCES, PUBLICATIONS };
