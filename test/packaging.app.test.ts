/**
 * The package as a Supabase project would use it: `npm pack`, then `npm install <tarball>` into a fresh project laid
 * out like a Supabase app (types in src/types/supabase.ts, supabase/config.toml with an extra API schema), outside
 * the checkout so nothing resolves from the checkout's node_modules, and `npx schema-drift check` run from a
 * subfolder with no flags. Stale types: exit 1 with exactly the expected findings; regenerated with
 * `schema-drift types`: exit 0. The programmatic API (`import { check } from 'schema-drift'`, through the package's
 * `exports`) gives the same report.
 *
 * The install uses the npm cache every install on this machine shares, `--prefer-offline`, so it reaches the
 * registry only for what the cache lacks.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmCommand } from './support/platform.js';
import { ROLES_SQL } from '../src/supabase/baseline/roles.sql.js';
import { createTestDatabase, serverOrSkipReason, type TestDatabase } from './support/db.js';
import { ROOT } from './support/package-copy.js';
import { generateTypes } from './support/typegen.js';

const run = promisify(execFile);

const server = await serverOrSkipReason();

const INIT = `create table public.notes (
  id bigint generated always as identity primary key,
  owner uuid not null default auth.uid() references auth.users (id),
  body text not null
);
create index notes_owner_idx on public.notes (owner);
alter table public.notes enable row level security;
create policy "own notes" on public.notes for all to authenticated
  using ((select auth.uid()) = owner) with check ((select auth.uid()) = owner);
create schema billing;
create table billing.invoices (id bigint generated always as identity primary key, amount numeric(12,2) not null);
alter table billing.invoices enable row level security;
`;
const MORE =
  'alter table public.notes add column title text;\nalter table billing.invoices add column paid_at timestamptz;\n';

/** What Supabase provides that the SQL above uses, for a bare server (the embedded database has the baseline). */
const AUTH_STUB = `create schema if not exists auth;
create table if not exists auth.users (id uuid primary key);
create or replace function auth.uid() returns uuid language sql stable as $$ select null::uuid $$;
${ROLES_SQL}`;

const CONFIG_TOML = `project_id = "app"\n[api]\nschemas = ["public", "graphql_public", "billing"]\n[db]\nport = 54999\n`;

describe.runIf(server)('the packed package in a Supabase project', () => {
  let root: string;
  let app: string;
  let db: TestDatabase;
  /** The JSON report of the first check, for the API's to equal. */
  let cliReport: { findings: Array<{ key: string }>; database: unknown } | undefined;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sd-app-'));
    app = join(root, 'app');
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'app', private: true, type: 'module' }),
      'supabase/config.toml': CONFIG_TOML,
      'supabase/migrations/20240101000000_init.sql': INIT,
      'supabase/migrations/20240201000000_more.sql': MORE,
      'src/app/page.tsx': 'export default function Page() { return null }\n',
      // What a user's script would do with the API.
      'src/app/report.mjs':
        "import { check } from 'schema-drift';\nprocess.stdout.write(JSON.stringify(await check()));\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), text);
    }
    const install = async () => {
      // dist/ is built (npm test builds first); prepack would only build it again.
      const { stdout } = await run(...npmCommand(['pack', '--ignore-scripts', '--json', '--pack-destination', root]), {
        cwd: ROOT,
      });
      const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
      await run(
        ...npmCommand([
          'install',
          '--save-dev',
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
          join(root, packed.filename),
        ]),
        { cwd: app, env: { ...process.env, npm_config_loglevel: 'error' } },
      );
    };
    // Types written by Supabase's generator before the second migration: stale.
    const staleTypes = async () => {
      db = await createTestDatabase('sd_app');
      await db.exec(AUTH_STUB + INIT);
      mkdirSync(join(app, 'src', 'types'), { recursive: true });
      writeFileSync(join(app, 'src', 'types', 'supabase.ts'), await generateTypes(db.url, ['public', 'billing']));
    };
    await Promise.all([install(), staleTypes()]);
  }, 240_000);

  afterAll(async () => {
    await db?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const npx = (...args: string[]) =>
    // `npx --no-install schema-drift`, as npm's own exec (no shell needed for npm's .cmd on Windows).
    spawnSync(...npmCommand(['exec', '--no', '--', 'schema-drift', ...args]), {
      cwd: join(app, 'src', 'app'),
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', SUPABASE_DB_URL: '', NO_COLOR: '1' },
      timeout: 300_000,
    });
  const structural = (report: { findings: Array<{ key: string; kind: string; code: string }> }) =>
    report.findings
      .filter(
        (f) =>
          !/^(rls_|unindexed|auth_rls|multiple_|duplicate_index|no_primary|function_search|security_definer|extension_in)/.test(
            f.code,
          ),
      )
      .map((f) => f.key)
      .sort();
  const EXPECTED = ['column_missing_in_types:billing.invoices.paid_at', 'column_missing_in_types:public.notes.title'];

  it('check from a subfolder, no flags: finds the project, its config.toml schemas and its types; exit 1 on stale types', () => {
    const r = npx('check', '--format', 'json');
    cliReport = JSON.parse(r.stdout);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/using types file \S*src\/types\/supabase\.ts\n/);
    expect(structural(JSON.parse(r.stdout))).toEqual(EXPECTED);
    for (const f of JSON.parse(r.stdout).findings) expect(f.hint).toEqual(expect.any(String));
  }, 300_000);

  it('the programmatic API, imported by name, gives the same report', () => {
    const cli = cliReport!;
    const api = spawnSync(process.execPath, ['report.mjs'], {
      cwd: join(app, 'src', 'app'),
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', SUPABASE_DB_URL: '' },
      timeout: 300_000,
    });
    expect(api.status, api.stderr).toBe(0);
    const report = JSON.parse(api.stdout);
    expect(structural(report)).toEqual(EXPECTED);
    expect(report.findings.map((f: { key: string }) => f.key)).toEqual(cli.findings.map((f: { key: string }) => f.key));
    expect(report.types).toMatch(/src[\\/]types[\\/]supabase\.ts$/);
    expect(report.database).toEqual(cli.database);
  }, 300_000);

  it('after `schema-drift types --out` (the API schemas from config.toml): in sync, exit 0', () => {
    const gen = npx('types', '--out', '../types/supabase.ts');
    expect(gen.status, gen.stderr).toBe(0);
    expect(readFileSync(join(app, 'src', 'types', 'supabase.ts'), 'utf8')).toMatch(/paid_at/);
    const r = npx('check');
    expect(r.stdout).toMatch(/In sync|0 errors/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(npx('types', '--check', '--out', '../types/supabase.ts').status).toBe(0);
  }, 300_000);
});
