/**
 * What counts as a difference between two objects present on both sides, with the tolerances for what older
 * generators wrote. Pairing asks these; drift rules and emitters read the answer from the delta.
 * `left` is the from side (the database), `right` the to side (types.ts).
 */
import type { Column, CompositeType, EnumType, FunctionDef, FunctionSignature } from '../model/schema.js';
import type { ColumnChange } from './delta.js';

/** Type, nullability and Insert-optionality differences of one column; empty when they agree. */
export function columnChanges(left: Column, right: Column): ColumnChange[] {
  const changes: ColumnChange[] = [];
  // Older generators wrote `unknown` for types they did not map; `unknown` also swallows `| null`.
  const known = right.tsType !== 'unknown' && left.tsType !== 'unknown';
  if (right.tsType !== 'unknown' && right.tsType !== left.tsType) changes.push('type');
  else if (known && right.nullable !== left.nullable) changes.push('nullability');
  // Dropping NOT NULL also makes a column optional in Insert: one change, reported once (as nullability).
  const optionalIfRightNullability = right.nullable || left.identity != null || left.default != null || Boolean(left.generated);
  const explainedByNullability = known && right.nullable !== left.nullable && optionalIfRightNullability === right.insertOptional;
  if (right.insertOptional !== undefined && left.insertOptional !== undefined && right.insertOptional !== left.insertOptional && !explainedByNullability) {
    changes.push('optionality');
  }
  return changes;
}

export function sameLabels(left: EnumType, right: EnumType): boolean {
  return left.labels.length === right.labels.length && left.labels.every((l, i) => l === right.labels[i]);
}

export function sameAttributes(left: CompositeType, right: CompositeType): boolean {
  return attributesText(left) === attributesText(right);
}

export function attributesText(c: CompositeType): string {
  return c.attributes.map((a) => `${a.name}: ${typeText(a)}`).join(', ');
}

export function typeText(c: Column): string {
  return `${c.tsType}${c.nullable ? ' | null' : ''}`;
}

/** Whether every overload on one side matches one on the other. */
export function sameOverloads(left: FunctionDef, right: FunctionDef): boolean {
  const remaining = [...left.overloads];
  let same = right.overloads.length === remaining.length;
  for (const o of right.overloads) {
    const i = remaining.findIndex((l) => overloadMatches(o, l));
    if (i < 0) same = false;
    else remaining.splice(i, 1);
  }
  return same;
}

function overloadMatches(typesSide: FunctionSignature, dbSide: FunctionSignature): boolean {
  const want = signatureText(typesSide);
  const have = signatureText(dbSide);
  if (want === have) return true;
  if (argsPart(want) !== argsPart(have)) return false;
  // A Returns of `unknown` (older generators) or an error marker (an overload PostgREST cannot pick) says
  // nothing about the return type.
  if (typesSide.returns === 'unknown' || typesSide.returns.includes('error:true')) return true;
  // Rows of a table: the table's columns are compared (and reported) there, so only their names count here.
  return dbSide.returnsRow !== undefined && memberNames(typesSide.returns) === memberNames(dbSide.returns);
}

/** `{a:number;b:string|null}[]` → `a;b[]`: an object type's member names and array-ness. */
function memberNames(objectText: string): string {
  return objectText.replace(/:[^;{}]*(?=[;}])/g, '').replace(/[{}]/g, '');
}

const argsPart = (signature: string) => signature.slice(0, signature.indexOf(')=>') + 1);

export function signatureText(o: FunctionSignature): string {
  const args = [...o.args].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => `${a.name}${a.optional ? '?' : ''}:${a.tsType}`);
  return `(${args.join(',')})=>${o.returns}`;
}
