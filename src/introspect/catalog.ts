/**
 * Database → SchemaModel. The same code reads a live server, a shadow database and the embedded PGlite: they
 * differ only in how the one catalog text is sent (see `CatalogReader`).
 */
import type {
  Column,
  Constraint,
  DatabaseFacts,
  EnumType,
  ForeignKey,
  FunctionArg,
  FunctionDef,
  FunctionSignature,
  RelationRef,
  Policy,
  SchemaModel,
  Table,
  TableKind,
  View,
  CompositeType,
} from '../model/schema.js';
import { arrayOf, objectType, pgTypeToTs, withNull, type TypeContext } from '../model/tsType.js';
import { buildObjects } from './objects.js';
import { CATALOG_ORDER, CATALOG_SQL } from './sql/catalog.sql.js';
import type { CatalogRows, ColumnRow, FunctionRow, RelationRow } from './sql/rows.js';

/** Sends one multi-statement text and returns each statement's first row's `rows` column, in order. */
export interface CatalogReader {
  readJsonResults(sql: string): Promise<unknown[]>;
  /** Round trips made so far; the bench checks it does not grow with the schema. */
  roundTrips: number;
}

export async function readCatalog(reader: CatalogReader): Promise<CatalogRows> {
  // The first and last results are the search-path pin's and unpin's (see catalog.sql.ts).
  const results = (await reader.readJsonResults(CATALOG_SQL)).slice(1, 1 + CATALOG_ORDER.length);
  const rows = {} as Record<string, unknown>;
  CATALOG_ORDER.forEach((key, i) => {
    const value = results[i];
    // node-postgres parses json columns; PGlite may hand them over as text.
    rows[key] = typeof value === 'string' ? JSON.parse(value) : value;
  });
  return rows as unknown as CatalogRows;
}

const ON_ACTION: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};
const COMMAND: Record<string, Policy['command']> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };
const VOLATILITY: Record<string, 'immutable' | 'stable' | 'volatile'> = { i: 'immutable', s: 'stable', v: 'volatile' };
const ARG_MODE: Record<string, FunctionArg['mode']> = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' };
/** json, jsonb and text: the only types PostgREST accepts as a single unnamed argument. */
const UNNAMED_ARG_TYPES = new Set(['json', 'jsonb', 'text']);

/**
 * Builds the model of `schemas` from catalog rows. TS types are written as the generator would write them if
 * asked for exactly these schemas, so they compare with a types.ts generated for the same set.
 */
