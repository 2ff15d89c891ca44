/**
 * The creator-platform types.ts is exactly what Supabase's generator writes for the completed schema
 * (fixture migrations + migrations/). Set SCHEMA_DRIFT_WRITE_FIXTURE_TYPES=1 to rewrite it from the generator.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { applyProject, COMPLETING_MIGRATIONS, FIXTURE_MIGRATIONS, FIXTURE_TYPES } from './support/fixture.js';
import { generateTypes } from './support/typegen.js';

const server = await resolveServer();
if (!server) console.warn('skipping fixture types test: no PostgreSQL server');

describe.runIf(server)('fixtures/creator-platform/lib/supabase/types.ts', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sd_fixture_types');
    await applyProject(db, [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS]);
  });
  afterAll(async () => db?.drop());

  it("equals the generator's output for the completed database", async () => {
    const generated = await generateTypes(db.url, ['public']);
    if (process.env.SCHEMA_DRIFT_WRITE_FIXTURE_TYPES === '1') writeFileSync(FIXTURE_TYPES, generated);
    expect(readFileSync(FIXTURE_TYPES, 'utf8')).toBe(generated);
  });
});
