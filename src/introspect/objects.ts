/** Catalog rows of objects.sql.ts → DatabaseObjects, narrowed to the schemas asked for. */
import type { DatabaseObjects } from '../model/objects.js';

export interface ObjectRows {
  GRANTS: Array<{
    kind: DatabaseObjects['grants'][number]['kind'];
    schema: string;
    name: string;
    detail: string | null;
    grantee: string;
    privilege: string;
    grantable: boolean;
  }>;
  FUNCTION_DETAILS: Array<{
    schema: string;
    name: string;
    identity_args: string;
    body: string | null;
    strict: boolean;
    parallel: 's' | 'r' | 'u';
    leakproof: boolean;
    config: string[];
    kind: 'f' | 'p' | 'a' | 'w';
    result: string | null;
    language: string;
    volatility: 'i' | 's' | 'v';
    security_definer: boolean;
    definition: string | null;
  }>;
  SEQUENCES: Array<{
    schema: string;
    name: string;
    data_type: string;
    start: string;
    increment: string;
    min: string;
    max: string;
    cache: string;
    cycle: boolean;
  }>;
  EXTENSIONS: Array<{ name: string; schema: string; version: string }>;
  PUBLICATIONS: Array<{
    name: string;
    all_tables: boolean;
    insert: boolean;
    update: boolean;
    delete: boolean;
    truncate: boolean;
    tables: Array<{ schema: string; name: string }>;
  }>;
}

export function buildObjects(rows: ObjectRows, schemas: ReadonlySet<string>): DatabaseObjects {
  return {
    // MAINTAIN exists from PostgreSQL 17 on, where GRANT ALL includes it: left out, so 15 and 18 compare equal.
    grants: rows.GRANTS.filter((g) => schemas.has(g.schema) && g.privilege !== 'MAINTAIN').map((g) => ({ ...g })),
    functionDetails: rows.FUNCTION_DETAILS.filter((f) => schemas.has(f.schema)).map((f) => ({
      schema: f.schema,
      name: f.name,
      identityArgs: f.identity_args,
      body: f.body ?? '',
      strict: f.strict,
      parallel: f.parallel,
      leakproof: f.leakproof,
      config: f.config,
      kind: f.kind,
      result: f.result ?? '',
      language: f.language,
      volatility: f.volatility,
      securityDefiner: f.security_definer,
      definition: f.definition,
    })),
    sequences: rows.SEQUENCES.filter((s) => schemas.has(s.schema)).map((s) => ({
      schema: s.schema,
      name: s.name,
      dataType: s.data_type,
      start: s.start,
      increment: s.increment,
      min: s.min,
      max: s.max,
      cache: s.cache,
      cycle: s.cycle,
    })),
    // Extensions are database-wide: kept whatever schema they live in (the platform's own are filtered by the diff).
    extensions: rows.EXTENSIONS.map((e) => ({ name: e.name, schema: e.schema })),
    publications: rows.PUBLICATIONS.map((p) => ({
      name: p.name,
      allTables: p.all_tables,
      actions: { insert: p.insert, update: p.update, delete: p.delete, truncate: p.truncate },
      tables: p.tables.map((t) => ({ schema: t.schema, name: t.name })),
    })),
  };
}