export function buildModel(rows: CatalogRows, schemas: readonly string[]): SchemaModel {
  const wanted = new Set(schemas);
  const relByOid = new Map<number, RelationRow>(rows.RELATIONS.map((r) => [Number(r.oid), r]));

  const enums: EnumType[] = rows.TYPES.filter((t) => t.type === 'e').map((t) => ({
    schema: t.schema,
    name: t.name,
    labels: t.labels ?? [],
    extension: t.extension,
  }));
  const compositeRows = rows.TYPES.filter((t) => t.type === 'c' && t.rel_kind === 'c');
  // The generators refer to (and list: see diff/pair.ts) only composite types with at least one attribute: a column
  // of one whose attributes were all dropped (say by DROP TYPE … CASCADE of the type they had) is `unknown`.
  const relsWithColumns = new Set(rows.COLUMNS.map((c) => Number(c.rel)));
  const ctx: TypeContext = {
    schemas: wanted,
    enums,
    composites: compositeRows
      .filter((t) => relsWithColumns.has(Number(t.rel)))
      .map((t) => ({ schema: t.schema, name: t.name })),
    relations: [
      ...rows.RELATIONS.filter((r) => 'rpf'.includes(r.kind)).map((r) => ({ ...r, section: 'Tables' as const })),
      ...rows.RELATIONS.filter((r) => 'vm'.includes(r.kind)).map((r) => ({ ...r, section: 'Views' as const })),
    ],
  };

  const byRel = <R extends { rel: number }, T>(list: R[], map: (row: R) => T) => {
    const out = new Map<number, T[]>();
    for (const row of list) {
      const key = Number(row.rel);
      let bucket = out.get(key);
      if (!bucket) out.set(key, (bucket = []));
      bucket.push(map(row));
    }
    return out;
  };
  const columns = byRel(rows.COLUMNS, (c: ColumnRow): Column => {
    const identity = c.identity ?? null;
    const generated = Boolean(c.generated);
    return {
      name: c.name,
      tsType: pgTypeToTs(c.base_type, c.type_schema, ctx),
      nullable: c.nullable,
      insertOptional: c.nullable || identity !== null || c.default !== null || generated,
      insertNever: identity === 'always' || generated,
      sqlType: c.sql_type,
      baseType: c.base_type,
      typeSchema: c.type_schema,
      default: c.default,
      identity,
      generated,
      updatable: c.updatable,
    };
  });
  const constraintRows = byRel(rows.CONSTRAINTS, (k) => k);
  const indexes = byRel(rows.INDEXES, (i) => ({
    name: i.name,
    definition: i.definition,
    unique: i.unique,
    primary: i.primary,
    method: i.method,
    columns: i.columns,
    predicate: i.predicate,
  }));
  const policies = byRel(rows.POLICIES, (p): Policy => ({
    name: p.name,
    command: COMMAND[p.cmd],
    permissive: p.permissive,
    roles: p.roles,
    using: p.using,
    withCheck: p.with_check,
  }));
  const triggers = byRel(rows.TRIGGERS, (t) => ({
    name: t.name,
    definition: t.definition,
    functionSchema: t.function_schema,
    functionName: t.function_name,
  }));

  const tables: Table[] = [];
  const views: View[] = [];
  for (const r of rows.RELATIONS) {
    if (!wanted.has(r.schema)) continue;
    const oid = Number(r.oid);
    const cols = columns.get(oid) ?? [];
    if (r.kind === 'v' || r.kind === 'm') {
      views.push({
        schema: r.schema,
        name: r.name,
        materialized: r.kind === 'm',
        columns: cols,
        extension: r.extension,
        definition: r.definition,
        updatable: r.kind === 'v' && r.updatable_events !== 0,
        updatableEvents: { auto: r.updatable_events, withTriggers: r.updatable_events_with_triggers },
        securityInvoker: r.security_invoker === 'true',
        dependsOn: (r.depends_on ?? []).flatMap((dep) => {
          const on = relByOid.get(Number(dep));
          return on ? [{ schema: on.schema, name: on.name }] : [];
        }),
      });
      continue;
    }
    const cons = constraintRows.get(oid) ?? [];
    // The generator's isOneToOne: the key's columns (key order) are a primary or unique key's (table order).
    const position = new Map(cols.map((c, i) => [c.name, i]));
    const uniqueKeys = new Set(
      cons
        .filter((k) => k.type === 'p' || k.type === 'u')
        .map((k) => JSON.stringify([...k.columns].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)))),
    );
    tables.push({
      schema: r.schema,
      name: r.name,
      kind: ({ r: 'table', p: 'partitioned', f: 'foreign' } as Record<string, TableKind>)[r.kind],
      columns: cols,
      extension: r.extension,
      isPartition: r.is_partition,
      foreignKeys: cons
        .filter((k) => k.type === 'f')
        .map((k): ForeignKey => ({
          name: k.name,
          columns: k.columns,
          referencedSchema: k.ref_schema ?? '',
          referencedTable: k.ref_table ?? '',
          referencedColumns: k.ref_columns,
          onDelete: ON_ACTION[k.on_delete],
          onUpdate: ON_ACTION[k.on_update],
          definition: k.definition,
          oneToOne: uniqueKeys.has(JSON.stringify(k.columns)),
        })),
      constraints: cons
        .filter((k) => k.type !== 'f')
        .map((k): Constraint => ({
          name: k.name,
          kind: ({ p: 'primary', u: 'unique', c: 'check', x: 'exclusion' } as const)[
            k.type as Exclude<typeof k.type, 'f'>
          ],
          columns: k.columns,
          definition: k.definition,
        })),
      indexes: indexes.get(oid) ?? [],
      rlsEnabled: r.rls_enabled,
      rlsForced: r.rls_forced,
      policies: policies.get(oid) ?? [],
      triggers: triggers.get(oid) ?? [],
    });
  }

  // The generator makes every attribute of a composite type nullable (PostgreSQL cannot constrain them), and
  // types it by its declared type: a domain is not resolved to its base here, unlike in a table.
  const compositeRels = new Set(compositeRows.map((t) => Number(t.rel)));
  const attributeRows = byRel(
    rows.COLUMNS.filter((c) => compositeRels.has(Number(c.rel))),
    (c: ColumnRow): Column => {
      const tsType = pgTypeToTs(c.type_name, c.declared_type_schema, ctx);
      // `unknown` already includes null: the generator writes no `| null` after it.
      return { name: c.name, tsType, nullable: tsType !== 'unknown', sqlType: c.sql_type };
    },
  );
  const compositeTypes: CompositeType[] = compositeRows
    .filter((t) => wanted.has(t.schema))
    .map((t) => ({ schema: t.schema, name: t.name, attributes: attributeRows.get(Number(t.rel)) ?? [] }));

  const functions = buildFunctions(
    rows.FUNCTIONS.filter((f) => wanted.has(f.schema)),
    ctx,
    relByOid,
    columns,
  );
  return {
    schemas: [...schemas],
    tables,
    views,
    enums: enums.filter((e) => wanted.has(e.schema)),
    functions: functions.exposed,
    functionsOlderGeneratorsListed: functions.olderGeneratorsOnly,
    compositeTypes,
    objects: buildObjects(rows, wanted),
  };
}

