/**
 * `schema-drift audit` on temporary git repositories: a base commit, then one branch per case. Types are written
 * by Supabase's generator from PostgreSQL 15 with the same SQL, so "matching types" means what the generator says.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES_SQL } from '../src/supabase/baseline/roles.sql.js';
import { createTestDatabase, serverOrSkipReason, type TestDatabase } from './support/db.js';
import { runInProcess } from './support/cli.js';
import { generateTypes } from './support/typegen.js';

const server = await serverOrSkipReason();

const BASE_SQL = `create table public.notes (id bigint generated always as identity primary key, body text not null);
alter table public.notes enable row level security;
create policy "read notes" on public.notes for select to authenticated using (true);
`;

const dbs: TestDatabase[] = [];
/** types.ts as the generator writes it for this SQL. */
async function typesFor(sql: string): Promise<string> {
  const db = await createTestDatabase('sd_audit');
  dbs.push(db);
  await db.exec(ROLES_SQL);
  await db.exec(sql);
  return generateTypes(db.url, ['public']);
}

function git(repo: string, ...args: string[]) {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
    },
  });
}

function write(repo: string, path: string, text: string) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

async function audit(repo: string, ...args: string[]) {
  return await auditWith({}, repo, ...args);
}

async function auditWith(o: { env?: Record<string, string>; base?: string }, repo: string, ...args: string[]) {
  const env = o.env ?? {};
  const r = await runInProcess(
    ['audit', '--base', o.base ?? 'main', '--types', 'src/types/supabase.ts', '--format', 'json', ...args],
    { cwd: repo, env },
  );
  const report = r.stdout ? JSON.parse(r.stdout) : undefined;
  return {
    code: r.status,
    stderr: r.stderr,
    report,
    found: (report?.findings ?? [])
      .map((f: any) => [f.code, f.location ? `${f.location.file}:${f.location.line}` : null])
      .sort(),
  };
}

