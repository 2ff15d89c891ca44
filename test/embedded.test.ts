/**
 * The embedded database (PGlite, PostgreSQL 18 in WASM) and --shadow-db (a temporary database on the
 * PostgreSQL 15 server) replay the same migrations into the same model, and a Supabase project's migrations
 * apply unchanged on the baseline.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itWhere, onWindows } from './support/platform.js';
import { runInProcess } from './support/cli.js';
import { runCheck, structuralFindings } from '../src/commands/check.js';
import { applyConfig } from '../src/config.js';
import { InputError } from '../src/errors.js';
import { buildModel } from '../src/introspect/catalog.js';
import { openBaseline } from '../src/introspect/embedded.js';
import { readSource } from '../src/introspect/source.js';
import { SHADOW_PREFIX } from '../src/introspect/shadow.js';
import { parseTypesFile } from '../src/typeparse/parseTypes.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { modelOf } from './support/model.js';
import { generateTypes } from './support/typegen.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const server = await resolveServer();
if (!server) console.warn('skipping embedded-vs-server tests: no PostgreSQL server');
const tmp = mkdtempSync(join(tmpdir(), 'sd-embedded-'));

function migrations(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, sql] of Object.entries(files)) writeFileSync(join(dir, file), sql);
  return dir;
}

// The many-feature schema of the oracle tests, as a one-file migration folder.
const FEATURES_DIR = migrations('features', {
  '20240101000000_features.sql': readFileSync(new URL('./fixtures/features.sql', import.meta.url), 'utf8'),
});

const SUPABASE_PROJECT = migrations('supabase-project', {
  '20240101000000_extensions.sql': `
    create extension if not exists vector with schema extensions;
    create extension if not exists pg_net;
    create extension if not exists pg_trgm with schema extensions;`,
  '20240102000000_docs.sql': `
    create table public.docs (
      id uuid primary key default extensions.uuid_generate_v4(),
      owner uuid not null references auth.users (id) on delete cascade,
      title text not null,
      embedding vector(1536),
      secret_hash text default extensions.crypt('x', extensions.gen_salt('bf'))
    );
    create index docs_title_trgm on public.docs using gin (title extensions.gin_trgm_ops);
    create index docs_embedding_hnsw on public.docs using hnsw (embedding extensions.vector_cosine_ops) with (m = 16);
    create index on public.docs using ivfflat (embedding extensions.vector_l2_ops) with (lists = 100);
    alter table public.docs enable row level security;
    create policy "read own docs" on public.docs for select to authenticated using ((select auth.uid()) = owner);
    create policy "admins" on public.docs for all using (auth.jwt() ->> 'role' = 'admin');
    insert into storage.buckets (id, name, public) values ('avatars', 'avatars', false);
    create policy "own avatar" on storage.objects for select to authenticated
      using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text and storage.extension(name) = 'png');
    alter publication supabase_realtime add table public.docs;
    create function public.ping_hook() returns bigint language sql as $$ select net.http_post('https://example.test/hook') $$;`,
  'seed.sql': `insert into public.docs (owner, title) values ('00000000-0000-0000-0000-000000000000', 'x');`,
});

/** A promise made on first use and shared after: one replay for every test that only reads it. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The Supabase project replayed in the embedded database, with the notices the replay gave. */
const supabaseProject = once(async () => {
  const notices: string[] = [];
  const snapshot = await readSource(
    { kind: 'migrations', dirs: [SUPABASE_PROJECT] },
    { notice: (m) => notices.push(m) },
  );
  return { snapshot, notices };
});

