/**
 * Idempotence for statements PostgreSQL has no IF NOT EXISTS for: a DO block that checks pg_catalog first.
 * Names reach the check as literals and the statement as quoted identifiers (both through quote.ts).
 */
import { dollarQuote, quoteLiteral } from '../model/quote.js';

/** Runs `sql` only when the type (enum, composite) `schema.name` does not exist. */
export function ifNoType(schema: string, name: string, sql: string): string {
  const exists = `select 1 from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace where n.nspname = ${quoteLiteral(schema)} and t.typname = ${quoteLiteral(name)}`;
  return doUnless(exists, sql);
}

/** Runs `sql` only when the table `schema.table` has no constraint named `name`. */
export function ifNoConstraint(schema: string, table: string, name: string, sql: string): string {
  const exists = `select 1 from pg_catalog.pg_constraint c join pg_catalog.pg_class r on r.oid = c.conrelid join pg_catalog.pg_namespace n on n.oid = r.relnamespace where n.nspname = ${quoteLiteral(schema)} and r.relname = ${quoteLiteral(table)} and c.conname = ${quoteLiteral(name)}`;
  return doUnless(exists, sql);
}

/**
 * Runs `sql` only when the table has no primary key or unique constraint on exactly `columns` (in table order, as
 * Supabase's generator compares them for isOneToOne), whatever its name.
 */
export function ifNoUniqueKey(schema: string, table: string, columns: readonly string[], sql: string): string {
  const keyColumns = `array(select a.attname::text from pg_catalog.pg_attribute a where a.attrelid = c.conrelid and a.attnum = any (c.conkey) order by a.attnum)`;
  const wanted = `array[${columns.map(quoteLiteral).join(', ')}]::text[]`;
  const exists = `select 1 from pg_catalog.pg_constraint c join pg_catalog.pg_class r on r.oid = c.conrelid join pg_catalog.pg_namespace n on n.oid = r.relnamespace where n.nspname = ${quoteLiteral(schema)} and r.relname = ${quoteLiteral(table)} and c.contype in ('p', 'u') and ${keyColumns} = ${wanted}`;
  return doUnless(exists, sql);
}

function doUnless(exists: string, sql: string): string {
  return `do ${dollarQuote(`\nbegin\n  if not exists (${exists}) then\n    ${sql};\n  end if;\nend\n`)}`;
}
