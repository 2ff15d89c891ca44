/**
 * types.ts model × database model → structural findings. Compares only facts both sides know: names, TS types,
 * nullability, Insert-optionality, same-schema foreign keys, enum labels, function signatures.
 */
import type { Column, FunctionArg, FunctionDef, FunctionSignature, Location, SchemaModel, Section, Table, View } from '../model/schema.js';
import { arrayOf, sameTsType, type TypeNode, type TypeTolerance } from '../model/tsType.js';
import { defaultSeverity, type Finding, type FindingCode } from './finding.js';

/** Supabase's own schemas: never the user's drift unless asked for by name. */
export const PLATFORM_SCHEMAS = new Set([
  'auth', 'storage', 'graphql', 'graphql_public', 'realtime', 'extensions', 'supabase_functions', 'supabase_migrations',
  'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgbouncer', 'pgtle', '_realtime', '_analytics', 'tiger',
  'topology', 'information_schema', 'pg_catalog',
]);

export function defaultSchemas(types: SchemaModel): string[] {
  return types.schemas.filter((s) => !PLATFORM_SCHEMAS.has(s));
}

type Emit = (f: Omit<Finding, 'severity'>) => void;

export function compareModels(types: SchemaModel, db: SchemaModel, schemas: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const emit: Emit = (f) => findings.push({ ...f, severity: defaultSeverity(f.code) });
  const inScope = new Set(schemas);
  // A section types.ts does not have at all (older generators) is not compared: the file says nothing of it.
  const described = (schema: string, section: Section) => !types.sections || (types.sections[schema] ?? []).includes(section);
  const scopedIn = (section: Section) => <T extends { schema: string }>(list: T[]) =>
    list.filter((x) => inScope.has(x.schema) && described(x.schema, section));
  const [tablesIn, viewsIn, enumsIn, functionsIn, compositesIn] =
    (['Tables', 'Views', 'Enums', 'Functions', 'CompositeTypes'] as const).map(scopedIn);

  const computed = computedFields(db, types);
  pairUp(tablesIn(types.tables), tablesIn(db.tables), {
    onlyLeft: (t) => emit(missing('table_missing_in_database', t, 'table', 'types.ts has it, the database does not')),
    onlyRight: (t) => emit(missing('table_missing_in_types', t, 'table', 'the database has it, types.ts does not')),
    both: (t, d) => {
      compareColumns(emit, t, d, computed);
      compareForeignKeys(emit, t, d);
    },
  });
  const listsMatviews = listsMaterializedViews(types, db);
  pairUp(viewsIn(types.views), viewsIn(db.views), {
    onlyLeft: (v) => emit(missing('view_missing_in_database', v, 'view', 'types.ts has it, the database does not')),
    onlyRight: (v) => {
      if (v.materialized && !listsMatviews) return;
      emit(missing('view_missing_in_types', v, 'view', 'the database has it, types.ts does not'));
    },
    both: (t, d) => compareColumns(emit, t, d, computed),
  });
  pairUp(enumsIn(types.enums), enumsIn(db.enums), {
    onlyLeft: (e) => emit({ ...missing('enum_missing_in_database', e, 'enum', 'types.ts has it, the database does not'), expected: e.labels.join(', ') }),
    onlyRight: (e) => emit({ ...missing('enum_missing_in_types', e, 'enum', 'the database has it, types.ts does not'), actual: e.labels.join(', ') }),
    both: (t, d) => {
      if (t.labels.join('\u0000') === d.labels.join('\u0000')) return;
      emit({
        code: 'enum_values_mismatch', schema: t.schema, object: t.name, location: t.location,
        message: `enum ${t.schema}.${t.name} has different labels${describeLabelChange(t.labels, d.labels)}`,
        expected: t.labels.join(', '), actual: d.labels.join(', '),
      });
    },
  });
  // Functions only postgres-meta listed (one unnamed argument of any type) may be in the file or not.
  const olderListed = new Map((db.functionsOlderGeneratorsListed ?? []).map((f) => [`${f.schema}.${f.name}`, f]));
  pairUp(functionsIn(types.functions), functionsIn(db.functions), {
    onlyLeft: (f) => {
      const older = olderListed.get(`${f.schema}.${f.name}`);
      if (older) compareFunctions(emit, f, { ...older, overloads: [] }, older.overloads);
      else emit(missing('function_missing_in_database', f, 'function', 'types.ts has it, the database does not'));
    },
    onlyRight: (f) => emit(missing('function_missing_in_types', f, 'function', 'the database has it, types.ts does not')),
    both: (t, d) => compareFunctions(emit, t, d, olderListed.get(`${d.schema}.${d.name}`)?.overloads ?? []),
  });
  pairUp(compositesIn(types.compositeTypes), compositesIn(db.compositeTypes), {
    onlyLeft: (c) => emit(missing('composite_type_mismatch', c, 'composite type', 'types.ts has it, the database does not')),
    onlyRight: (c) => emit(missing('composite_type_mismatch', c, 'composite type', 'the database has it, types.ts does not')),
    both: (t, d) => {
      const expected = t.attributes.map(attributeText).join(', ');
      const actual = d.attributes.map(attributeText).join(', ');
      if (!sameAttributes(t.attributes, d.attributes)) {
        emit({
          code: 'composite_type_mismatch', schema: t.schema, object: t.name, location: t.location,
          message: `composite type ${t.schema}.${t.name} has different attributes`, expected, actual,
        });
      }
    },
  });
  return findings;
}