describe('the embedded database', () => {
  // One PGlite with the baseline for the tests that query it directly (each sets the claims and role it needs).
  let shared: Promise<PGlite> | undefined;
  const baseline = () => (shared ??= openBaseline());
  afterAll(async () => (await shared)?.close());

  it('applies a Supabase project (auth, storage, extensions, vector, realtime) and skips seed.sql with a notice', async () => {
    const { snapshot, notices } = await supabaseProject();
    expect(notices).toContainEqual(expect.stringMatching(/skipped .*seed\.sql: not a migration/));
    expect(notices).toContainEqual(expect.stringMatching(/extension vector: .*stand-in/));
    expect(notices).toContainEqual(expect.stringMatching(/extension pg_net: .*stand-in/));
    expect(notices.join('\n')).not.toMatch(/pg_trgm/);
    expect(notices).toContainEqual(
      expect.stringMatching(/20240102000000_docs\.sql:\d+: skipped index docs_embedding_hnsw USING hnsw/),
    );
    expect(notices).toContainEqual(expect.stringMatching(/skipped index \(unnamed\) USING ivfflat/));
    const model = buildModel(snapshot.rows, ['public']);
    const docs = model.tables.find((t) => t.name === 'docs')!;
    expect(docs.columns.find((c) => c.name === 'embedding')!.sqlType).toBe('extensions.vector(1536)');
    expect(docs.columns.find((c) => c.name === 'embedding')!.tsType).toBe('string');
    expect(docs.policies!.map((p) => p.name).sort()).toEqual(['admins', 'read own docs']);
    expect(docs.foreignKeys![0]).toMatchObject({ referencedSchema: 'auth', referencedTable: 'users' });
    expect(docs.indexes!.map((i) => i.method)).toContain('gin');
  });

  it('auth.uid(), auth.role(), auth.jwt() read the request.jwt claims as GoTrue sets them', async () => {
    const db = await baseline();
    await db.exec(
      `select set_config('request.jwt.claims', '{"sub":"11111111-1111-1111-1111-111111111111","role":"authenticated","email":"a@b.c"}', false)`,
    );
    const { rows } = await db.query<{ uid: string; role: string; email: string; jwt: { sub: string } }>(
      'select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() as jwt',
    );
    expect(rows[0]).toMatchObject({
      uid: '11111111-1111-1111-1111-111111111111',
      role: 'authenticated',
      email: 'a@b.c',
    });
    expect(rows[0].jwt.sub).toBe('11111111-1111-1111-1111-111111111111');
    const roles = await db.query<{ rolname: string }>(
      "select rolname from pg_roles where rolname in ('anon','authenticated','service_role','authenticator') order by 1",
    );
    expect(roles.rows.map((r) => r.rolname)).toEqual(['anon', 'authenticated', 'authenticator', 'service_role']);
    const path = await db.query<{ search_path: string }>('show search_path');
    expect(path.rows[0].search_path).toContain('extensions');
  });

  it('RLS works under SET ROLE with the JWT claim set', async () => {
    const db = await baseline();
    try {
      await db.exec(`
        create table public.notes (id int primary key, owner uuid not null, body text);
        alter table public.notes enable row level security;
        create policy own on public.notes for select to authenticated using ((select auth.uid()) = owner);
        grant select on public.notes to authenticated;
        insert into public.notes values (1, '11111111-1111-1111-1111-111111111111', 'mine'), (2, '22222222-2222-2222-2222-222222222222', 'theirs');
        select set_config('request.jwt.claims', '{"sub":"11111111-1111-1111-1111-111111111111"}', false);
        set role authenticated;`);
      const { rows } = await db.query<{ body: string }>('select body from public.notes');
      expect(rows.map((r) => r.body)).toEqual(['mine']);
    } finally {
      await db.exec('reset role');
    }
  });

  it("a broken migration fails with file, line, statement and PostgreSQL's message", async () => {
    const dir = migrations('broken', {
      '001_ok.sql': 'create table public.a (id int primary key);\n',
      '002_broken.sql':
        '-- a comment\ncreate table public.b (id int primary key);\n\ninsert into public.b\n  select * from public.missing_table;\n',
    });
    // One replay, both properties of its error.
    const failed = readSource({ kind: 'migrations', dirs: [dir] });
    await expect(failed).rejects.toThrow(InputError);
    await expect(failed).rejects.toThrow(
      /002_broken\.sql:5: migration failed at `insert into public\.b`: relation "public\.missing_table" does not exist/,
    );
  });

  it('a syntax error names the file and line', async () => {
    const dir = migrations('syntax', {
      '001_bad.sql': 'create table public.a (id int);\n\ncreate tabel public.b (id int);\n',
    });
    await expect(readSource({ kind: 'migrations', dirs: [dir] })).rejects.toThrow(/001_bad\.sql:3: syntax error/);
  });

  it('an unknown extension is an error', async () => {
    const dir = migrations('unknown-ext', { '001_ext.sql': 'create extension if not exists no_such_ext;\n' });
    await expect(readSource({ kind: 'migrations', dirs: [dir] })).rejects.toThrow(
      /001_ext\.sql:1: extension "no_such_ext" is not available/,
    );
  });

  it('applies what cannot share a transaction: new enum labels used at once, CONCURRENTLY, BEGIN/COMMIT', async () => {
    const dir = migrations('tx-shapes', {
      '001_enum.sql':
        "create type public.s as enum ('a');\nalter type public.s add value 'b';\ncreate table public.t (v public.s default 'b');\ninsert into public.t default values;\n",
      '002_concurrently.sql': 'create index concurrently t_v_idx on public.t (v);\n',
      '003_own_tx.sql': 'begin;\ncreate table public.u (id int);\ncommit;\n',
    });
    const model = await modelOf({ kind: 'migrations', dirs: [dir] }, ['public']);
    expect(model.tables.map((t) => t.name).sort()).toEqual(['t', 'u']);
    expect(model.tables.find((t) => t.name === 't')!.indexes!.map((i) => i.name)).toEqual(['t_v_idx']);
  });

  it('applies folders in the order given and files in version order', async () => {
    const first = migrations('order-a', {
      '2_second.sql': 'alter table public.t add column b int;',
      '10_third.sql': 'alter table public.t add column c int;',
      '1_first.sql': 'create table public.t (a int);',
    });
    const second = migrations('order-b', { '1_more.sql': 'alter table public.t add column d int;' });
    const model = await modelOf({ kind: 'migrations', dirs: [first, second] }, ['public']);
    expect(model.tables[0].columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  itWhere(!onWindows, 'the terminal is made by script(1)')(
    'shows which migration is being applied on a terminal, and nothing when not a terminal',
    async () => {
      const dir = migrations('progress', {
        '001_a.sql': 'create table public.a (id int);',
        '002_b.sql': 'create table public.b (id int);',
      });
      const types = join(tmp, 'progress-types.ts');
      writeFileSync(types, 'export type Database = { public: { Tables: {} } }\n');
      const cmd = [process.execPath, CLI, 'check', '--only', 'structural', '--migrations', dir, '--types', types]
        .map((a) => `'${a}'`)
        .join(' ');
      // `script` runs the command on a pseudo-terminal, as a person at a shell would (util-linux's and BSD's
      // take their arguments differently).
      const args = process.platform === 'linux' ? ['-qec', cmd, '/dev/null'] : ['-q', '/dev/null', 'sh', '-c', cmd];
      const tty = spawnSync('script', args, { encoding: 'utf8' });
      expect(tty.stdout).toMatch(/applying 1\/2 001_a\.sql/);
      expect(tty.stdout).toMatch(/applying 2\/2 002_b\.sql/);
      const piped = await runInProcess(['check', '--only', 'structural', '--migrations', dir, '--types', types]);
      expect(piped.stderr).not.toMatch(/applying/);
      expect(piped.stdout).toMatch(/2 findings/);
    },
  );

  it('engines one after another in a process (one thread, reused) each start from the baseline alone, and the process still ends on its own', () => {
    const first = migrations('reuse-first', {
      '001_a.sql':
        'create table public.left_behind (id int);\ncreate role sd_left_behind;\nset search_path = nowhere;\nbegin;\ncreate table public.open_tx (id int);\n',
    });
    const second = migrations('reuse-second', { '001_b.sql': 'create table public.b (id int);\n' });
    const embedded = new URL('../dist/introspect/embedded.js', import.meta.url).href;
    const script = `
      const { readMigrationsEmbedded } = await import(${JSON.stringify(embedded)});
      const opts = { notice() {}, statementTimeoutMs: 60000 };
      const names = (s) => s.rows.RELATIONS.filter((r) => r.schema === 'public').map((r) => r.name);
      const a = await readMigrationsEmbedded([${JSON.stringify(first)}], opts);
      let roles;
      const b = await readMigrationsEmbedded([${JSON.stringify(second)}], { ...opts, session: async (s) => {
        roles = (await s.query("select count(*)::int as n from pg_roles where rolname = 'sd_left_behind'")).rows[0].n;
      } });
      console.log(JSON.stringify({ a: names(a), b: names(b), roles }));`;
    const file = join(tmp, 'reuse.mjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, SCHEMA_DRIFT_NO_CACHE: '1', SCHEMA_DRIFT_TIMING: '1' },
    });
    // The timing lines say which engine ran on the kept thread: the second.
    const ready = r.stderr.split('\n').filter((l) => l.includes('timing: PostgreSQL ready'));
    expect(ready.map((l) => l.includes('(on a kept thread)'))).toEqual([false, true]);
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('schema-drift timing:'))).toEqual([]);
    expect(r.status).toBe(0); // not killed by the timeout: the thread kept for a next engine holds nothing open
    expect(JSON.parse(r.stdout)).toEqual({ a: ['left_behind', 'open_tx'], b: ['b'], roles: 0 });
  });

  it('the CLI exits 2 on a broken migration, with one line', async () => {
    const types = join(tmp, 'types.ts');
    writeFileSync(types, 'export type Database = { public: { Tables: {} } }\n');
    const r = await runInProcess(['check', '--migrations', join(tmp, 'broken'), '--types', types]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/002_broken\.sql:5/);
  });
});

