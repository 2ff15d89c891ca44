/**
 * The audit's migration lint: what the statements of a branch's new migration files do, read from PostgreSQL's
 * own parse tree (libpg-query), never from the text. Rules that depend on whether a table existed before the
 * branch are given the base revision's tables.
 */
import { makeFinding, type Finding, type FindingInput } from '../../findings/finding.js';
import type { Statement } from '../../introspect/migrations.js';
import { TupleSet } from '../../diff/tupleMap.js';

export interface MigrationFileStatements {
  /** The path shown in findings (relative to the repository). */
  file: string;
  statements: Statement[];
}

export interface MigrationLintContext {
  /** Tables that exist at the base revision, as [schema, name]. */
  baseTables: TupleSet<[string, string]>;
  /** Schemas the API exposes (a new table there needs RLS). */
  apiSchemas: ReadonlySet<string>;
  /** A column's SQL type at the base revision and at the head (for drop + add of the same type: a rename?). */
  columnType(side: 'base' | 'head', schema: string, table: string, column: string): string | undefined;
}

type Node = Record<string, any>;
type RangeVar = { schemaname?: string; relname: string };

const tableOf = (r: RangeVar): [string, string] => [r.schemaname ?? 'public', r.relname];

export function lintMigrations(files: MigrationFileStatements[], ctx: MigrationLintContext): Finding[] {
  const out: FindingInput[] = [];
  const created = new TupleSet<[string, string]>();
  const withRls = new TupleSet<[string, string]>();
  const newTables: Array<{ table: [string, string]; at: { file: string; line: number } }> = [];
  // Per table, what the branch drops and adds, to spot a rename done as drop + add.
  const dropped = new Map<string, Array<{ column: string; at: { file: string; line: number } }>>();
  const added = new Map<string, Array<{ column: string; at: { file: string; line: number } }>>();
  const existed = (t: [string, string]) => ctx.baseTables.has(t) && !created.has(t);

  for (const { file, statements } of files) {
    for (const stmt of statements) {
      const at = { file, line: stmt.line };
      const n = stmt.node as Node;
      const push = (f: Omit<FindingInput, 'location'>) => out.push({ ...f, location: at });
      if (n.CreateStmt) {
        const t = tableOf(n.CreateStmt.relation);
        created.add(t);
        if (ctx.apiSchemas.has(t[0])) newTables.push({ table: t, at });
      } else if (n.IndexStmt && !n.IndexStmt.concurrent) {
        const t = tableOf(n.IndexStmt.relation);
        if (existed(t)) {
          push({
            code: 'index_not_concurrent',
            schema: t[0],
            object: t[1],
            keyMember: n.IndexStmt.idxname ?? '',
            message: `CREATE INDEX ${n.IndexStmt.idxname ?? ''} on ${t[0]}.${t[1]}, which exists before this branch, without CONCURRENTLY: writes to it wait until the index is built`,
          });
        }
      } else if (n.DropStmt?.removeType === 'OBJECT_TABLE') {
        for (const obj of n.DropStmt.objects as Node[]) {
          const names = (obj.List?.items ?? []).map((i: Node) => i.String?.sval as string);
          const t: [string, string] = names.length > 1 ? [names[0], names[1]] : ['public', names[0]];
          push({
            code: 'drop_table',
            schema: t[0],
            object: t[1],
            message: `DROP TABLE ${t[0]}.${t[1]}: its data is deleted`,
          });
        }
      } else if (n.AlterTableStmt && n.AlterTableStmt.objtype === 'OBJECT_TABLE') {
        const t = tableOf(n.AlterTableStmt.relation);
        const key = JSON.stringify(t);
        for (const c of n.AlterTableStmt.cmds as Node[]) {
          const cmd = c.AlterTableCmd;
          if (!cmd) continue;
          if (cmd.subtype === 'AT_EnableRowSecurity') withRls.add(t);
          else if (cmd.subtype === 'AT_AddColumn') {
            const def = cmd.def.ColumnDef;
            const constraints = (def.constraints ?? []).map((k: Node) => k.Constraint?.contype);
            const notNull = constraints.includes('CONSTR_NOTNULL') || constraints.includes('CONSTR_PRIMARY');
            const hasDefault =
              constraints.includes('CONSTR_DEFAULT') ||
              constraints.includes('CONSTR_IDENTITY') ||
              constraints.includes('CONSTR_GENERATED');
            if (existed(t) && notNull && !hasDefault) {
              push({
                code: 'add_column_not_null_without_default',
                schema: t[0],
                object: t[1],
                column: def.colname,
                message: `ADD COLUMN ${def.colname} NOT NULL without a default on ${t[0]}.${t[1]}, which exists before this branch: it fails once the table has a row`,
              });
            }
            added.set(key, [...(added.get(key) ?? []), { column: def.colname, at }]);
          } else if (cmd.subtype === 'AT_DropColumn') {
            push({
              code: 'drop_column',
              schema: t[0],
              object: t[1],
              column: cmd.name,
              message: `DROP COLUMN ${cmd.name} on ${t[0]}.${t[1]}: its data is deleted`,
            });
            dropped.set(key, [...(dropped.get(key) ?? []), { column: cmd.name, at }]);
          } else if (cmd.subtype === 'AT_AlterColumnType') {
            push({
              code: 'column_type_change',
              schema: t[0],
              object: t[1],
              column: cmd.name,
              message: `ALTER COLUMN ${cmd.name} TYPE on ${t[0]}.${t[1]}: rewrites the table under an exclusive lock`,
            });
          }
        }
      }
    }
  }
  for (const { table, at } of newTables) {
    if (!withRls.has(table)) {
      out.push({
        code: 'new_table_without_rls',
        schema: table[0],
        object: table[1],
        location: at,
        message: `table ${table[0]}.${table[1]} is created in an API schema and RLS is never enabled on it in this branch`,
      });
    }
  }
  for (const [key, drops] of dropped) {
    const [schema, object] = JSON.parse(key) as [string, string];
    const adds = added.get(key) ?? [];
    for (const d of drops) {
      // The dropped column's type is the base revision's, the added one's the head's: the same type is a candidate.
      const was = ctx.columnType('base', schema, object, d.column);
      const candidate = adds.find(
        (a) => a.column !== d.column && was !== undefined && ctx.columnType('head', schema, object, a.column) === was,
      );
      if (candidate) {
        out.push({
          code: 'possible_rename',
          schema,
          object,
          column: d.column,
          location: candidate.at,
          message: `${schema}.${object}: ${d.column} is dropped and ${candidate.column} added in the same branch; if this is a rename, use ALTER TABLE … RENAME COLUMN (the data is kept)`,
        });
      }
    }
  }
  return out.map(makeFinding);
}
