/**
 * Tables TO has and FROM lacks: CREATE TABLE with every column (type, default, identity, generation, NOT NULL) and
 * its primary key, unique, check and exclusion constraints; foreign keys once every new table exists; then its
 * indexes, row level security, policies, triggers and privileges. Tables FROM has and TO lacks: DROP (destructive).
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { Column, Table } from '../../model/schema.js';
import type { Statement } from '../statement.js';
import { dbStatement, type DbEmitContext } from './context.js';
import { createIndex } from './indexes.js';
import { createPolicy } from './policy.js';
import { rlsStatements } from './rls.js';
import { createTrigger } from './trigger.js';

export function tableStatements(d: DbDelta, ctx: DbEmitContext): Statement[] {
  if (d.op === 'removed') {
    const t = d.left as Table;
    return [
      dbStatement('drop', `drop table ${quoteQualified(t.schema, t.name)}`, d, {
        hazards: ['deletes_data', 'takes_access_exclusive_lock'],
        destructive: `TO has no table ${t.schema}.${t.name}`,
      }),
    ];
  }
  if (d.op !== 'added') return [];
  const t = d.right as Table;
  const name = quoteQualified(t.schema, t.name);
  if (t.kind !== 'table' || t.isPartition) {
    return [
      dbStatement('stub', `-- create ${t.kind === 'table' ? 'partition' : `${t.kind} table`} ${name}`, d, {
        notes: ['partitioned, partition and foreign tables are not emitted: write them by hand'],
      }),
    ];
  }
  const out: Statement[] = [];
  const lines = t.columns.map((c) => `  ${columnDefinition(c, t, ctx, d, out)}`);
  for (const k of t.constraints ?? []) lines.push(`  constraint ${quoteIdent(k.name)} ${k.definition}`);
  out.push(dbStatement('table', `create table ${name} (\n${lines.join(',\n')}\n)`, d));
  for (const fk of t.foreignKeys ?? [])
    out.push(
      dbStatement('foreign_key', `alter table ${name} add constraint ${quoteIdent(fk.name)} ${fk.definition}`, d),
    );
  const backing = new Set((t.constraints ?? []).map((k) => k.name));
  for (const i of t.indexes ?? []) if (!backing.has(i.name)) out.push(createIndex(i, d, false));
  if (t.rlsEnabled || t.rlsForced) out.push(...rlsStatements(undefined, t, d));
  for (const p of t.policies ?? []) out.push(createPolicy(t, p, d));
  for (const tr of t.triggers ?? []) out.push(createTrigger(tr, d));
  out.push(...ctx.privilegesOfNew('relation', t.schema, t.name, d));
  return out;
}

/**
 * `"name" type [generated … | default …] [not null]`. A serial column's sequence (owned by the column, so not
 * compared on its own) is created first and handed to the column afterwards; `extra` receives those statements.
 */
export function columnDefinition(c: Column, t: Table, ctx: DbEmitContext, d: DbDelta, extra: Statement[]): string {
  let sql = `${quoteIdent(c.name)} ${c.sqlType}`;
  if (c.generated) sql += ` generated always as (${c.default}) stored`;
  else if (c.identity) sql += ` generated ${c.identity} as identity`;
  else if (c.default != null) {
    const seq = serialSequence(c.default);
    if (seq && !ctx.isSequence(seq.schema, seq.name)) {
      const q = quoteQualified(seq.schema, seq.name);
      extra.push(
        dbStatement('sequence', `create sequence if not exists ${q}`, d, {
          notes: [`the sequence behind ${t.name}.${c.name}`],
        }),
        dbStatement(
          'alter',
          `alter sequence ${q} owned by ${quoteQualified(t.schema, t.name)}.${quoteIdent(c.name)}`,
          d,
        ),
      );
    }
    sql += ` default ${c.default}`;
  }
  if (!c.nullable) sql += ' not null';
  return sql;
}

/** The sequence of a `nextval('schema.name'::regclass)` default, as the server renders a regclass. */
export function serialSequence(expr: string): { schema: string; name: string } | undefined {
  const m = /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(expr.trim());
  if (!m) return undefined;
  const parts = parseQualifiedName(m[1].replace(/''/g, "'"));
  return parts?.length === 2 ? { schema: parts[0], name: parts[1] } : undefined;
}

/** `a.b` or `"A"."b c"` (PostgreSQL's rendering of a qualified name) → its parts; undefined when malformed. */
export function parseQualifiedName(text: string): string[] | undefined {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let part = '';
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += text[i++];
      }
      parts.push(part);
    } else {
      const end = text.indexOf('.', i);
      const part = text.slice(i, end < 0 ? text.length : end);
      if (!part || part.includes('"')) return undefined;
      parts.push(part);
      i += part.length;
    }
    if (i < text.length) {
      if (text[i] !== '.') return undefined;
      i++;
    }
  }
  return parts;
}