/** Names of the shadow databases this process has on the server. */
async function shadowDatabases(): Promise<string[]> {
  const admin = new pg.Client({ connectionString: server! });
  await admin.connect();
  const { rows } = await admin.query('select datname from pg_database where datname like $1 order by 1', [
    `${SHADOW_PREFIX}${process.pid}_%`,
  ]);
  await admin.end();
  return rows.map((r) => r.datname);
}

describe.runIf(server)('embedded and shadow give the same picture as the server', () => {
  let live: TestDatabase;
  let typesFile: string;

  beforeAll(async () => {
    live = await createTestDatabase('sd_embedded');
    await live.exec(readFileSync(new URL('./fixtures/features.sql', import.meta.url), 'utf8'));
    typesFile = join(tmp, 'features-types.ts');
    writeFileSync(typesFile, await generateTypes(live.url, ['public', 'billing']));
  });
  afterAll(async () => live?.drop());

  // The many-feature schema replayed once on each engine, shared by the tests that only read it.
  const quiet = { notice: () => {} };
  const featuresEmbedded = once(() => readSource({ kind: 'migrations', dirs: [FEATURES_DIR] }, quiet));
  const featuresShadow = once(() => readSource({ kind: 'shadow', url: server!, dirs: [FEATURES_DIR] }, quiet));

  it('PGlite (PostgreSQL 18) and --shadow-db (PostgreSQL 15) give equal models of the many-feature schema', async () => {
    const embedded = buildModel((await featuresEmbedded()).rows, ['public', 'billing']);
    const shadow = buildModel((await featuresShadow()).rows, ['public', 'billing']);
    // A view's definition is the server's own rendering of it, and 16+ drop table qualifiers that 15 prints.
    for (const v of [...embedded.views, ...shadow.views]) {
      expect(v.definition).toMatch(/SELECT/);
      delete v.definition;
    }
    expect(embedded).toEqual(shadow);
    expect(embedded.tables.length).toBeGreaterThan(5);
  });

  it('and equal findings: zero against the types generated from the live database', async () => {
    // What `check --only structural` reports (runCheck: the structural findings, then the config) on each.
    for (const [kind, snapshot] of [
      ['migrations', await featuresEmbedded()],
      ['shadow', await featuresShadow()],
    ] as const) {
      const findings = applyConfig(structuralFindings(await parseTypesFile(typesFile), snapshot.rows), {});
      expect(findings, kind).toEqual([]);
    }
  });

  it('the Supabase project applies on the shadow database too, with the same model', async () => {
    const embedded = buildModel((await supabaseProject()).snapshot.rows, ['public']);
    const shadow = await modelOf({ kind: 'shadow', url: server!, dirs: [SUPABASE_PROJECT] }, ['public']);
    expect(embedded).toEqual(shadow);
  });

  it('a bad types file with --shadow-db creates no database at all', async () => {
    const before = await shadowDatabases();
    const bad = join(tmp, 'bad-types.ts');
    writeFileSync(bad, 'export type Database = {\n  public: { Tables: { t: { Row: { a: string b } } } }\n}\n');
    await expect(
      runCheck({
        only: 'structural',
        source: { kind: 'shadow', url: server!, dirs: [FEATURES_DIR] },
        typesFile: bad,
        config: {},
      }),
    ).rejects.toThrow(/bad-types\.ts:2: TypeScript syntax error/);
    expect(await shadowDatabases()).toEqual(before);
  });

  it('the shadow database is dropped after a failed migration', async () => {
    await expect(readSource({ kind: 'shadow', url: server!, dirs: [join(tmp, 'broken')] })).rejects.toThrow(
      /002_broken\.sql:5/,
    );
    expect(await shadowDatabases()).toEqual([]);
  });

  itWhere(
    !onWindows,
    'Windows ends a process on SIGINT/SIGTERM from another process without running its handlers',
  ).each(['SIGINT', 'SIGTERM'] as const)('a run killed with %s leaves no temporary database behind', async (signal) => {
    const dir = migrations(`slow-${signal}`, {
      '001_slow.sql': 'create table public.a (id int);\nselect pg_sleep(20);\n',
    });
    const types = join(tmp, 'empty-types.ts');
    writeFileSync(types, 'export type Database = { public: { Tables: {} } }\n');
    const child = spawn(
      process.execPath,
      [CLI, 'check', '--shadow-db', server!, '--migrations', dir, '--types', types],
      { stdio: 'ignore' },
    );
    const pattern = `${SHADOW_PREFIX}${child.pid}_%`;
    const admin = new pg.Client({ connectionString: server! });
    await admin.connect();
    const count = async () =>
      (await admin.query('select count(*)::int as n from pg_database where datname like $1', [pattern])).rows[0]
        .n as number;
    try {
      const deadline = Date.now() + 15_000;
      while ((await count()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await count()).toBe(1);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(await count()).toBe(0);
    } finally {
      await admin.end();
      child.kill('SIGKILL');
    }
  });
});
