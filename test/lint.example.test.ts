/**
 * The lints on the example app: the completed schema (fixture + migrations/) has none; the fixture brought up to
 * its types.ts by `fix` alone has exactly the problems the requirements document predicts (RLS and foreign key
 * indexes missing on the new tables), and `fix --lints` writes their remedies.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { runFix } from '../src/commands/fix.js';
import type { DatabaseSource } from '../src/introspect/source.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { applyProject, COMPLETING_MIGRATIONS, FIXTURE_MIGRATIONS, FIXTURE_TYPES } from './support/fixture.js';
import { describeFinding } from './support/lint.js';
import { modelOf } from './support/model.js';

const server = await resolveServer();
if (!server) console.warn('skipping the example on the server: no PostgreSQL server');
const lints = async (source: DatabaseSource) =>
  (await runCheck({ source, typesFile: null, config: {}, notice: () => {} })).findings.map(describeFinding).sort();

describe('the example app on the embedded database', () => {
  it('fixture plus migrations/: zero lint findings', async () => {
    expect(await lints({ kind: 'migrations', dirs: [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS] })).toEqual([]);
  }, 120_000);

  it('fixture plus fix: the new tables lack RLS and foreign key indexes; fix --lints writes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-lint-example-'));
    const structural = await runFix({
      source: { kind: 'migrations', dirs: [FIXTURE_MIGRATIONS] },
      typesFile: FIXTURE_TYPES,
      config: {},
      stdout: true,
      notice: () => {},
    });
    expect(structural.kind).toBe('stdout');
    if (structural.kind !== 'stdout') return;
    writeFileSync(join(dir, '100_structural.sql'), structural.text);
    const dirs = [FIXTURE_MIGRATIONS, dir];
    const fixtureTables = (await modelOf({ kind: 'migrations', dirs: [FIXTURE_MIGRATIONS] }, ['public'])).tables.map(
      (t) => t.name,
    );
    const model = await modelOf({ kind: 'migrations', dirs }, ['public']);
    const newTables = model.tables.filter((t) => !fixtureTables.includes(t.name));
    expect(newTables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['payments', 'story_purchases', 'creator_earnings', 'payouts', 'reading_progress']),
    );

    const found = await lints({ kind: 'migrations', dirs });
    // RLS missing on every new table, and an index on every new foreign key but those a primary or unique key leads with.
    const expected = [
      ...newTables.map((t) => `rls_disabled_in_public public.${t.name}`),
      ...newTables.flatMap((t) =>
        (t.foreignKeys ?? [])
          .filter(
            (fk) =>
              !(t.indexes ?? []).some((i) =>
                i.columns.slice(0, fk.columns.length).every((c, k) => c === fk.columns[k]),
              ),
          )
          .map((fk) => `unindexed_foreign_keys public.${t.name} ${fk.name}`),
      ),
    ].sort();
    expect(found).toEqual(expected);
    expect(found).toContain('unindexed_foreign_keys public.payments payments_user_id_fkey');

    const remedies = await runFix({
      source: { kind: 'migrations', dirs },
      typesFile: FIXTURE_TYPES,
      config: {},
      stdout: true,
      lints: true,
      notice: () => {},
    });
    expect(remedies.kind).toBe('stdout');
    if (remedies.kind !== 'stdout') return;
    writeFileSync(join(dir, '101_lints.sql'), remedies.text);
    const left = await lints({ kind: 'migrations', dirs });
    // What needs a person: tables with no owner column get RLS and no policy (service role only).
    expect(left.every((f) => f.startsWith('rls_enabled_no_policy '))).toBe(true);
    expect(left).not.toContain('rls_enabled_no_policy public.payments');
    expect(remedies.text).toMatch(
      /create policy "payments: select own" on "public"."payments" for select to authenticated using \(\(select auth.uid\(\)\) = "user_id"\)/,
    );
  }, 600_000);
});

describe.runIf(server)('the example app on the PostgreSQL server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sd_lint_example');
    await applyProject(db, [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS]);
  }, 120_000);
  afterAll(async () => db?.drop());

  it('fixture plus migrations/ (live database): zero lint findings', async () => {
    expect(await lints({ kind: 'live', url: db.url })).toEqual([]);
  });
});
