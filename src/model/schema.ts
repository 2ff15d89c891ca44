/**
 * The one model both sides are read into: a database (live, migrations, shadow) and a types.ts file.
 *
 * A types.ts file knows less than a database. Facts only a database knows are optional fields; the types
 * side leaves them undefined, and the diff compares a fact only when both sides have it.
 */
import type { DatabaseObjects } from './objects.js';

/** Where a line of types.ts came from, so a finding can point at it. */
export interface Location {
  file: string;
  line: number;
}

export interface Column {
  name: string;
  /** The TypeScript type as Supabase's generator writes it, normalised (see tsType.ts), without `| null`. */
  tsType: string;
  nullable: boolean;
  /** Optional in `Insert` (nullable, default, identity or generated). Undefined: the side does not say. */
  insertOptional?: boolean;
  /** `?: never` in Insert: identity ALWAYS or generated columns, which no one may write. */
  insertNever?: boolean;
  /** types.ts only: a Row field with no Insert field, i.e. a computed field (a function of the row). */
  computed?: boolean;
  location?: Location;
  // Database-only facts.
  sqlType?: string;
  /** Type name after domains are resolved to their base type (`format` in postgres-meta's terms). */
  baseType?: string;
  typeSchema?: string;
  default?: string | null;
  identity?: 'always' | 'by default' | null;
  generated?: boolean;
  updatable?: boolean;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  referencedSchema: string;
  referencedTable: string;
  referencedColumns: string[];
  /**
   * `isOneToOne` of the Relationships entry (postgres-meta 0.83 on): the key's columns, in key order, are a
   * primary key or unique constraint's columns in table order. Undefined when a types file does not say.
   */
  oneToOne?: boolean;
  location?: Location;
  // Database-only facts.
  onDelete?: string;
  onUpdate?: string;
  definition?: string;
}

export interface Constraint {
  name: string;
  kind: 'primary' | 'unique' | 'check' | 'exclusion';
  columns: string[];
  definition: string;
}

export interface Index {
  name: string;
  definition: string;
  unique: boolean;
  primary: boolean;
  method: string;
  /** Key columns in order; null for an expression. */
  columns: Array<string | null>;
  predicate: string | null;
}

export interface Policy {
  name: string;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  permissive: boolean;
  roles: string[];
  using: string | null;
  withCheck: string | null;
}

export interface Trigger {
  name: string;
  definition: string;
  functionSchema: string;
  functionName: string;
}

export type TableKind = 'table' | 'partitioned' | 'foreign';

export interface Table {
  schema: string;
  name: string;
  kind: TableKind;
  columns: Column[];
  /** Undefined when the types file has no Relationships for the table (written by an old generator). */
  foreignKeys?: ForeignKey[];
  location?: Location;
  // Database-only facts.
  /** The extension that owns it (lints leave such objects alone). */
  extension?: string | null;
  isPartition?: boolean;
  constraints?: Constraint[];
  indexes?: Index[];
  rlsEnabled?: boolean;
  rlsForced?: boolean;
  policies?: Policy[];
  triggers?: Trigger[];
}

export interface View {
  schema: string;
  name: string;
  materialized: boolean;
  columns: Column[];
  location?: Location;
  // Database-only facts.
  extension?: string | null;
  definition?: string | null;
  updatable?: boolean;
  /**
   * Database-only: `pg_relation_is_updatable`'s event masks (UPDATE 4, INSERT 8, DELETE 16) for the view as
   * PostgreSQL updates it by itself (`auto`) and counting INSTEAD OF triggers too (`withTriggers`); 0 for a
   * materialized view. They decide whether the generator writes `Insert`/`Update` (see `viewWrites` in same.ts).
   */
  updatableEvents?: { auto: number; withTriggers: number };
  /** types.ts only: the view's entry has `Insert` / `Update`. */
  writes?: ViewWrites;
  securityInvoker?: boolean;
  /** The relations its query reads (to create views after those they read, and drop them before). */
  dependsOn?: RelationRef[];
}

/** Which write types a view's entry in types.ts has. */
export interface ViewWrites {
  insert: boolean;
  update: boolean;
}

export interface EnumType {
  schema: string;
  name: string;
  labels: string[];
  location?: Location;
  extension?: string | null;
}