/**
 * Whether the file lists materialized views at all: postgres-meta 0.60 (2022) wrote none. Evidence is one the
 * file lists, or Relationships (0.60 wrote none either); a file with neither says nothing of them.
 */
function listsMaterializedViews(types: SchemaModel, db: SchemaModel): boolean {
  const matviews = new Set(db.views.filter((v) => v.materialized).map((v) => `${v.schema}.${v.name}`));
  return types.views.some((v) => matviews.has(`${v.schema}.${v.name}`)) || types.tables.some((t) => t.foreignKeys !== undefined);
}

/**
 * Attributes of a composite type: names and types, in any order (order means nothing in a TS object type).
 * Nullability is not compared: PostgreSQL cannot constrain an attribute, and postgres-meta ≤ 0.64 wrote every
 * attribute without `| null`. postgres-meta ≤ 0.64 also wrote `unknown` for an array attribute.
 */
function sameAttributes(typesSide: Column[], dbSide: Column[]): boolean {
  const db = new Map(dbSide.map((c) => [c.name, c]));
  const arrays: TypeTolerance = { unknownFor: (d) => d.k === 'array' };
  return typesSide.length === db.size && typesSide.every((c) => {
    const d = db.get(c.name);
    return d !== undefined && sameTsType(c.tsType, d.tsType, arrays);
  });
}

/** Walks two lists keyed by schema.name: in the left only, in the right only, in both. */
function pairUp<L extends { schema: string; name: string }, R extends { schema: string; name: string }>(
  left: L[], right: R[], on: { onlyLeft(l: L): void; onlyRight(r: R): void; both(l: L, r: R): void },
): void {
  const rightByKey = new Map(right.map((r) => [`${r.schema}.${r.name}`, r]));
  const seen = new Set<string>();
  for (const l of left) {
    const key = `${l.schema}.${l.name}`;
    seen.add(key);
    const r = rightByKey.get(key);
    if (r) on.both(l, r);
    else on.onlyLeft(l);
  }
  for (const r of right) if (!seen.has(`${r.schema}.${r.name}`)) on.onlyRight(r);
}

function missing(code: FindingCode, obj: { schema: string; name: string; location?: Location }, kind: string, why: string) {
  return { code, schema: obj.schema, object: obj.name, location: obj.location, message: `${kind} ${obj.schema}.${obj.name}: ${why}` };
}

/**
 * Names of functions PostgREST shows as computed columns, by `schema.relation`: what the database says, plus
 * Row fields with no Insert field that types.ts also lists as functions (the database may lack the function:
 * that is one finding, on the function).
 */
function computedFields(db: SchemaModel, types: SchemaModel): Map<string, Map<string, string | undefined>> {
  const out = new Map<string, Map<string, string | undefined>>();
  for (const f of db.functions) for (const o of f.overloads) if (o.computedFieldOf) addTo(out, o.computedFieldOf, f.name, o.returns);
  const typeFunctions = new Set(types.functions.map((f) => `${f.schema}.${f.name}`));
  for (const t of types.tables) {
    for (const c of t.columns) if (c.computed && typeFunctions.has(`${t.schema}.${c.name}`)) addTo(out, `${t.schema}.${t.name}`, c.name, undefined);
  }
  return out;
}

/** Records a computed field and the type its function returns (undefined: the database lacks the function). */
function addTo(map: Map<string, Map<string, string | undefined>>, key: string, name: string, returns: string | undefined): void {
  let fields = map.get(key);
  if (!fields) map.set(key, (fields = new Map()));
  if (!fields.has(name) || returns !== undefined) fields.set(name, returns);
}

