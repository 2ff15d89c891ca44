/**
 * A database's catalog as it would be after `sql`, read inside the transaction that ran it and rolled back after:
 * many changes tried on one database, each from the same state, with no copy of the database per change (a
 * CREATE DATABASE … TEMPLATE and its DROP, which waits on a checkpoint, cost far more than the change).
 */
import pg from 'pg';
import { readCatalog } from '../../src/introspect/catalog.js';
import { catalogReader } from '../../src/introspect/live.js';
import type { CatalogRows } from '../../src/introspect/sql/rows.js';

export async function catalogAfter(url: string, sql: string): Promise<CatalogRows> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    if (sql) await client.query(sql);
    return await readCatalog(catalogReader(client, url));
  } finally {
    await client.query('rollback').catch(() => {});
    await client.end();
  }
}
