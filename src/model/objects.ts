/**
 * Database-only facts that matter when two databases are compared (`diff`, `audit`) and never when a database is
 * compared with types.ts: who may do what, what functions do, sequences, extensions, publications.
 */

export type GrantTarget = 'relation' | 'column' | 'function' | 'schema';

export interface Grant {
  kind: GrantTarget;
  schema: string;
  /** The relation, function or schema. */
  name: string;
  /** The column, or the function's identity arguments. */
  detail: string | null;
  grantee: string;
  privilege: string;
  grantable: boolean;
}

export interface FunctionDetails {
  schema: string;
  name: string;
  identityArgs: string;
  body: string;
  strict: boolean;
  parallel: 's' | 'r' | 'u';
  leakproof: boolean;
  /** `proconfig`: `search_path=…` and other per-function settings. */
  config: string[];
  kind: 'f' | 'p' | 'a' | 'w';
  /** `pg_get_function_result`: the return type as SQL. */
  result: string;
  language: string;
  volatility: 'i' | 's' | 'v';
  securityDefiner: boolean;
  /** `pg_get_functiondef`: the whole CREATE OR REPLACE statement (null for aggregates and window functions). */
  definition: string | null;
}

export interface Sequence {
  schema: string;
  name: string;
  dataType: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

/** An installed extension. Its version is the engine's build (an embedded replay ships its own), so not kept. */
export interface Extension {
  name: string;
  schema: string;
}

export interface Publication {
  name: string;
  allTables: boolean;
  actions: { insert: boolean; update: boolean; delete: boolean; truncate: boolean };
  /** The tables it carries, by schema and name. */
  tables: Array<{ schema: string; name: string }>;
}

export interface DatabaseObjects {
  grants: Grant[];
  functionDetails: FunctionDetails[];
  sequences: Sequence[];
  extensions: Extension[];
  publications: Publication[];
}
