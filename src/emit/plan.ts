/**
 * Deltas → the statements of one migration, in dependency order: enum labels (outside the transaction), schemas,
 * types, tables in foreign-key order, columns, constraints, validation, alterations, drops, then stubs. One
 * generator per object kind; a new kind adds one line to GENERATORS.
 */
import type { Delta, DeltaKind, DeltaOf, TableDelta } from '../diff/delta.js';
import { driftFindings } from '../diff/rules/index.js';
import { quoteIdent } from '../model/quote.js';
import type { SchemaModel } from '../model/schema.js';
import { columnStatements } from './column.js';
import { compositeTypeStatements } from './compositeType.js';
import { EmitContext, type EmitOptions } from './context.js';
import { enumStatements } from './enum.js';
import { foreignKeyStatements } from './foreignKey.js';
import { functionStatements, viewStatements } from './routine.js';
import { PHASE_ORDER, statement, type Statement } from './statement.js';
import { dropTable, tableStatements } from './table.js';

type Generator<K extends DeltaKind> = (d: DeltaOf<K>, ctx: EmitContext) => Statement[];

const GENERATORS: { [K in Exclude<DeltaKind, 'table'>]: Generator<K> } = {
  view: viewStatements,
  column: columnStatements,
  foreignKey: foreignKeyStatements,
  enum: enumStatements,
  function: functionStatements,
  compositeType: compositeTypeStatements,
};

export interface Plan {
  statements: Statement[];
  /** Keys of the findings the executed statements fix (what the proof checks are gone). */
  fixes: Set<string>;
}

/**
 * `db` is the from side (the database), `types` the to side; `existingSchemas` are those the database has (a
 * schema types.ts names that the database lacks is created first).
 */
export function planFix(
  deltas: readonly Delta[],
  db: SchemaModel,
  types: SchemaModel,
  existingSchemas: ReadonlySet<string>,
  options: EmitOptions = {},
): Plan {
  const ctx = new EmitContext(db, types, options);
  const statements: Statement[] = [];
  const newTables = deltas.filter((d): d is TableDelta & { op: 'added' } => d.kind === 'table' && d.op === 'added');
  statements.push(...tableStatements(newTables, ctx));
  for (const d of deltas) {
    if (d.kind === 'table') {
      if (d.op === 'removed') statements.push(dropTable(d));
    } else {
      statements.push(...(GENERATORS[d.kind] as Generator<DeltaKind>)(d as never, ctx));
    }
  }
  const schemas = new Set(deltas.filter((d) => d.op === 'added').map((d) => objectSchema(d)));
  for (const s of [...schemas].filter((s) => !existingSchemas.has(s)).sort()) {
    statements.push(statement('schema', `create schema if not exists ${quoteIdent(s)}`));
  }
  const ordered = PHASE_ORDER.flatMap((p) => statements.filter((s) => s.phase === p));
  return { statements: ordered, fixes: fixedKeys(ordered, options.allowDestructive ?? false) };
}

function objectSchema(d: Delta): string {
  if (d.kind === 'column' || d.kind === 'foreignKey') return d.parent.right.schema;
  return (d.right ?? d.left)!.schema;
}

/** Whether a statement runs (is not commented out). */
export function executes(s: Statement, allowDestructive: boolean): boolean {
  return s.phase !== 'stub' && (!s.destructive || allowDestructive);
}

/** A delta counts as fixed when every statement for it runs. */
function fixedKeys(statements: Statement[], allowDestructive: boolean): Set<string> {
  const byDelta = new Map<Delta, Statement[]>();
  for (const s of statements) if (s.delta) byDelta.set(s.delta, [...(byDelta.get(s.delta) ?? []), s]);
  const out = new Set<string>();
  for (const [delta, list] of byDelta) {
    if (list.every((s) => executes(s, allowDestructive))) for (const f of driftFindings([delta])) out.add(f.key);
  }
  return out;
}