describe.runIf(server)('audit', () => {
  let repo: string;
  let baseTypes: string;
  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'sd-audit-'));
    git(repo, 'init', '-q', '-b', 'main');
    baseTypes = await typesFor(BASE_SQL);
    write(repo, 'supabase/migrations/20240101000000_notes.sql', BASE_SQL);
    write(repo, 'src/types/supabase.ts', baseTypes);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
  }, 120_000);
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  /** A new branch from main, with nothing left over from the previous case. */
  function branch(name: string) {
    git(repo, 'reset', '-q', '--hard');
    git(repo, 'clean', '-qfd');
    git(repo, 'checkout', '-q', '-B', name, 'main');
  }

  it('a safe migration with regenerated types: nothing, exit 0', async () => {
    branch('safe');
    const sql = 'alter table public.notes add column title text;\n';
    write(repo, 'supabase/migrations/20240201000000_title.sql', sql);
    write(repo, 'src/types/supabase.ts', await typesFor(BASE_SQL + sql));
    const r = await audit(repo);
    expect(r.stderr).toBe('');
    expect(r.found).toEqual([]);
    expect(r.code).toBe(0);
    // The same, from a committed head instead of the working tree.
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'safe');
    expect((await audit(repo, '--head', 'safe')).found).toEqual([]);
  }, 120_000);

  it('a new table without RLS', async () => {
    branch('no-rls');
    const sql = '-- tags\n\ncreate table public.tags (id bigint primary key, name text);\n';
    write(repo, 'supabase/migrations/20240202000000_tags.sql', sql);
    write(repo, 'src/types/supabase.ts', await typesFor(BASE_SQL + sql));
    const r = await audit(repo);
    expect(r.found).toEqual([['new_table_without_rls', 'supabase/migrations/20240202000000_tags.sql:3']]);
    expect(r.code).toBe(1);
  }, 120_000);

  it('a non-concurrent index and a NOT NULL column without a default on an existing table', async () => {
    branch('locks');
    const sql =
      'create index notes_body_idx on public.notes (body);\nalter table public.notes add column owner uuid not null;\n';
    write(repo, 'supabase/migrations/20240203000000_owner.sql', sql);
    write(repo, 'src/types/supabase.ts', await typesFor(BASE_SQL + sql));
    expect((await audit(repo)).found).toEqual([
      ['add_column_not_null_without_default', 'supabase/migrations/20240203000000_owner.sql:2'],
      ['index_not_concurrent', 'supabase/migrations/20240203000000_owner.sql:1'],
    ]);
  }, 120_000);

  it('an edited old migration', async () => {
    branch('edit-old');
    write(repo, 'supabase/migrations/20240101000000_notes.sql', `${BASE_SQL}-- tidied\n`);
    expect((await audit(repo)).found).toEqual([['migration_edited', 'supabase/migrations/20240101000000_notes.sql:1']]);
  }, 120_000);

  it('types changed without a migration: the types are ahead of the database', async () => {
    branch('types-only');
    write(repo, 'src/types/supabase.ts', await typesFor(`${BASE_SQL}alter table public.notes add column title text;`));
    const r = await audit(repo);
    const codes = r.found.map(([c]: [string]) => c);
    expect(codes).toContain('types_without_migration');
    // And the finding the branch introduces, at its line in types.ts.
    expect(r.report.findings.find((f: any) => f.code === 'column_missing_in_database')).toMatchObject({
      column: 'title',
      location: { file: 'src/types/supabase.ts' },
    });
    expect(codes.sort()).toEqual(['column_missing_in_database', 'types_without_migration']);
  }, 120_000);

  it('a migration without regenerated types', async () => {
    branch('migration-only');
    write(repo, 'supabase/migrations/20240204000000_title.sql', 'alter table public.notes add column title text;\n');
    const r = await audit(repo);
    expect(r.found.map(([c]: [string]) => c).sort()).toEqual(['column_missing_in_types', 'migration_without_types']);
    expect(readFileSync(join(repo, 'src/types/supabase.ts'), 'utf8')).toBe(baseTypes);
  }, 120_000);

  it('a dropped column with another of the same type added: a possible rename', async () => {
    branch('rename');
    const sql = 'alter table public.notes drop column body;\nalter table public.notes add column content text;\n';
    write(repo, 'supabase/migrations/20240205000000_rename.sql', sql);
    write(repo, 'src/types/supabase.ts', await typesFor(BASE_SQL + sql));
    expect((await audit(repo)).found).toEqual([
      ['drop_column', 'supabase/migrations/20240205000000_rename.sql:1'],
      ['possible_rename', 'supabase/migrations/20240205000000_rename.sql:2'],
    ]);
  }, 120_000);

  it("new migrations after base's are replayed onto base's database (one engine), with the libraries they need", async () => {
    branch('trgm');
    const sql =
      'create extension if not exists pg_trgm with schema extensions;\ncreate index notes_trgm on public.notes using gin (body extensions.gin_trgm_ops);\n';
    write(repo, 'supabase/migrations/20240206000000_trgm.sql', sql);
    const r = await auditWith({ env: { SCHEMA_DRIFT_TIMING: '1' } }, repo);
    expect(r.found).toEqual([['index_not_concurrent', 'supabase/migrations/20240206000000_trgm.sql:2']]);
    expect(r.stderr.match(/timing: PostgreSQL ready/g)).toHaveLength(1);
    // A new file that sorts before base's last one changes the order: both revisions are replayed from the start.
    write(repo, 'supabase/migrations/20231231000000_early.sql', 'create table public.early (id int);\n');
    const both = await auditWith({ env: { SCHEMA_DRIFT_TIMING: '1' } }, repo);
    expect(both.stderr.match(/timing: PostgreSQL ready/g)).toHaveLength(2);
    expect(both.found).toEqual([
      ['index_not_concurrent', 'supabase/migrations/20240206000000_trgm.sql:2'],
      ['migration_without_types', 'supabase/migrations/20231231000000_early.sql:1'],
      ['new_table_without_rls', 'supabase/migrations/20231231000000_early.sql:1'],
      ['table_missing_in_types', null],
    ]);
  }, 120_000);

  it("an index on a stand-in extension's type, added after base made the stand-in, is skipped as in one replay", async () => {
    branch('gis-base');
    write(
      repo,
      'supabase/migrations/20240207000000_gis.sql',
      'create extension if not exists postgis with schema extensions;\ncreate table public.places (id bigint primary key, at extensions.geometry);\nalter table public.places enable row level security;\n',
    );
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'gis');
    write(
      repo,
      'supabase/migrations/20240208000000_gis_index.sql',
      'create index places_at on public.places using gist (at);\n',
    );
    const r = await auditWith({ env: { SCHEMA_DRIFT_TIMING: '1' }, base: 'gis-base' }, repo);
    expect(r.stderr.match(/timing: PostgreSQL ready/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/20240208000000_gis_index\.sql:1: skipped index places_at: .*stand-in/);
    expect(r.found).toEqual([['index_not_concurrent', 'supabase/migrations/20240208000000_gis_index.sql:1']]);
  }, 120_000);

  it('a branch that adds only a misnamed file: one replay, and the notice that it is not a migration', async () => {
    branch('misnamed');
    write(repo, 'supabase/migrations/add_users.sql', 'create table public.users (id int);\n');
    const r = await auditWith({ env: { SCHEMA_DRIFT_TIMING: '1' } }, repo);
    expect(r.stderr).toMatch(/skipped \S*add_users\.sql: not a migration/);
    expect(r.stderr.match(/timing: PostgreSQL ready/g)).toHaveLength(1);
    expect(r.found).toEqual([]);
  }, 120_000);

  it('git is only read: the working tree and index are as they were', async () => {
    const status = git(repo, 'status', '--porcelain');
    await audit(repo);
    expect(git(repo, 'status', '--porcelain')).toBe(status);
  }, 120_000);
});
