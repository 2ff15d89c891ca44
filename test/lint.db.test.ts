/**
 * Each lint on a real database: one schema that triggers every lint once, one of near misses that triggers none,
 * on the PostgreSQL 15 server and on the embedded PGlite (PostgreSQL 18), with exactly the expected findings.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './support/cli.js';
import { runCheck } from '../src/commands/check.js';
import type { Finding } from '../src/findings/finding.js';
import { SUPABASE_BASELINE } from '../src/supabase/baseline/index.js';
import type { DatabaseSource } from '../src/introspect/source.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { describeFinding } from './support/lint.js';

const server = await resolveServer();
if (!server) console.warn('skipping the PostgreSQL 15 half of the lint tests: no PostgreSQL server');
const tmp = mkdtempSync(join(tmpdir(), 'sd-lint-'));

/** A clean read policy, so a table only shows the lint it is there for. */
const readPolicy = (t: string) => `alter table ${t} enable row level security;
  create policy "${t} read" on ${t} for select to authenticated using (true);`;

const TRIGGERS = `
  create extension if not exists citext with schema public;
  create schema api;
  grant usage on schema api to anon, authenticated;

  create table public.open_notes (id int primary key, body text);
  create table api.open_items (id int primary key);
  grant select on api.open_items to anon;

  create table public.ghost_policies (id int primary key);
  create policy "ghost read" on public.ghost_policies for select using (true);
  revoke all on public.ghost_policies from anon, authenticated;

  create table public.locked (id int primary key);
  alter table public.locked enable row level security;

  create table public.parents (id int primary key);
  ${readPolicy('public.parents')}
  create table public.children (id int primary key, parent_id int references public.parents (id));
  ${readPolicy('public.children')}

  create table public.owned (id int primary key, user_id uuid);
  alter table public.owned enable row level security;
  create policy own on public.owned for select to authenticated using (auth.uid() = user_id);

  create table public.multi (id int primary key, public boolean);
  alter table public.multi enable row level security;
  create policy "multi public" on public.multi for select to authenticated using (public);
  create policy "multi all" on public.multi for all to authenticated using (true);

  create table public.dupes (id int primary key, a int);
  ${readPolicy('public.dupes')}
  create index dupes_a_1 on public.dupes (a);
  create index dupes_a_2 on public.dupes (a);

  create table public.keyless (a int);
  ${readPolicy('public.keyless')}

  create function public.loose_fn() returns int language sql as 'select 1';
  create function public.touch() returns trigger language plpgsql as $$ begin return new; end $$;

  create view public.owner_view as select id from public.multi;

  create table public.meta (id int primary key);
  alter table public.meta enable row level security;
  create policy "meta admin" on public.meta for select to authenticated
    using (((select auth.jwt()) -> 'user_metadata' ->> 'role') = 'admin');
`;

const EXPECTED = [
  'extension_in_public public.citext',
  'rls_disabled_in_public public.open_notes',
  'rls_disabled_in_public api.open_items',
  'policy_exists_rls_disabled public.ghost_policies',
  'rls_enabled_no_policy public.locked',
  'unindexed_foreign_keys public.children children_parent_id_fkey',
  'auth_rls_initplan public.owned own',
  'multiple_permissive_policies public.multi',
  'duplicate_index public.dupes dupes_a_1,dupes_a_2',
  'no_primary_key public.keyless',
  'function_search_path_mutable public.loose_fn',
  'function_search_path_mutable public.touch',
  'security_definer_view public.owner_view',
  'rls_references_user_metadata public.meta meta admin',
].sort();

