/**
 * What counts as a difference between two objects present on both sides, with the tolerances for what older
 * generators wrote. Pairing asks these; drift rules and emitters read the answer from the delta.
 * `left` is the from side (the database), `right` the to side (types.ts).
 */
import type {
  Column,
  CompositeType,
  EnumType,
  FunctionArg,
  FunctionDef,
  FunctionSignature,
  View,
  ViewWrites,
} from '../model/schema.js';
import { arrayOf, sameTsType, type TypeNode, type TypeTolerance } from '../model/tsType.js';
import type { ColumnChange } from './delta.js';

/**
 * Type, nullability and Insert-optionality differences of one column; empty when they agree. `today`: the file
 * was written by postgrest-typegen (see `pair.ts`), so what only older releases wrote is not accepted.
 */
export function columnChanges(left: Column, right: Column, today = false): ColumnChange[] {
  const changes: ColumnChange[] = [];
  // Older generators wrote `unknown` for types they did not map; `unknown` also swallows `| null`.
  // postgres-meta (≤ 0.91) wrote `unknown | null` for a nullable column of a type it could not name, and no release
  // writes it for a NOT NULL one (postgrest-typegen writes plain `unknown` either way): that `| null` is known.
  const known =
    (right.tsType !== 'unknown' && left.tsType !== 'unknown') ||
    (right.tsType === 'unknown' && right.nullable && !left.nullable);
  if (!sameTsType(right.tsType, left.tsType, today ? {} : columnTolerance(left))) changes.push('type');
  else if (known && right.nullable !== left.nullable) changes.push('nullability');
  // Dropping NOT NULL also makes a column optional in Insert: one change, reported once (as nullability).
  const optionalIfRightNullability =
    right.nullable || left.identity != null || left.default != null || Boolean(left.generated);
  const explainedByNullability =
    known && right.nullable !== left.nullable && optionalIfRightNullability === right.insertOptional;
  if (
    right.insertOptional !== undefined &&
    left.insertOptional !== undefined &&
    right.insertOptional !== left.insertOptional &&
    !explainedByNullability
  ) {
    changes.push('optionality');
  }
  // `?: never` decides whether a client may write the column at all (identity ALWAYS ↔ BY DEFAULT). Every release
  // since the first (postgres-meta 0.37, 2022) writes identity ALWAYS as never; postgres-meta (≤ 0.91) wrote a
  // generated column as writable.
  if (
    right.insertNever !== undefined &&
    left.insertNever !== undefined &&
    right.insertNever !== left.insertNever &&
    (right.insertNever || left.identity === 'always')
  ) {
    changes.push('writability');
  }
  return changes;
}

/** SQL types older releases wrote as `unknown`: `interval` (before postgrest-typegen), `vector` (postgres-meta 0.60). */
const LATE_MAPPED = new Set(['interval', 'vector']);