/** Facts the lints need beside the model of `schemas` (see `DatabaseFacts`). */
export function buildDatabaseFacts(rows: CatalogRows, schemas: readonly string[]): DatabaseFacts {
  const wanted = new Set(schemas);
  const relByOid = new Map<number, RelationRow>(rows.RELATIONS.map((r) => [Number(r.oid), r]));
  // Rows read by an older catalog text lack these queries.
  const access = rows.API_ACCESS ?? [];
  const rolesUnknown = access.length === 0 || access.some((a) => a.api_readable === null);
  return {
    extensions: (rows.EXTENSIONS ?? []).map((e) => ({ name: e.name, schema: e.schema, version: e.version })),
    routines: rows.FUNCTIONS.filter((f) => wanted.has(f.schema)).map((f) => ({
      schema: f.schema,
      name: f.name,
      identityArgs: f.identity_args,
      securityDefiner: f.security_definer,
      searchPath: f.search_path ?? null,
      extension: f.extension,
    })),
    rlsBypassRoles: (rows.RLS_BYPASS_ROLES ?? []).map((r) => r.name),
    apiReadable: rolesUnknown
      ? null
      : access.flatMap((a) => {
          const rel = relByOid.get(Number(a.rel));
          return a.api_readable && rel && wanted.has(rel.schema) ? [{ schema: rel.schema, name: rel.name }] : [];
        }),
  };
}

