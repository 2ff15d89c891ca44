/**
 * `schema-drift types` is Supabase's generator run over the source's open session: byte-identical to
 * postgrest-typegen on a live database, and the same file from the migrations (embedded PGlite) and --shadow-db;
 * `check` on it is clean; `--check` exits 1 when the file on disk differs.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { generateTypes } from '../src/commands/types.js';
import { runInProcess } from './support/cli.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { generateTypes as referenceTypes } from './support/typegen.js';

const FEATURES = readFileSync(new URL('./fixtures/features.sql', import.meta.url), 'utf8');
const SCHEMAS = ['public', 'billing'];
const server = await resolveServer();
if (!server) console.warn('skipping types tests: no PostgreSQL server');

describe.runIf(server)('schema-drift types', () => {
  let db: TestDatabase;
  let reference: string;
  const dir = mkdtempSync(join(tmpdir(), 'sd-types-'));
  const migrations = join(dir, 'migrations');

  beforeAll(async () => {
    db = await createTestDatabase('sd_types');
    await db.exec(FEATURES);
    // As the Supabase CLI runs the generator: with each relationship's isOneToOne.
    reference = await referenceTypes(db.url, SCHEMAS, { detectOneToOneRelationships: true });
    expect(reference).toMatch(/isOneToOne: (true|false)/);
    mkdirSync(migrations, { recursive: true });
    writeFileSync(join(migrations, '20240101000000_features.sql'), FEATURES);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('from a live database: byte-identical to postgrest-typegen, and check on it is clean', async () => {
    const text = await generateTypes({ source: { kind: 'live', url: db.url }, schemas: SCHEMAS });
    expect(text).toBe(reference);
    const file = join(dir, 'live.ts');
    writeFileSync(file, text);
    expect(
      (await runCheck({ only: 'structural', source: { kind: 'live', url: db.url }, typesFile: file, config: {} }))
        .findings,
    ).toEqual([]);
  });

  it('from the migrations replayed in the embedded database: the same file', async () => {
    const text = await generateTypes({
      source: { kind: 'migrations', dirs: [migrations] },
      schemas: SCHEMAS,
      notice: () => {},
    });
    expect(text).toBe(reference);
  });

  it('from --shadow-db: the same file', async () => {
    const text = await generateTypes({
      source: { kind: 'shadow', url: server!, dirs: [migrations] },
      schemas: SCHEMAS,
      notice: () => {},
    });
    expect(text).toBe(reference);
  });

  it('the CLI writes --out atomically and --check exits 1 only when the file differs', async () => {
    const out = join(dir, 'cli', 'types.ts');
    const run = (args: string[]) =>
      runInProcess(['types', '--db', db.url, '--schema', 'public', '--schema', 'billing', ...args]);
    expect((await run(['--check', '--out', out])).status).toBe(1); // missing
    expect((await run(['--out', out])).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(reference);
    expect((await run(['--check', '--out', out])).status).toBe(0);
    writeFileSync(out, `${reference}\n`);
    const r = await run(['--check', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('differs');
    expect(readFileSync(out, 'utf8')).toBe(`${reference}\n`); // --check writes nothing
    const printed = await run([]);
    expect(printed.stdout).toBe(reference);
  }, 120_000);
});