function lateMapped(db: Column): boolean {
  const type = db.baseType ?? db.sqlType?.replace(/\(.*$|\[\]$/g, '') ?? '';
  return LATE_MAPPED.has(type.replace(/^_/, ''));
}

function columnTolerance(db: Column): TypeTolerance {
  if (!lateMapped(db)) return {};
  // Only the scalar: those releases wrote an array of it as `unknown[]`, so a bare `unknown` against an array is a
  // real change (a column made an array).
  return { unknownFor: (d: TypeNode) => d.k === 'leaf' };
}

/** `pg_relation_is_updatable`'s event bits. */
const UPDATE = 4;
const INSERT = 8;
const DELETE = 16;

/**
 * The `Insert`/`Update` a generator writes for a view, one pattern per rule a release follows:
 * - postgres-meta 0.60 to 0.91 (and postgrest-typegen reading older metadata): both when the view is updatable
 *   and deletable by PostgreSQL itself, `(pg_relation_is_updatable(oid, false) & 20) = 20` (information_schema's
 *   `is_updatable`), neither otherwise;
 * - postgrest-typegen: `Insert` when the view accepts INSERT, `Update` when it accepts UPDATE, INSTEAD OF triggers
 *   counted (`pg_relation_is_updatable(oid, true)` bits 8 and 4).
 * A materialized view gets neither from any release.
 */
export function viewWrites(db: View): ViewWrites[] {
  const { auto, withTriggers } = db.updatableEvents ?? { auto: 0, withTriggers: 0 };
  const older = (auto & (UPDATE | DELETE)) === (UPDATE | DELETE);
  return [
    { insert: older, update: older },
    { insert: (withTriggers & INSERT) !== 0, update: (withTriggers & UPDATE) !== 0 },
  ];
}

/**
 * Whether a view's `Insert`/`Update` in types.ts are what some release writes for the database's view; only
 * today's rule when the file shows it was written by postgrest-typegen (`today`, see `pair.ts`).
 */
export function sameViewWrites(left: View, right: View, today = false): boolean {
  if (!right.writes || !left.updatableEvents) return true;
  const rules = viewWrites(left).slice(today ? 1 : 0);
  return rules.some((w) => w.insert === right.writes!.insert && w.update === right.writes!.update);
}

export function viewWritesText(w: ViewWrites): string {
  const parts = [...(w.insert ? ['Insert'] : []), ...(w.update ? ['Update'] : [])];
  return parts.length ? parts.join(' and ') : 'neither Insert nor Update';
}

export function sameLabels(left: EnumType, right: EnumType): boolean {
  return left.labels.length === right.labels.length && left.labels.every((l, i) => l === right.labels[i]);
}

/**
 * Attributes of a composite type: names and types, in any order (order means nothing in a TS object type).
 * Nullability is not compared: PostgreSQL cannot constrain an attribute, and postgres-meta ≤ 0.64 wrote every
 * attribute without `| null`. postgres-meta ≤ 0.64 also wrote `unknown` for an array attribute.
 */
export function sameAttributes(left: CompositeType, right: CompositeType): boolean {
  const db = new Map(left.attributes.map((c) => [c.name, c]));
  return (
    right.attributes.length === db.size &&
    right.attributes.every((c) => {
      const d = db.get(c.name);
      if (d === undefined) return false;
      const late = columnTolerance(d).unknownFor;
      return sameTsType(c.tsType, d.tsType, { unknownFor: (t) => t.k === 'array' || Boolean(late?.(t)) });
    })
  );
}

export function attributesText(c: CompositeType): string {
  return c.attributes.map((a) => `${a.name}: ${typeText(a)}`).join(', ');
}

export function typeText(c: Column): string {
  return `${c.tsType}${c.nullable ? ' | null' : ''}`;
}

/**
 * Whether every overload on one side matches one on the other. `optional`: overloads of the database's that
 * only postgres-meta listed (one unnamed argument of any type), which types.ts may have or not.
 */
export function sameOverloads(left: FunctionDef, right: FunctionDef, optional: FunctionSignature[] = []): boolean {
  const remaining = [...left.overloads];
  const maybe = [...optional];
  for (const o of right.overloads) {
    const i = remaining.findIndex((l) => overloadMatches(o, l));
    if (i >= 0) remaining.splice(i, 1);
    else {
      const j = maybe.findIndex((l) => overloadMatches(o, l));
      if (j < 0) return false;
      maybe.splice(j, 1);
    }
  }
  return remaining.length === 0;
}

/** postgres-meta ≤ 0.64 wrote `Returns: unknown` for a function returning an array or a relation's rows. */
const OLDER_RETURNS: TypeTolerance = { unknownFor: (d) => d.k === 'array' || d.k === 'obj', rowObjects: true };

function overloadMatches(typesSide: FunctionSignature, dbSide: FunctionSignature): boolean {
  if (!sameArgs(typesSide.args, dbSide.args)) return false;
  // An error marker (an overload PostgREST cannot pick) says nothing about the return type.
  if (typesSide.returns.includes('error:true')) return true;
  // SetofOptions.to names the relation whose rows come back (what `.rpc().select()` embeds from): the same columns
  // under another relation's name (a renamed table) are another return type.
  if (typesSide.setofTo !== undefined && dbSide.returnsRow && typesSide.setofTo !== dbSide.returnsRow.name)
    return false;
  // postgres-meta (≤ 0.91) typed a set of rows estimated at ROWS 1 as an array; postgrest-typegen, which writes
  // SetofOptions, as one row: a file with SetofOptions is held to it.
  const olderArray = dbSide.singleRow === true && typesSide.setofOneToOne === undefined;
  const dbReturns = [dbSide.returns, ...(olderArray ? [arrayOf(dbSide.returns)] : [])];
  // Rows of a table: the table's columns are compared (and reported) there, so only their names count here.
  return dbReturns.some(
    (r) =>
      sameTsType(typesSide.returns, r, OLDER_RETURNS) ||
      (dbSide.returnsRow !== undefined && memberNames(typesSide.returns) === memberNames(r)),
  );
}

function sameArgs(typesSide: FunctionArg[], dbSide: FunctionArg[]): boolean {
  if (typesSide.length !== dbSide.length) return false;
  const db = new Map(dbSide.map((a) => [a.name, a]));
  return typesSide.every((a) => {
    const d = db.get(a.name);
    return d !== undefined && d.optional === a.optional && sameTsType(a.tsType, d.tsType);
  });
}

/** `{a:number;b:string|null}[]` → `a;b[]`: an object type's member names and array-ness. */
function memberNames(objectText: string): string {
  return objectText.replace(/:[^;{}]*(?=[;}])/g, '').replace(/[{}]/g, '');
}

export function signatureText(o: FunctionSignature): string {
  const args = [...o.args]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => `${a.name}${a.optional ? '?' : ''}:${a.tsType}`);
  return `(${args.join(',')})=>${o.returns}`;
}
