/** The shapes of the rows the catalog queries (catalog.sql.ts) return, one interface per query. */
import type { ObjectRows } from '../objects.js';

/** OIDs come back as int8, which JSON carries as a number. */
type Oid = number;

export interface SchemaRow {
  name: string;
}

export interface RelationRow {
  schema: string;
  name: string;
  /** pg_class.relkind: r table, p partitioned, f foreign, v view, m materialized view. */
  kind: 'r' | 'p' | 'f' | 'v' | 'm';
  oid: Oid;
  rls_enabled: boolean;
  rls_forced: boolean;
  definition: string | null;
  /** pg_relation_is_updatable's event bit mask; 0 for anything but a view. */
  updatable_events: number;
  /** The same mask counting INSTEAD OF triggers (`pg_relation_is_updatable(oid, true)`). */
  updatable_events_with_triggers: number;
  security_invoker: string;
  is_partition: boolean;
  extension: string | null;
  /** A view's: the relations its query reads (null for anything but a view). */
  depends_on?: Oid[] | null;
}

export interface ColumnRow {
  rel: Oid;
  name: string;
  num: number;
  sql_type: string;
  /** The declared type's name (a domain's own name). */
  type_name: string;
  declared_type_schema: string;
  /** The type's name after domains are resolved to their base (`_text` for text[]). */
  base_type: string;
  type_schema: string;
  nullable: boolean;
  default: string | null;
  identity: 'always' | 'by default' | null;
  generated: boolean;
  updatable: boolean;
}

export interface ConstraintRow {
  rel: Oid;
  name: string;
  type: 'p' | 'f' | 'u' | 'c' | 'x';
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[];
  /** pg_constraint's action codes: a no action, r restrict, c cascade, n set null, d set default. */
  on_delete: string;
  on_update: string;
  definition: string;
}

export interface IndexRow {
  rel: Oid;
  name: string;
  definition: string;
  unique: boolean;
  primary: boolean;
  method: string;
  /** null for an expression. */
  columns: Array<string | null>;
  predicate: string | null;
}

export interface PolicyRow {
  rel: Oid;
  name: string;
  cmd: '*' | 'r' | 'a' | 'w' | 'd';
  permissive: boolean;
  roles: string[];
  using: string | null;
  with_check: string | null;
}

export interface TriggerRow {
  rel: Oid;
  name: string;
  definition: string;
  function_schema: string;
  function_name: string;
}

export interface TypeRow {
  schema: string;
  name: string;
  oid: Oid;
  /** e enum, c composite (standalone when rel_kind is 'c', else a relation's row type). */
  type: 'e' | 'c';
  rel: Oid | null;
  rel_kind: string | null;
  extension: string | null;
  labels: string[] | null;
}

export interface FunctionArgRow {
  name: string;
  /** proargmodes: i in, o out, b inout, v variadic, t table. */
  mode: 'i' | 'o' | 'b' | 'v' | 't';
  type: string;
  type_schema: string;
  /** The relation whose row type this is, if any. */
  rel: Oid | null;
  sql_type: string;
}

export interface FunctionRow {
  schema: string;
  name: string;
  oid: Oid;
  language: string;
  volatility: 'i' | 's' | 'v';
  security_definer: boolean;
  returns_set: boolean;
  rows_estimate: number;
  identity_args: string;
  result: string;
  return_type: string;
  return_type_schema: string;
  return_rel: Oid | null;
  search_path: string | null;
  nargs: number;
  ndefaults: number;
  args: FunctionArgRow[];
  arg_defaults: string | null;
  extension: string | null;
}

export interface ExtensionRow {
  name: string;
  schema: string;
  version: string;
}

export interface ApiAccessRow {
  rel: Oid;
  /** null when the database has neither `anon` nor `authenticated`. */
  api_readable: boolean | null;
}

export interface RoleRow {
  name: string;
}

export interface CatalogRows extends ObjectRows {
  SCHEMAS: SchemaRow[];
  RELATIONS: RelationRow[];
  COLUMNS: ColumnRow[];
  CONSTRAINTS: ConstraintRow[];
  INDEXES: IndexRow[];
  POLICIES: PolicyRow[];
  TRIGGERS: TriggerRow[];
  TYPES: TypeRow[];
  FUNCTIONS: FunctionRow[];
  EXTENSIONS: ExtensionRow[];
  API_ACCESS: ApiAccessRow[];
  RLS_BYPASS_ROLES: RoleRow[];
}