/** Functions as PostgREST exposes them: the generator's inclusion rules, overloads grouped by name. */
function buildFunctions(
  rows: FunctionRow[],
  ctx: TypeContext,
  relByOid: Map<number, RelationRow>,
  columns: Map<number, Column[]>,
): { exposed: FunctionDef[]; olderGeneratorsOnly: FunctionDef[] } {
  const byName = new Map<string, FunctionDef>();
  for (const f of rows) {
    if (f.return_type === 'trigger' || f.return_type === 'event_trigger') continue;
    const defaults = splitDefaults(f.arg_defaults);
    const all = f.args.map((a) => ({ ...a, mode: ARG_MODE[a.mode] }));
    const inArgs = all.filter((a) => a.mode === 'in' || a.mode === 'inout' || a.mode === 'variadic');
    // Defaults belong to the last input arguments.
    const firstDefault = inArgs.length - Number(f.ndefaults);
    // The generator reads "has a default" by position among all arguments, OUT ones included, so an input
    // argument after an OUT one can lose its `?`: mirror it, the file is what the client is typed against.
    const nargs = Number(f.nargs);
    const generatorOptional = new Set(
      all.flatMap((a, pos) => (pos >= nargs - Number(f.ndefaults) && pos < nargs ? [a] : [])),
    );
    const args: FunctionArg[] = inArgs.map((a, i) => ({
      name: a.name,
      tsType: pgTypeToTs(a.type, a.type_schema, ctx),
      optional: generatorOptional.has(a),
      sqlType: a.sql_type,
      mode: a.mode,
      default: i >= firstDefault ? (defaults[i - firstDefault] ?? null) : null,
    }));
    // A computed field: one argument of a relation's row type, named or not (postgrest-typegen lists both in Row).
    const rowArg = inArgs.length === 1 && inArgs[0].rel ? relByOid.get(Number(inArgs[0].rel)) : undefined;
    // PostgREST can call a function whose arguments are all named, or whose unnamed ones it can fill.
    const exposed =
      inArgs.every((a, i) => a.name !== '' || (i >= firstDefault && UNNAMED_ARG_TYPES.has(a.type))) ||
      (inArgs.length === 1 && (UNNAMED_ARG_TYPES.has(inArgs[0].type) || inArgs[0].rel));
    // postgres-meta (2022–2025) also listed a function of one unnamed argument of any type (`gtrgm_in(cstring)`,
    // `set_limit(real)` of pg_trgm in public): kept apart, so a file that lists it is not wrong.
    const olderGeneratorsOnly = !exposed && inArgs.length === 1 && inArgs[0].name === '';
    if (!exposed && !olderGeneratorsOnly) continue;

    const returnRel = f.return_rel ? relByOid.get(Number(f.return_rel)) : undefined;
    const tableArgs = all.filter((a) => a.mode === 'table');
    let returns: string;
    let returnsRow: RelationRef | undefined;
    if (tableArgs.length > 0) {
      returns = objectType(tableArgs.map((a) => [a.name, pgTypeToTs(a.type, a.type_schema, ctx)]));
    } else if (returnRel && ctx.schemas.has(returnRel.schema) && returnRel.schema === f.schema) {
      returns = objectType(
        (columns.get(Number(f.return_rel)) ?? []).map((c) => [c.name, withNull(c.tsType, c.nullable)]),
      );
      returnsRow = { schema: returnRel.schema, name: returnRel.name };
    } else {
      returns = pgTypeToTs(f.return_type, f.return_type_schema, ctx);
    }
    // postgrest-typegen types a set of a relation's rows estimated at ROWS 1 as one row (older releases: an array).
    const singleRow = f.returns_set && returnRel !== undefined && Number(f.rows_estimate) <= 1;
    const returnsSet = f.returns_set && !singleRow;
    const signature: FunctionSignature = {
      args,
      returns: returnsSet ? arrayOf(returns) : returns,
      returnsSet,
      ...(singleRow ? { singleRow } : {}),
      returnsRow,
      identityArgs: f.identity_args,
      returnSqlType: f.result,
      language: f.language,
      volatility: VOLATILITY[f.volatility],
      securityDefiner: f.security_definer,
      searchPath: f.search_path ?? null,
      extension: f.extension,
      computedFieldOf: rowArg ? { schema: rowArg.schema, name: rowArg.name } : undefined,
    };
    const key = JSON.stringify([olderGeneratorsOnly, f.schema, f.name]);
    let def = byName.get(key);
    if (!def) byName.set(key, (def = { schema: f.schema, name: f.name, overloads: [] }));
    def.overloads.push(signature);
  }
  const exposed: FunctionDef[] = [];
  const olderGeneratorsOnly: FunctionDef[] = [];
  for (const [key, def] of byName) ((JSON.parse(key) as [boolean])[0] ? olderGeneratorsOnly : exposed).push(def);
  return { exposed, olderGeneratorsOnly };
}

/** `pg_get_expr(proargdefaults)` gives the defaults as one comma-separated list; split at top level. */
function splitDefaults(text: string | null): string[] {
  if (!text) return [];
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quote = !quote;
    else if (!quote && ch === '(') depth++;
    else if (!quote && ch === ')') depth--;
    else if (!quote && depth === 0 && ch === ',') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}
