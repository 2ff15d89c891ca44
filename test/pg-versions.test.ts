/**
 * The same schema gives the same model on PostgreSQL 15 (the machine's server), 17 (from an npm-shipped binary)
 * and 18 (PGlite), and types generated on 15 find no drift on the others.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './support/cli.js';
import { runCheck } from '../src/commands/check.js';
import type { SchemaModel } from '../src/model/schema.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { startPostgres17, type Server } from './support/pg17.js';
import { modelOf } from './support/model.js';
import { generateTypes } from './support/typegen.js';

const FEATURES = readFileSync(new URL('./fixtures/features.sql', import.meta.url), 'utf8');
const SCHEMAS = ['public', 'billing'];
const PASSWORD = 's3cret-Pa55';
const server = await resolveServer();
if (!server) console.warn('skipping the PostgreSQL version tests: no PostgreSQL 15 server');

const liveModel = (url: string) => modelOf({ kind: 'live', url }, SCHEMAS);

/** A view's definition is the server's own rendering of it (16 and later drop table qualifiers 15 prints). */
/** Privileges and extensions are left out too: PGlite carries the Supabase baseline's, a bare server does not. */
function withoutViewText(m: SchemaModel): SchemaModel {
  const model = { ...m, objects: undefined };
  return {
    ...model,
    views: model.views.map(({ definition, ...v }) => ({ ...v, hasDefinition: Boolean(definition) })) as never,
  };
}

describe.runIf(server)('PostgreSQL 15, 17 and 18', () => {
  let pg15: TestDatabase;
  let pg17: Server | string;
  let url17: string;
  let typesFile: string;

  beforeAll(async () => {
    pg15 = await createTestDatabase('sd_versions');
    await pg15.exec(FEATURES);
    const [{ server_version: v }] = await pg15.query<{ server_version: string }>('show server_version');
    if (!v.startsWith('15.')) console.warn(`"15" in these tests is the test server, here PostgreSQL ${v}`);
    typesFile = join(mkdtempSync(join(tmpdir(), 'sd-versions-')), 'types.ts');
    writeFileSync(typesFile, await generateTypes(pg15.url, SCHEMAS));
    pg17 = await startPostgres17(PASSWORD);
    if (typeof pg17 === 'string') {
      if (process.env.SCHEMA_DRIFT_REQUIRE_SERVER === '1') throw new Error(`PostgreSQL 17 is required here: ${pg17}`);
      console.warn(`skipping PostgreSQL 17: ${pg17}`);
      return;
    }
    const u = new URL(pg17.url);
    u.pathname = '/features';
    url17 = u.toString();
    const admin = new pg.Client({ connectionString: pg17.url });
    await admin.connect();
    await admin.query('create database features');
    await admin.end();
    const c = new pg.Client({ connectionString: url17 });
    await c.connect();
    await c.query(FEATURES);
    await c.end();
  }, 120_000);

  afterAll(async () => {
    if (typeof pg17 === 'object') pg17.stop();
    await pg15?.drop();
  });

  it('17 gives the same model as 15, but for the server-rendered view text', async () => {
    if (typeof pg17 === 'string') return;
    expect(pg17.version).toMatch(/\(PostgreSQL\) 17\./);
    expect(withoutViewText(await liveModel(url17))).toEqual(withoutViewText(await liveModel(pg15.url)));
  });

  it('18 (PGlite) gives the same model as 15, but for the server-rendered view text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-versions-mig-'));
    writeFileSync(join(dir, '20240101000000_features.sql'), FEATURES);
    const pglite = await modelOf({ kind: 'migrations', dirs: [dir] }, SCHEMAS);
    expect(withoutViewText(pglite)).toEqual(withoutViewText(await liveModel(pg15.url)));
  });

  it('a wrong password exits 2 with one line that names neither password', async () => {
    if (typeof pg17 === 'string') return;
    const u = new URL(url17);
    u.password = 'wr0ng-Guess';
    const r = await runInProcess(['check', '--db', u.toString(), '--types', typesFile]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/password authentication failed/)]);
    expect(r.stderr + r.stdout).not.toMatch(/wr0ng-Guess|s3cret-Pa55/);
    expect(r.stderr).toContain('postgres://postgres:***@127.0.0.1');
  });

  it('types generated on 15 find no drift on 17', async () => {
    if (typeof pg17 === 'string') return;
    const report = await runCheck({ only: 'structural', source: { kind: 'live', url: url17 }, typesFile, config: {} });
    expect(report.findings).toEqual([]);
  });
});
