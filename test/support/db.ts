/**
 * The test database harness. Resolves a real PostgreSQL server in the order DESIGN.md gives
 * (TEST_DATABASE_URL, then 127.0.0.1:5432; where neither answers, global-setup.ts has started one from the
 * npm-shipped binaries and set TEST_DATABASE_URL) and gives each test file its own fresh database.
 * Under SCHEMA_DRIFT_REQUIRE_SERVER=1 (CI) a missing server fails the run instead of skipping.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../src/model/quote.js';

export const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL as the superuser on this database (a test's setup, never the code under test). */
  exec(sql: string): Promise<void>;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

let serverUrl: Promise<string | null> | undefined;

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The admin URL of the server the tests use, or null when none answers (and none is required). */
export function resolveServer(): Promise<string | null> {
  serverUrl ??= (async () => {
    // A configured URL is the only one: a run meant for another server must not fall back to the machine's.
    const candidates = [process.env.TEST_DATABASE_URL || LOCAL_URL];
    for (const url of candidates) if (await canConnect(url)) return url;
    if (process.env.SCHEMA_DRIFT_REQUIRE_SERVER === '1') {
      throw new Error(`SCHEMA_DRIFT_REQUIRE_SERVER=1 but no PostgreSQL answered at ${candidates.join(' or ')}`);
    }
    return null;
  })();
  return serverUrl;
}

/** Skips a suite, with a printed reason, when there is no server and none is required. */
export async function serverOrSkipReason(): Promise<string | null> {
  const url = await resolveServer();
  if (!url) console.warn('skipping: no PostgreSQL server (set TEST_DATABASE_URL or start one on 127.0.0.1:5432)');
  return url;
}

export function withDatabase(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database; a copy of `template` (a database nobody is connected to) when given. */
export async function createTestDatabase(prefix = 'sd_test', template?: string): Promise<TestDatabase> {
  const admin = await resolveServer();
  if (!admin) throw new Error('no PostgreSQL server');
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`create database ${quoteIdent(name)}${template ? ` template ${quoteIdent(template)}` : ''}`);
  await adminClient.end();
  const url = withDatabase(admin, name);
  // A connection per call: none is left open, so the database can serve as a template or be dropped.
  const withClient = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    url,
    name,
    exec: (sql) => withClient(async (c) => void (await c.query(sql))),
    query: (sql, params) => withClient(async (c) => (await c.query(sql, params as any[])).rows),
    async drop() {
      // Dropping makes the server checkpoint (seconds on a busy machine): during a run the name is handed to the
      // global teardown, which drops them all at the end, when the server is otherwise idle.
      const runDir = process.env.SCHEMA_DRIFT_TEST_RUN_DIR;
      if (runDir && existsSync(runDir)) return appendFileSync(join(runDir, `drop-${process.pid}`), `${name}\n`);
      await dropDatabases(admin, [name]);
    },
  };
}

/**
 * Drops every object in `schema` (tables, views, sequences, routines, types) and keeps the schema with its grants
 * and default privileges: a database reused from case to case goes back to what it was before them, without the
 * DROP DATABASE (it waits on a checkpoint) and CREATE DATABASE a fresh one per case costs.
 */
export async function emptySchema(db: TestDatabase, schema: string): Promise<void> {
  const ns = `${quoteLiteral(schema)}::regnamespace`;
  // One round trip for the list, in the order the drops must run: relations (sequences last, as one an identity
  // or serial column owns goes with its table), the types no table owns, then routines (a range type's
  // constructors go with it).
  const objects = await db.query<{ kind: string; name: string; args: string | null }>(
    `select kind, name, args from (
      select 1 as o, relkind::text as kind, relname as name, null as args from pg_class
        where relnamespace = ${ns} and relkind in ('r','p','v','m','f','S')
      union all
      select 2, 'type', t.typname, null from pg_type t left join pg_class c on c.oid = t.typrelid
        where t.typnamespace = ${ns} and (t.typtype in ('e','d','r') or (t.typtype = 'c' and c.relkind = 'c'))
      union all
      select 3, 'routine', proname, pg_get_function_identity_arguments(oid) from pg_proc where pronamespace = ${ns}
    ) x order by o, kind = 'S'`,
  );
  const KIND: Record<string, string> = {
    r: 'table',
    p: 'table',
    v: 'view',
    m: 'materialized view',
    f: 'foreign table',
    S: 'sequence',
    type: 'type',
  };
  const drops = objects.map((o) =>
    o.kind === 'routine'
      ? `drop routine if exists ${quoteQualified(schema, o.name)}(${o.args}) cascade`
      : `drop ${KIND[o.kind]} if exists ${quoteQualified(schema, o.name)} cascade`,
  );
  if (drops.length) await db.exec(drops.join(';\n'));
}

/** Drops these databases (sessions still in them are ended), a few at a time. */
export async function dropDatabases(adminUrl: string, names: string[]): Promise<void> {
  const queue = [...names];
  const lane = async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      for (let name = queue.shift(); name !== undefined; name = queue.shift())
        await c.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, lane));
}
