/**
 * Many test databases for one file, cheaply. On the server each CREATE DATABASE writes its template to the WAL and
 * each DROP DATABASE forces a checkpoint: made one at a time on a test's path they cost more than the test. Here
 * the databases are prepared a few at a time ahead of the tests that use them, and dropped together at the end
 * (concurrent drops share their checkpoints), so none is left behind.
 */
import pg from 'pg';
import { createTestDatabase, resolveServer, type TestDatabase } from './db.js';

/** At most this many databases are being created or dropped at once (the server has few cores too). */
const AT_ONCE = 4;

/** `fn` over every item, at most `limit` running at once; one promise per item, in order. */
export function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R>[] {
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async <X>(work: () => Promise<X>): Promise<X> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
  return items.map((item) => {
    const p = slot(() => fn(item));
    p.catch(() => {}); // reported where the test awaits it
    return p;
  });
}

/** Runs SQL on the server's admin database (cluster-wide setup such as roles, which needs no database of its own). */
export async function onServer(sql: string): Promise<void> {
  const url = await resolveServer();
  if (!url) throw new Error('no PostgreSQL server');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Test databases made ahead of use and all dropped by `dropAll` (in the file's afterAll). */
export class DatabasePool {
  private readonly made: Promise<TestDatabase | undefined>[] = [];
  private readonly preparing: Promise<unknown>[] = [];

  /** One prepared value per item: its databases created and set up, `AT_ONCE` at a time, in the items' order. */
  prepare<T, R>(
    items: readonly T[],
    setup: (item: T, create: (prefix: string) => Promise<TestDatabase>) => Promise<R>,
  ) {
    const prepared = eachLimited(items, AT_ONCE, (item) => setup(item, (prefix) => this.create(prefix)));
    this.preparing.push(...prepared.map((p) => p.catch(() => {})));
    return prepared;
  }

  create(prefix: string, template?: string): Promise<TestDatabase> {
    const db = createTestDatabase(prefix, template);
    this.made.push(db.catch(() => undefined));
    return db;
  }

  async dropAll(): Promise<void> {
    // A setup still waiting for its turn creates its databases later: wait for every one first.
    await Promise.all(this.preparing);
    const dbs = (await Promise.all(this.made)).filter((d): d is TestDatabase => d !== undefined);
    this.made.length = 0;
    // During a run `drop` only hands the name to the global teardown, which drops them all at the end.
    await Promise.all(dbs.map((db) => db.drop()));
  }
}
