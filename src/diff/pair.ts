/**
 * Pairing: two SchemaModels → deltas. Objects are matched by (schema, name) tuples, columns by name within their
 * relation, foreign keys by (name, columns, referenced table, referenced columns). Objects on one side only become
 * `added`/`removed` deltas carrying the whole object (a missing table's columns are not paired again); objects on
 * both sides become `changed` deltas when `same.ts` finds a difference.
 */
import type {
  Column,
  CompositeType,
  ForeignKey,
  FunctionDef,
  SchemaModel,
  Section,
  Table,
  View,
} from '../model/schema.js';
import { sameTsType } from '../model/tsType.js';
import type { Change, ColumnDelta, Delta, ForeignKeyDelta, Parent } from './delta.js';
import { columnChanges, sameAttributes, sameLabels, sameOverloads, sameViewWrites } from './same.js';
import { TupleMap, TupleSet } from './tupleMap.js';

type Named = { schema: string; name: string };

/** Pairs `from` (the database, for check and fix) with `to` (types.ts) over the given schemas. */
export function pairModels(from: SchemaModel, to: SchemaModel, schemas: readonly string[]): Delta[] {
  const inScope = new Set(schemas);
  // A section a types file does not have at all (older generators) is not compared: the file says nothing of it.
  const described = (schema: string, section: Section) =>
    [from, to].every((m) => !m.sections || (m.sections[schema] ?? []).includes(section));
  const scoped = <T extends Named>(list: T[], section: Section) =>
    list.filter((x) => inScope.has(x.schema) && described(x.schema, section));

  const out: Delta[] = [];
  const computed = computedFields(from, to);
  const today = writtenByTodaysGenerator(from, to);
  const viewNames = new TupleSet<[string, string]>(from.views.map((v) => [v.schema, v.name] as const));
  for (const c of pairByName(scoped(from.tables, 'Tables'), scoped(to.tables, 'Tables'))) {
    if (c.op !== 'changed') out.push({ kind: 'table', ...c });
    else {
      const parent = { left: c.left, right: c.right };
      out.push(...pairColumns(parent, 'table', computed, today));
      out.push(...pairForeignKeys(parent, viewNames));
    }
  }
  const listsMatviews = listsMaterializedViews(from, to);
  for (const c of pairByName(scoped(from.views, 'Views'), scoped(to.views, 'Views'))) {
    if (c.op === 'removed' && c.left.materialized && !listsMatviews) continue;
    if (c.op !== 'changed') out.push({ kind: 'view', ...c });
    else {
      if (!sameViewWrites(c.left, c.right, today)) out.push({ kind: 'view', ...c });
      out.push(...pairColumns({ left: c.left, right: c.right }, 'view', computed, today));
    }
  }
  for (const c of pairByName(scoped(from.enums, 'Enums'), scoped(to.enums, 'Enums'))) {
    if (c.op !== 'changed' || !sameLabels(c.left, c.right)) out.push({ kind: 'enum', ...c });
  }
  // Functions only postgres-meta listed (one unnamed argument of any type) may be in the file or not.
  const olderListed = new TupleMap<[string, string], FunctionDef>(
    (from.functionsOlderGeneratorsListed ?? []).map((f) => [[f.schema, f.name], f] as const),
  );
  for (const c of pairByName(scoped(from.functions, 'Functions'), scoped(to.functions, 'Functions'))) {
    const older = olderListed.get([(c.left ?? c.right).schema, (c.left ?? c.right).name]);
    if (c.op === 'added' && older) {
      const left = { ...older, overloads: [] };
      if (!sameOverloads(left, c.right, older.overloads))
        out.push({ kind: 'function', op: 'changed', left: older, right: c.right });
    } else if (c.op !== 'changed' || !sameOverloads(c.left, c.right, older?.overloads))
      out.push({ kind: 'function', ...c });
  }
  // A composite type without attributes is in no generated file (the database still has it: `diff` sees it).
  const listed = (types: readonly CompositeType[]) => types.filter((t) => t.attributes.length > 0);
  for (const c of pairByName(
    scoped(listed(from.compositeTypes), 'CompositeTypes'),
    scoped(listed(to.compositeTypes), 'CompositeTypes'),
  )) {
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

function pairColumns(
  parent: Parent<Table> | Parent<View>,
  parentKind: 'table' | 'view',
  computed: ComputedFields,
  today: boolean,
): ColumnDelta[] {
  const computedHere = computed.get([parent.left.schema, parent.left.name]);
  const out: ColumnDelta[] = [];
  for (const c of pairBy<Column, [string]>(parent.left.columns, parent.right.columns, (col) => [col.name])) {
    const base = { kind: 'column' as const, parent, parentKind };
    if (c.op === 'changed') {
      const changes = columnChanges(c.left, c.right, today);
      if (changes.length) out.push({ ...base, ...c, changes });
    } else if (!computedHere?.has((c.left ?? c.right).name)) {
      out.push({ ...base, ...c, changes: [] });
    } else if (c.op === 'added') {
      // A computed field is typed by its function's return type (with `| null` or not, by release). It is
      // compared here when the file's function entry does not say the type (see `computedFields`).
      const returns = computedHere.get(c.right.name);
      if (returns !== undefined && !sameTsType(c.right.tsType, returns)) {
        const left: Column = {
          name: c.right.name,
          tsType: returns,
          nullable: c.right.nullable,
          sqlType: 'computed field',
        };
        out.push({ ...base, op: 'changed', left, right: c.right, changes: ['type'] });
      }
    }
  }
  return out;
}

/**
 * Whether the file lists materialized views at all: postgres-meta 0.60 (2022) wrote none. Evidence is one the
 * file lists, or Relationships (0.60 wrote none either); a file with neither says nothing of them.
 */
function listsMaterializedViews(from: SchemaModel, to: SchemaModel): boolean {
  const matviews = new TupleSet<[string, string]>();
  for (const v of from.views) if (v.materialized) matviews.add([v.schema, v.name]);
  return to.views.some((v) => matviews.has([v.schema, v.name])) || to.tables.some((t) => t.foreignKeys !== undefined);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether types.ts shows what only postgrest-typegen writes: `SetofOptions`, a view with only one of
 * Insert/Update, a generated column as `?: never` in Insert (postgres-meta wrote it writable), or a nullable
 * column of a type it cannot name as plain `unknown` (postgres-meta wrote `unknown | null`). Such a file is held
 * to today's rules where releases differ.
 */
function writtenByTodaysGenerator(from: SchemaModel, to: SchemaModel): boolean {
  if (to.functions.some((f) => f.overloads.some((o) => o.setofOneToOne !== undefined))) return true;
  if (to.views.some((v) => v.writes && v.writes.insert !== v.writes.update)) return true;
  const generated = new TupleSet<[string, string, string]>();
  const nullableUnknown = new TupleSet<[string, string, string]>();
  for (const t of from.tables)
    for (const c of t.columns) {
      if (c.generated && !c.identity) generated.add([t.schema, t.name, c.name]);
      if (c.tsType === 'unknown' && c.nullable) nullableUnknown.add([t.schema, t.name, c.name]);
    }
  return to.tables.some((t) =>
    t.columns.some(
      (c) =>
        (c.insertNever && generated.has([t.schema, t.name, c.name])) ||
        (c.tsType === 'unknown' && !c.nullable && nullableUnknown.has([t.schema, t.name, c.name])),
    ),
  );
}

function pairForeignKeys(parent: Parent<Table>, views: TupleSet<[string, string]>): ForeignKeyDelta[] {
  if (!parent.left.foreignKeys || !parent.right.foreignKeys) return [];
  // The generator lists only foreign keys into the table's own schema.
  const own = (t: Table) => t.foreignKeys!.filter((k) => k.referencedSchema === t.schema);
  const key = (k: ForeignKey) => [k.name, k.columns, k.referencedTable, k.referencedColumns] as const;
  // postgres-meta 0.83 also listed keys into other schemas (`auth.users`) by table name only, and newer
  // releases list a key again through each view of the referenced table: an entry with the name and columns
  // of the database's key into another schema is that key.
  // The entry names the referenced table (0.83) or a view of the table's schema (newer): a table of another name
  // (the referenced one was renamed) is another key.
  const elsewhere = new TupleSet<readonly [string, readonly string[], string]>();
  for (const k of parent.left.foreignKeys!)
    if (k.referencedSchema !== parent.left.schema) elsewhere.add([k.name, k.columns, k.referencedTable]);
  const isElsewhere = (k: ForeignKey) =>
    elsewhere.has([k.name, k.columns, k.referencedTable]) ||
    (views.has([parent.left.schema, k.referencedTable]) &&
      [...parent.left.foreignKeys!].some(
        (d) => d.referencedSchema !== parent.left.schema && d.name === k.name && sameList(d.columns, k.columns),
      ));
  // A key on both sides differs only in isOneToOne (a unique constraint added to or dropped from its columns),
  // which decides whether an embedded select returns one row or an array.
  const cardinalityDiffers = (db: ForeignKey, types: ForeignKey) =>
    db.oneToOne !== undefined && types.oneToOne !== undefined && db.oneToOne !== types.oneToOne;
  // postgres-meta 0.83's entry for a key into another schema names the key's own table: its isOneToOne is the key's.
  const sameKeyElsewhere = (k: ForeignKey) =>
    elsewhere.has([k.name, k.columns, k.referencedTable])
      ? parent.left.foreignKeys!.find(
          (d) =>
            d.referencedSchema !== parent.left.schema && d.name === k.name && d.referencedTable === k.referencedTable,
        )
      : undefined;
  const out: ForeignKeyDelta[] = [];
  for (const c of pairBy(own(parent.left), parent.right.foreignKeys!, key)) {
    if (c.op === 'changed') {
      if (cardinalityDiffers(c.left, c.right)) out.push({ kind: 'foreignKey', parent, ...c });
    } else if (c.op === 'added' && isElsewhere(c.right)) {
      const db = sameKeyElsewhere(c.right);
      if (db && cardinalityDiffers(db, c.right))
        out.push({ kind: 'foreignKey', parent, op: 'changed', left: db, right: c.right });
    } else out.push({ kind: 'foreignKey', parent, ...c });
  }
  return out;
}

/** Computed fields by relation → field name → the return type to compare its Row field with (or undefined). */
type ComputedFields = TupleMap<[string, string], Map<string, string | undefined>>;

/**
 * Functions PostgREST shows as computed columns, by relation: what a database says, plus Row fields with no
 * Insert field that the other side lists as functions (a database lacking the function is one finding, on the
 * function, not one per relation). A field's type is compared with the database function's return type only
 * when types.ts's entry for the function does not state it (postgrest-typegen writes an error marker for an
 * unnamed row argument): a changed return type is one finding, on the function when the file can show it there.
 */
function computedFields(from: SchemaModel, to: SchemaModel): ComputedFields {
  const out: ComputedFields = new TupleMap();
  const functions = new TupleSet<[string, string]>();
  const statedReturns = new TupleSet<[string, string]>();
  for (const f of to.functions) {
    if (f.overloads.some((o) => !o.returns.includes('error:true'))) statedReturns.add([f.schema, f.name]);
  }
  for (const m of [from, to]) {
    for (const f of m.functions) {
      functions.add([f.schema, f.name]);
      for (const o of f.overloads) {
        if (!o.computedFieldOf) continue;
        const fields = out.upsert([o.computedFieldOf.schema, o.computedFieldOf.name], () => new Map());
        const compare = m === from && !statedReturns.has([f.schema, f.name]);
        if (compare || !fields.has(f.name)) fields.set(f.name, compare ? o.returns : fields.get(f.name));
      }
    }
  }
  for (const m of [from, to]) {
    for (const t of m.tables) {
      for (const c of t.columns) {
        if (!c.computed || !functions.has([t.schema, c.name])) continue;
        const fields = out.upsert([t.schema, t.name], () => new Map());
        if (!fields.has(c.name)) fields.set(c.name, undefined);
      }
    }
  }
  return out;
}