function compareColumns(emit: Emit, t: Table | View, d: Table | View, computed: Map<string, Map<string, string | undefined>>): void {
  const dbCols = new Map(d.columns.map((c) => [c.name, c]));
  const typeCols = new Set(t.columns.map((c) => c.name));
  const computedHere = computed.get(`${d.schema}.${d.name}`);
  const base = { schema: t.schema, object: t.name };
  for (const tc of t.columns) {
    const dc = dbCols.get(tc.name);
    const where = `${t.schema}.${t.name}.${tc.name}`;
    if (!dc) {
      if (computedHere?.has(tc.name)) {
        // A computed field is typed by its function's return type (nullable or not, by release).
        const returns = computedHere.get(tc.name);
        if (returns !== undefined && !sameTsType(tc.tsType, returns)) {
          emit({ ...base, code: 'column_type_mismatch', column: tc.name, location: tc.location, message: `computed field ${where}: types.ts says ${tc.tsType}, its function returns ${returns}`, expected: tc.tsType, actual: returns });
        }
        continue;
      }
      emit({ ...base, code: 'column_missing_in_database', column: tc.name, location: tc.location, message: `column ${where}: types.ts has it, the database does not`, expected: typeText(tc) });
      continue;
    }
    compareColumn(emit, { ...base, column: tc.name, location: tc.location }, where, tc, dc);
  }
  for (const dc of d.columns) {
    if (typeCols.has(dc.name)) continue;
    emit({ ...base, code: 'column_missing_in_types', column: dc.name, location: t.location, message: `column ${t.schema}.${t.name}.${dc.name}: the database has it, types.ts does not`, actual: `${dc.sqlType}` });
  }
}

function compareColumn(emit: Emit, base: Pick<Finding, 'schema' | 'object' | 'column' | 'location'>, where: string, tc: Column, dc: Column): void {
  // Older generators wrote `unknown` for types they did not map; `unknown` also swallows `| null`.
  const known = tc.tsType !== 'unknown' && dc.tsType !== 'unknown';
  if (!sameTsType(tc.tsType, dc.tsType, columnTolerance(dc))) {
    emit({ ...base, code: 'column_type_mismatch', message: `column ${where}: types.ts says ${tc.tsType}, the database's ${dc.sqlType} is ${dc.tsType}`, expected: tc.tsType, actual: `${dc.tsType} (${dc.sqlType})` });
  } else if (known && tc.nullable !== dc.nullable) {
    emit({ ...base, code: 'column_nullability_mismatch', message: `column ${where}: types.ts says ${tc.nullable ? 'nullable' : 'NOT NULL'}, the database says ${dc.nullable ? 'nullable' : 'NOT NULL'}`, expected: tc.nullable ? 'nullable' : 'not null', actual: dc.nullable ? 'nullable' : 'not null' });
  }
  // Dropping NOT NULL also makes a column optional in Insert: one change, reported once (as nullability).
  const optionalIfTypesNullability = tc.nullable || dc.identity != null || dc.default != null || Boolean(dc.generated);
  const explainedByNullability = known && tc.nullable !== dc.nullable && optionalIfTypesNullability === tc.insertOptional;
  if (tc.insertOptional !== undefined && dc.insertOptional !== undefined && tc.insertOptional !== dc.insertOptional && !explainedByNullability) {
    const why = dc.insertOptional ? describeOptional(dc) : 'NOT NULL with no default';
    emit({ ...base, code: 'column_optionality_mismatch', message: `column ${where}: Insert says ${tc.insertOptional ? 'optional' : 'required'}, the database makes it ${dc.insertOptional ? 'optional' : 'required'} (${why})`, expected: tc.insertOptional ? 'optional' : 'required', actual: dc.insertOptional ? 'optional' : 'required' });
  }
}

/** SQL types older releases wrote as `unknown`: `interval` (before postgrest-typegen), `vector` (postgres-meta 0.60). */
const LATE_MAPPED = new Set(['interval', 'vector']);

function columnTolerance(dc: Column): TypeTolerance {
  const base = (dc.baseType ?? '').replace(/^_/, '');
  if (!LATE_MAPPED.has(base)) return {};
  return { unknownFor: (d: TypeNode) => d.k === 'leaf' || (d.k === 'array' && d.el.k === 'leaf') };
}

function describeOptional(c: Column): string {
  if (c.generated) return 'generated';
  if (c.identity) return `identity ${c.identity}`;
  if (c.default != null) return `default ${c.default}`;
  return 'nullable';
}

