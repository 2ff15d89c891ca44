/**
 * A suite that needs a PostgreSQL server, kept small so harness.fresh-machine.test.ts can run it where no server
 * answers. It never skips: the harness must have found or started a server.
 */
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/db.js';

describe('the test harness', () => {
  it('gives this file a database on a server that answers', async () => {
    const db = await createTestDatabase('sd_harness');
    try {
      const [row] = await db.query<{ v: string; db: string }>('select version() as v, current_database() as db');
      expect(row.db).toBe(db.name);
      console.log(`harness server: ${row.v.split(' on ')[0]}`);
    } finally {
      await db.drop();
    }
  });
});
