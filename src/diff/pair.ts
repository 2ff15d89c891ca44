/**
 * Pairing: two SchemaModels → deltas. Objects are matched by (schema, name) tuples, columns by name within their
 * relation, foreign keys by (name, columns, referenced table, referenced columns). Objects on one side only become
 * `added`/`removed` deltas carrying the whole object (a missing table's columns are not paired again); objects on
 * both sides become `changed` deltas when `same.ts` finds a difference.
 */
import type { Column, ForeignKey, SchemaModel, Section, Table, View } from '../model/schema.js';
import type { Change, ColumnDelta, Delta, ForeignKeyDelta, Parent } from './delta.js';
import { columnChanges, sameAttributes, sameLabels, sameOverloads } from './same.js';
import { TupleMap, TupleSet } from './tupleMap.js';

type Named = { schema: string; name: string };

/** Pairs `from` (the database, for check and fix) with `to` (types.ts) over the given schemas. */
export function pairModels(from: SchemaModel, to: SchemaModel, schemas: readonly string[]): Delta[] {
  const inScope = new Set(schemas);
  // A section a types file does not have at all (older generators) is not compared: the file says nothing of it.
  const described = (schema: string, section: Section) =>
    [from, to].every((m) => !m.sections || (m.sections[schema] ?? []).includes(section));
  const scoped = <T extends Named>(list: T[], section: Section) => list.filter((x) => inScope.has(x.schema) && described(x.schema, section));

  const out: Delta[] = [];
  const computed = computedFields(from, to);
  for (const c of pairByName(scoped(from.tables, 'Tables'), scoped(to.tables, 'Tables'))) {
    if (c.op !== 'changed') out.push({ kind: 'table', ...c });
    else {
      const parent = { left: c.left, right: c.right };
      out.push(...pairColumns(parent, 'table', computed));
      out.push(...pairForeignKeys(parent));
    }
  }
  for (const c of pairByName(scoped(from.views, 'Views'), scoped(to.views, 'Views'))) {
    if (c.op !== 'changed') out.push({ kind: 'view', ...c });
    else out.push(...pairColumns({ left: c.left, right: c.right }, 'view', computed));
  }
  for (const c of pairByName(scoped(from.enums, 'Enums'), scoped(to.enums, 'Enums'))) {
    if (c.op !== 'changed' || !sameLabels(c.left, c.right)) out.push({ kind: 'enum', ...c });
  }
  for (const c of pairByName(scoped(from.functions, 'Functions'), scoped(to.functions, 'Functions'))) {
    if (c.op !== 'changed' || !sameOverloads(c.left, c.right)) out.push({ kind: 'function', ...c });
  }
  for (const c of pairByName(scoped(from.compositeTypes, 'CompositeTypes'), scoped(to.compositeTypes, 'CompositeTypes'))) {
    if (c.op !== 'changed' || !sameAttributes(c.left, c.right)) out.push({ kind: 'compositeType', ...c });
  }
  return out;
}

/**
 * Matches two lists by key: in `to` order (added, or paired as `changed` for the caller to judge), then what
 * only `from` has (removed).
 */
export function pairBy<T, K extends readonly unknown[]>(from: T[], to: T[], key: (x: T) => K): Change<T>[] {
  const fromByKey = new TupleMap<K, T>(from.map((x) => [key(x), x] as const));
  const seen = new TupleSet<K>();
  const out: Change<T>[] = [];
  for (const right of to) {
    const k = key(right);
    seen.add(k);
    const left = fromByKey.get(k);
    out.push(left ? { op: 'changed', left, right } : { op: 'added', right });
  }
  for (const left of from) if (!seen.has(key(left))) out.push({ op: 'removed', left });
  return out;
}

const pairByName = <T extends Named>(from: T[], to: T[]) => pairBy(from, to, (x) => [x.schema, x.name] as const);

function pairColumns(parent: Parent<Table> | Parent<View>, parentKind: 'table' | 'view', computed: TupleMap<[string, string], Set<string>>): ColumnDelta[] {
  const computedHere = computed.get([parent.left.schema, parent.left.name]);
  const out: ColumnDelta[] = [];
  for (const c of pairBy<Column, [string]>(parent.left.columns, parent.right.columns, (col) => [col.name])) {
    const base = { kind: 'column' as const, parent, parentKind };
    if (c.op === 'changed') {
      const changes = columnChanges(c.left, c.right);
      if (changes.length) out.push({ ...base, ...c, changes });
    } else if (!computedHere?.has((c.left ?? c.right).name)) {
      out.push({ ...base, ...c, changes: [] });
    }
  }
  return out;
}

function pairForeignKeys(parent: Parent<Table>): ForeignKeyDelta[] {
  if (!parent.left.foreignKeys || !parent.right.foreignKeys) return [];
  // The generator lists only foreign keys into the table's own schema.
  const own = (t: Table) => t.foreignKeys!.filter((k) => k.referencedSchema === t.schema);
  const key = (k: ForeignKey) => [k.name, k.columns, k.referencedTable, k.referencedColumns] as const;
  return pairBy(own(parent.left), own(parent.right), key)
    .filter((c) => c.op !== 'changed')
    .map((c) => ({ kind: 'foreignKey', parent, ...c }));
}

/**
 * Functions PostgREST shows as computed columns, by relation: what a database says, plus Row fields with no
 * Insert field that the other side lists as functions (a database lacking the function is one finding, on the
 * function, not one per relation).
 */
function computedFields(...models: SchemaModel[]): TupleMap<[string, string], Set<string>> {
  const out = new TupleMap<[string, string], Set<string>>();
  const functions = new TupleSet<[string, string]>();
  for (const m of models) {
    for (const f of m.functions) {
      functions.add([f.schema, f.name]);
      for (const o of f.overloads) {
        if (o.computedFieldOf) out.upsert([o.computedFieldOf.schema, o.computedFieldOf.name], () => new Set()).add(f.name);
      }
    }
  }
  for (const m of models) {
    for (const t of m.tables) {
      for (const c of t.columns) if (c.computed && functions.has([t.schema, c.name])) out.upsert([t.schema, t.name], () => new Set()).add(c.name);
    }
  }
  return out;
}
