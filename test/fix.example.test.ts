/**
 * `fix` on the example app: the fixture's migrations plus the emitted file give a database `check` finds in sync
 * with types.ts except for the function bodies types.ts cannot tell; a second `fix` emits nothing; applying the
 * file twice succeeds; the file lands in the migrations folder under its numbering; a failed proof writes nothing.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { runFix } from '../src/commands/fix.js';
import { runInProcess } from './support/cli.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { applyProject, FIXTURE_MIGRATIONS, FIXTURE_TYPES } from './support/fixture.js';

const server = await resolveServer();
if (!server) console.warn('skipping the example fix tests: no PostgreSQL server');

describe.runIf(server)('fix on the example app', () => {
  let db: TestDatabase;
  let sql: string;
  const dir = mkdtempSync(join(tmpdir(), 'sd-fix-example-'));
  const twice = join(dir, 'twice');

  beforeAll(async () => {
    const result = await runFix({
      source: { kind: 'migrations', dirs: [FIXTURE_MIGRATIONS] },
      typesFile: FIXTURE_TYPES,
      config: {},
      stdout: true,
      notice: () => {},
    });
    if (result.kind !== 'stdout') throw new Error(`expected SQL, got ${result.kind}`);
    sql = result.text;
    if (process.env.SCHEMA_DRIFT_PRINT_FIX) writeFileSync(process.env.SCHEMA_DRIFT_PRINT_FIX, sql);
    mkdirSync(twice);
    writeFileSync(join(twice, '1_fix.sql'), sql);
    writeFileSync(join(twice, '2_fix_again.sql'), sql);
    db = await createTestDatabase('sd_fix_example');
    await applyProject(db, [FIXTURE_MIGRATIONS, twice]);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('applied (twice) on PostgreSQL 15, check finds only the functions whose bodies types.ts cannot tell', async () => {
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'live', url: db.url },
      typesFile: FIXTURE_TYPES,
      config: {},
    });
    expect(report.findings.map((f) => f.code)).toEqual(Array(7).fill('function_missing_in_database'));
    for (const f of report.findings)
      expect(sql).toContain(`-- create or replace function "public".${JSON.stringify(f.object)}(`);
  });

  it('a second fix emits nothing and says so in one line', async () => {
    const again = await runFix({
      source: { kind: 'migrations', dirs: [FIXTURE_MIGRATIONS, twice] },
      typesFile: FIXTURE_TYPES,
      config: {},
      notice: () => {},
    });
    expect(again).toEqual({
      kind: 'nothing',
      message: 'nothing to fix: 7 changes need hand-written SQL or --allow-destructive (see check)',
    });
  });

  it('writes NNN_slug.sql into the numbered migrations folder, and never over a file', async () => {
    const project = join(dir, 'project');
    cpSync(FIXTURE_MIGRATIONS, project, { recursive: true });
    const r = await runInProcess([
      'fix',
      '--migrations',
      project,
      '--types',
      FIXTURE_TYPES,
      '--name',
      'complete_types',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('008_complete_types.sql');
    expect(readdirSync(project).sort()).toEqual([
      '001_initial_schema.sql',
      '007_business_logic_tables.sql',
      '008_complete_types.sql',
    ]);
    expect(readFileSync(join(project, '008_complete_types.sql'), 'utf8')).toBe(
      sql.split(FIXTURE_MIGRATIONS).join(project),
    );
    const again = await runInProcess(['fix', '--migrations', project, '--types', FIXTURE_TYPES]);
    expect(again.status).toBe(0);
    expect(again.stderr.trim().split('\n')).toEqual([
      'schema-drift: nothing to fix: 7 changes need hand-written SQL or --allow-destructive (see check)',
    ]);
    expect(readdirSync(project)).toHaveLength(3);
  }, 120_000);

  it('a file that fails its proof is not written: exit 2 with the reason', async () => {
    const project = join(dir, 'bad');
    cpSync(FIXTURE_MIGRATIONS, project, { recursive: true });
    const config = join(dir, 'bad-config.json');
    writeFileSync(config, JSON.stringify({ columnTypes: { 'public.payments.amount_usd': 'no_such_type' } }));
    const r = await runInProcess(['fix', '--migrations', project, '--types', FIXTURE_TYPES, '--config', config]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /failed its proof, nothing written: <new migration>\/1_new_migration\.sql:\d+: .*no_such_type/,
    );
    expect(readdirSync(project)).toHaveLength(2);
  }, 120_000);

  it('on --shadow-db the proof runs in the shadow database the source built: the same file, nothing left behind', async () => {
    const before = await shadowDatabases(server!);
    const result = await runFix({
      source: { kind: 'shadow', url: server!, dirs: [FIXTURE_MIGRATIONS] },
      typesFile: FIXTURE_TYPES,
      config: {},
      stdout: true,
      notice: () => {},
    });
    if (result.kind !== 'stdout') throw new Error(`expected SQL, got ${result.kind}`);
    const body = (text: string) => text.replace(/^--[^\n]*\n/gm, '');
    expect(body(result.text)).toEqual(body(sql));
    expect(result.text).toMatch(/replayed in the\n-- shadow database/);
    expect(await shadowDatabases(server!)).toEqual(before);
  }, 120_000);
});

async function shadowDatabases(url: string): Promise<string[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      // This process's own (another test file may be replaying on the same server meanwhile).
      `select datname from pg_database where datname like $1 order by 1`,
      [`schema_drift_shadow_${process.pid}_%`],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}