const NEAR_MISSES = `
  create extension if not exists citext with schema extensions;
  create schema private;

  create table public.notes (id int primary key, user_id uuid, body text);
  alter table public.notes enable row level security;
  create policy "notes own" on public.notes for select to authenticated using ((select auth.uid()) = user_id);
  create policy "notes insert" on public.notes for insert to authenticated with check ((select auth.uid()) = user_id);
  create policy "notes staff" on public.notes as restrictive for select to authenticated
    using (((select auth.jwt()) -> 'app_metadata' ->> 'role') is not null);

  create table public.service_only (id int primary key);
  alter table public.service_only enable row level security;
  revoke all on public.service_only from anon, authenticated;
  create table public.internal (id int primary key);
  revoke all on public.internal from anon, authenticated;
  create table private.audit_log (id int primary key, at timestamptz);

  create table public.pairs (a int, b int, primary key (a, b));
  ${readPolicy('public.pairs')}
  create table public.pair_refs (id int primary key, a int, b int, foreign key (a, b) references public.pairs (a, b));
  ${readPolicy('public.pair_refs')}
  create index pair_refs_b_a on public.pair_refs (b, a);

  create table public.indexed (id int primary key, a int);
  ${readPolicy('public.indexed')}
  create index indexed_a on public.indexed (a);
  create index indexed_a_positive on public.indexed (a) where a > 0;

  create function public.tight_fn() returns int language sql set search_path = '' as 'select 1';
  create view public.invoker_view with (security_invoker = true) as select id from public.notes;
  create view private.report as select id from public.notes;
`;

function migrationDir(name: string, sql: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '20240101000000_schema.sql'), sql);
  return dir;
}

const lintsOf = async (source: DatabaseSource) => {
  const report = await runCheck({ source, typesFile: null, config: {}, apiSchemas: ['public', 'api'] });
  return report.findings.map(describeFinding).sort();
};

describe('the lints on the embedded database (PGlite)', () => {
  it('a schema with every problem: exactly one finding per problem', async () => {
    expect(await lintsOf({ kind: 'migrations', dirs: [migrationDir('triggers', TRIGGERS)] })).toEqual(EXPECTED);
  });
  it('the near misses: none', async () => {
    expect(await lintsOf({ kind: 'migrations', dirs: [migrationDir('near-misses', NEAR_MISSES)] })).toEqual([]);
  });
});

describe.runIf(server)('the lints on the PostgreSQL server', () => {
  let bad: TestDatabase;
  let good: TestDatabase;
  beforeAll(async () => {
    bad = await createTestDatabase('sd_lint_bad');
    good = await createTestDatabase('sd_lint_good');
    await bad.exec(SUPABASE_BASELINE + TRIGGERS);
    await good.exec(SUPABASE_BASELINE + NEAR_MISSES);
  }, 60_000);
  afterAll(async () => {
    await bad?.drop();
    await good?.drop();
  });

  it('a schema with every problem: exactly one finding per problem', async () => {
    expect(await lintsOf({ kind: 'live', url: bad.url })).toEqual(EXPECTED);
  });
  it('the near misses: none', async () => {
    expect(await lintsOf({ kind: 'live', url: good.url })).toEqual([]);
  });

  it('check --db without a types file is a schema audit: lints only, exit 1 on an error-level lint', async () => {
    const r = await runInProcess(['check', '--db', bad.url, '--format', 'json'], { cwd: tmp });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.types).toBeNull();
    expect(r.stderr).toMatch(/no types file found: schema audit \(lints only\)/);
    // The CLI exposes public only; api.open_items is not reported.
    expect(report.findings).toHaveLength(EXPECTED.length - 1);
    expect(report.summary).toEqual({ error: 3, warning: 10, info: 0 });
    const clean = await runInProcess(['check', '--db', good.url], { cwd: tmp });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('types: none (schema audit: lints only)');
  });

  it('--only structural needs a types file; config ignores a lint for a named object and turns one off', async () => {
    const only = await runInProcess(['check', '--db', bad.url, '--only', 'structural'], { cwd: tmp });
    expect(only.status).toBe(2);
    expect(only.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--only structural compares a types file/)]);
    const config = join(tmp, 'lint-config.json');
    writeFileSync(
      config,
      JSON.stringify({
        ignore: [
          'rls_disabled_in_public:public.open_notes',
          'policy_exists_rls_disabled:public.ghost_policies',
          'security_definer_view:public.owner_view',
        ],
        severity: { no_primary_key: 'off' },
      }),
    );
    const r = await runInProcess(['check', '--db', bad.url, '--config', config, '--format', 'json'], { cwd: tmp });
    expect(r.status).toBe(0);
    const codes = JSON.parse(r.stdout).findings.map((f: Finding) => `${f.code} ${f.object}`);
    expect(codes).not.toContain('rls_disabled_in_public open_notes');
    expect(codes).not.toContain('no_primary_key keyless');
    expect(codes).toContain('unindexed_foreign_keys children');
  });
});