export interface FunctionArg {
  /** '' for an unnamed argument. */
  name: string;
  tsType: string;
  optional: boolean;
  // Database-only facts.
  sqlType?: string;
  mode?: 'in' | 'out' | 'inout' | 'variadic' | 'table';
  default?: string | null;
}

/** A table or view named by its schema and name (never a joined `schema.name` string). */
export interface RelationRef {
  schema: string;
  name: string;
}

/** One overload of a function as PostgREST exposes it. */
export interface FunctionSignature {
  args: FunctionArg[];
  /** Normalised TS return type as the generator writes it, `[]` included for set-returning functions. */
  returns: string;
  /** Database-only: RETURNS SETOF (the types side cannot tell it from an array). */
  returnsSet?: boolean;
  /** Database-only: SETOF a relation's rows estimated at ROWS 1, which postgrest-typegen types as one row. */
  singleRow?: boolean;
  /** types.ts only: `SetofOptions.isOneToOne` (postgrest-typegen), absent from older generators' files. */
  setofOneToOne?: boolean;
  /** types.ts only: `SetofOptions.to`, the relation whose rows the function returns (postgrest-typegen). */
  setofTo?: string;
  // Database-only facts.
  extension?: string | null;
  /** The relation whose rows the function returns: their columns are compared there. */
  returnsRow?: RelationRef;
  identityArgs?: string;
  returnSqlType?: string;
  language?: string;
  volatility?: 'immutable' | 'stable' | 'volatile';
  securityDefiner?: boolean;
  /** The function's own `search_path` setting, null when it has none. */
  searchPath?: string | null;
  /** A function of one table-row argument: PostgREST shows it as a column (computed field). */
  computedFieldOf?: RelationRef;
}

export interface FunctionDef {
  schema: string;
  name: string;
  overloads: FunctionSignature[];
  location?: Location;
}

export interface CompositeType {
  schema: string;
  name: string;
  attributes: Column[];
  location?: Location;
}

export interface SchemaModel {
  /** Schemas this picture covers (present in types.ts, or introspected). */
  schemas: string[];
  tables: Table[];
  views: View[];
  enums: EnumType[];
  functions: FunctionDef[];
  /**
   * Database-only: functions PostgREST cannot call that postgres-meta (2022–2025) still listed (one unnamed
   * argument of any type). A types file may list them or not.
   */
  functionsOlderGeneratorsListed?: FunctionDef[];
  compositeTypes: CompositeType[];
  /**
   * types.ts only: which sections each schema has. Older generators wrote no Views, Functions or CompositeTypes
   * section at all; a kind of object the file cannot describe is not compared.
   */
  sections?: Record<string, Section[]>;
  /**
   * types.ts only, for Supabase's `MergeDeep<DatabaseGenerated, {…}>` pattern: the generated file this model was
   * read from, and the hand-written overrides over it (each must still name a real object).
   */
  generatedFrom?: string;
  overrides?: SchemaModel;
  /** Database only: privileges, function bodies, sequences, extensions, publications (for `diff` and `audit`). */
  objects?: DatabaseObjects;
}

/**
 * Facts about a database that the lints need beside its SchemaModel. Kept apart from the model because some
 * belong to the server, not the schema (roles, extension versions): two servers holding the same schema give
 * the same model but not the same facts.
 */
export interface DatabaseFacts {
  /** Every installed extension, whatever schema it is in. */
  extensions: Extension[];
  /** Every plain function of the schemas read. */
  routines: Routine[];
  /** Roles that bypass row level security (superusers and BYPASSRLS roles): policies do not apply to them. */
  rlsBypassRoles: string[];
  /**
   * Relations `anon` or `authenticated` may SELECT (what makes them reachable through the Data API); null when
   * the database has neither role (not a Supabase database), so reachability is unknown.
   */
  apiReadable: Array<{ schema: string; name: string }> | null;
}

/** An installed extension and the schema holding its objects. */
export interface Extension {
  name: string;
  schema: string;
  version: string;
}

/**
 * Any plain function, including those `SchemaModel.functions` leaves out (trigger functions, ones PostgREST
 * cannot call): the lints look at settings every function should have.
 */
export interface Routine {
  schema: string;
  name: string;
  identityArgs: string;
  securityDefiner: boolean;
  /** The function's own `search_path` setting, null when it has none. */
  searchPath: string | null;
  extension: string | null;
}

export type Section = 'Tables' | 'Views' | 'Functions' | 'Enums' | 'CompositeTypes';