function compareForeignKeys(emit: Emit, t: Table, d: Table): void {
  if (!t.foreignKeys || !d.foreignKeys) return;
  // The generator lists only foreign keys into the table's own schema.
  const dbKeys = d.foreignKeys.filter((k) => k.referencedSchema === d.schema);
  const key = (k: { name: string; columns: string[]; referencedTable: string; referencedColumns: string[] }) =>
    `${k.name}(${k.columns.join(',')})→${k.referencedTable}(${k.referencedColumns.join(',')})`;
  const dbSet = new Set(dbKeys.map(key));
  const typeSet = new Set(t.foreignKeys.map(key));
  // postgres-meta 0.83 also listed foreign keys into other schemas (`auth.users`), by table name only, and
  // newer releases list a key again through each view of the referenced table: by name and columns, such an
  // entry is the database's key into another schema.
  const crossSchema = new Set(d.foreignKeys.filter((k) => k.referencedSchema !== d.schema).map((k) => `${k.name}(${k.columns.join(',')})`));
  for (const k of t.foreignKeys) {
    if (dbSet.has(key(k)) || crossSchema.has(`${k.name}(${k.columns.join(',')})`)) continue;
    emit({ code: 'foreign_key_missing_in_database', schema: t.schema, object: t.name, column: k.columns.join(', '), location: k.location ?? t.location, message: `foreign key ${k.name} on ${t.schema}.${t.name}: types.ts has ${key(k)}, the database does not`, expected: key(k) });
  }
  for (const k of dbKeys) {
    if (typeSet.has(key(k))) continue;
    emit({ code: 'foreign_key_missing_in_types', schema: t.schema, object: t.name, column: k.columns.join(', '), location: t.location, message: `foreign key ${k.name} on ${t.schema}.${t.name}: the database has ${key(k)}, types.ts does not`, actual: key(k) });
  }
}

/** `optional`: overloads only postgres-meta listed, which the file may have or not. */
function compareFunctions(emit: Emit, t: FunctionDef, d: FunctionDef, optional: FunctionSignature[] = []): void {
  const remaining = [...d.overloads];
  const maybe = [...optional];
  let same = true;
  for (const o of t.overloads) {
    const i = remaining.findIndex((dbo) => overloadMatches(o, dbo));
    if (i >= 0) {
      remaining.splice(i, 1);
      continue;
    }
    const j = maybe.findIndex((dbo) => overloadMatches(o, dbo));
    if (j >= 0) maybe.splice(j, 1);
    else same = false;
  }
  if (same && remaining.length === 0) return;
  const expected = t.overloads.map(signatureText).sort().join(' | ');
  const actual = d.overloads.map(signatureText).sort().join(' | ');
  emit({
    code: 'function_signature_mismatch', schema: t.schema, object: t.name, location: t.location,
    message: `function ${t.schema}.${t.name}: types.ts has ${expected}; the database has ${actual}`, expected, actual,
  });
}

function overloadMatches(typesSide: FunctionSignature, dbSide: FunctionSignature): boolean {
  if (!sameArgs(typesSide.args, dbSide.args)) return false;
  // An error marker (an overload PostgREST cannot pick) says nothing about the return type.
  if (typesSide.returns.includes('error:true')) return true;
  // postgres-meta (≤ 0.91) typed a set of rows estimated at ROWS 1 as an array; postgrest-typegen, which
  // writes SetofOptions, as one row.
  const olderArray = dbSide.singleRow === true && typesSide.setofOneToOne === undefined;
  const dbReturns = [dbSide.returns, ...(olderArray ? [arrayOf(dbSide.returns)] : [])];
  // Rows of a table: the table's columns are compared (and reported) there, so only their names count here.
  return dbReturns.some((r) => sameTsType(typesSide.returns, r, OLDER_RETURNS) ||
    (dbSide.returnsRow !== undefined && memberNames(typesSide.returns) === memberNames(r)));
}

/** postgres-meta ≤ 0.64 wrote `Returns: unknown` for a function returning an array or a relation's rows. */
const OLDER_RETURNS: TypeTolerance = { unknownFor: (d) => d.k === 'array' || d.k === 'obj' };

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

function signatureText(o: FunctionSignature): string {
  const args = [...o.args].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => `${a.name}${a.optional ? '?' : ''}:${a.tsType}`);
  return `(${args.join(',')})=>${o.returns}`;
}

function typeText(c: Column): string {
  return `${c.tsType}${c.nullable ? ' | null' : ''}`;
}

function attributeText(c: Column): string {
  return `${c.name}: ${typeText(c)}`;
}

function describeLabelChange(expected: string[], actual: string[]): string {
  const added = actual.filter((l) => !expected.includes(l));
  const removed = expected.filter((l) => !actual.includes(l));
  const parts = [];
  if (added.length) parts.push(`only in the database: ${added.join(', ')}`);
  if (removed.length) parts.push(`only in types.ts: ${removed.join(', ')}`);
  if (!parts.length) parts.push('same labels, different order');
  return ` (${parts.join('; ')})`;
}
