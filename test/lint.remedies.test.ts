/**
 * The lint remedies: unit tests on in-memory models, then a database seeded with every fixable problem, fixed
 * with the remedies, linted again, and used as Supabase users would use it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { runFix } from '../src/commands/fix.js';
import { renderMigration } from '../src/emit/render.js';
import { statement } from '../src/emit/statement.js';
import type { Finding } from '../src/findings/finding.js';
import { SUPABASE_BASELINE } from '../src/supabase/baseline/index.js';
import { buildDatabaseFacts, buildModel } from '../src/introspect/catalog.js';
import { readSource } from '../src/introspect/source.js';
import { loadExprParser, type ExprParser } from '../src/lint/policyExpr.js';
import { planRemedies, renderRemedies } from '../src/lint/remedies/index.js';
import { indexName } from '../src/lint/remedies/foreignKeyIndex.js';
import { ownerColumn } from '../src/lint/remedies/policies.js';
import type { LintContext } from '../src/lint/rule.js';
import type { ForeignKey, SchemaModel, Table } from '../src/model/schema.js';
import { Session, signUp } from './support/actors.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { memberOf } from './support/lint.js';
import { generateTypes } from './support/typegen.js';

const server = await resolveServer();
if (!server) console.warn('skipping the remedy tests on the server: no PostgreSQL server');
let parseExpr: ExprParser;
beforeAll(async () => {
  parseExpr = await loadExprParser();
});
const ctxOf = (apiReadable: LintContext['facts']['apiReadable'] = null): LintContext => ({
  facts: { extensions: [], routines: [], rlsBypassRoles: [], apiReadable },
  apiSchemas: ['public'],
  parseExpr,
});

const fk = (
  columns: string[],
  referencedSchema: string,
  referencedTable: string,
  name = `${columns.join('_')}_fkey`,
): ForeignKey => ({ name, columns, referencedSchema, referencedTable, referencedColumns: ['id'] });
function table(name: string, over: Partial<Table> = {}): Table {
  return {
    schema: 'public',
    name,
    kind: 'table',
    columns: [],
    foreignKeys: [],
    constraints: [],
    policies: [],
    triggers: [],
    rlsEnabled: false,
    indexes: [
      {
        name: `${name}_pkey`,
        definition: '',
        unique: true,
        primary: true,
        method: 'btree',
        columns: ['id'],
        predicate: null,
      },
    ],
    ...over,
  };
}
const model = (tables: Table[]): SchemaModel => ({
  schemas: ['public'],
  tables,
  views: [],
  enums: [],
  functions: [],
  compositeTypes: [],
});

describe('remedies on in-memory models', () => {
  it('owner column: a primary key referencing auth.users, else a user_id-style key to auth.users or the profiles table', () => {
    const profiles = table('profiles', { foreignKeys: [fk(['id'], 'auth', 'users')] });
    const posts = table('posts', {
      foreignKeys: [
        fk(['reader_id'], 'public', 'profiles'),
        fk(['creator_id'], 'public', 'profiles'),
        fk(['user_id'], 'auth', 'users'),
      ],
    });
    const readers = table('reads', { foreignKeys: [fk(['reader_id'], 'public', 'profiles')] });
    const tags = table('tags', { foreignKeys: [fk(['user_id'], 'public', 'tags_owner')] });
    const m = model([profiles, posts, readers, tags]);
    expect(ownerColumn(profiles, m)?.column).toBe('id');
    expect(ownerColumn(posts, m)?.column).toBe('user_id');
    expect(ownerColumn(readers, m)).toBeNull();
    expect(ownerColumn(tags, m)).toBeNull();
  });

  it('index names fit in 63 bytes and do not take a name the schema already has', () => {
    const taken = new Set(['t_a_idx']);
    const t = table('t');
    expect(indexName(t, fk(['a'], 'public', 'p'), taken)).toBe('t_a_idx_1');
    const long = indexName(table('é'.repeat(40)), fk(['b'], 'public', 'p'), new Set());
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
  });

  it('hostile names come out quoted; a rewritten policy keeps its roles, command and kind', () => {
    const evil = 'x"; drop table users; --';
    const t = table(evil, {
      rlsEnabled: true,
      columns: [],
      foreignKeys: [fk([evil], 'public', 'p', 'evil_fkey')],
      policies: [
        {
          name: `p${evil}`,
          command: 'UPDATE',
          permissive: false,
          roles: ['public', 'Odd"Role'],
          using: '(auth.uid() = owner)',
          withCheck: "(current_setting('a'::text) = 'x'::text)",
        },
      ],
    });
    const sql = renderRemedies(planRemedies(model([t]), ctxOf()), true);
    expect(sql).toContain(
      'create index if not exists "x""; drop table users; --_x""; drop table users; --_idx" on "public"."x""; drop table users; --" ("x""; drop table users; --")',
    );
    expect(sql)
      .toContain(`create policy "px""; drop table users; --" on "public"."x""; drop table users; --" as restrictive for update to public, "Odd""Role"
  using (((select auth.uid()) = owner))
  with check (((select current_setting('a'::text)) = 'x'::text))`);
    // Without --allow-destructive the rewrite is commented out.
    const gated = renderRemedies(planRemedies(model([t]), ctxOf()));
    expect(gated.split('\n').filter((l) => /^(drop|create) policy/.test(l))).toEqual([]);
    expect(gated).toMatch(/^create index/m);
  });

  it('a table the API cannot read gets nothing; an ownerless exposed one gets RLS on and a note, no policy', () => {
    const m = model([table('settings'), table('hidden')]);
    const out = planRemedies(m, ctxOf([{ schema: 'public', name: 'settings' }]));
    expect(out.map((s) => s.sql)).toEqual(['alter table "public"."settings" enable row level security']);
    expect(out[0].notes.join()).toMatch(/no owner column: RLS on and no policy, so only the service role/);
    expect(out[0].fixes).toEqual(['rls_disabled_in_public:public.settings']);
  });

  it('CONCURRENTLY for a live database runs outside the transaction and has no write-lock hazard', () => {
    const t = table('t', {
      rlsEnabled: true,
      policies: [{ name: 'p', command: 'SELECT', permissive: true, roles: ['anon'], using: 'true', withCheck: null }],
      foreignKeys: [fk(['a'], 'public', 'p')],
    });
    const [plain] = planRemedies(model([t]), ctxOf());
    const [live] = planRemedies(model([t]), ctxOf(), { concurrently: true });
    expect(plain).toMatchObject({ hazards: ['blocks_writes'] });
    expect(live).toMatchObject({
      sql: expect.stringMatching(/^create index concurrently if not exists/),
      hazards: [],
      outsideTransaction: true,
    });
    // In a fix migration it comes after the transaction.
    const file = renderMigration(
      [statement('concurrent', live.sql), statement('alter', 'alter table "public"."t" enable row level security')],
      { allowDestructive: false, header: ['h'] },
    );
    expect(file.indexOf('commit;')).toBeGreaterThan(0);
    expect(file.indexOf('create index concurrently')).toBeGreaterThan(file.indexOf('commit;'));
  });
});

const FIXABLE = `
  create table public.profiles (id uuid primary key references auth.users (id) on delete cascade, name text);
  create table public.docs (id serial primary key, owner_id uuid not null references public.profiles (id), body text);
  create table public.notes (id serial primary key, user_id uuid not null references auth.users (id), body text);
  alter table public.notes enable row level security;
  create table public.settings (id int primary key, value text);
  create table public.tasks (id serial primary key, user_id uuid not null references auth.users (id), title text);
  create index tasks_user_id_idx on public.tasks (user_id);
  alter table public.tasks enable row level security;
  create policy "tasks own" on public.tasks for all to authenticated using (auth.uid() = user_id) with check (auth.uid() = user_id);
`;

const lintKeys = (findings: Finding[]) =>
  findings.map((f) => `${f.code} ${f.object}${memberOf(f) !== undefined ? ` ${memberOf(f)}` : ''}`).sort();

describe.runIf(server)('fixing a database seeded with every fixable problem (PostgreSQL 15)', () => {
  let db: TestDatabase;
  let s: Session;
  beforeAll(async () => {
    db = await createTestDatabase('sd_lint_fix');
    await db.exec(SUPABASE_BASELINE + FIXABLE);
    s = await Session.open(db.url);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await db?.drop();
  });

  it('the remedies clear every lint they fix; the ownerless table is left to the service role', async () => {
    const before = lintKeys(
      (await runCheck({ source: { kind: 'live', url: db.url }, typesFile: null, config: {} })).findings,
    );
    expect(before).toEqual([
      'auth_rls_initplan tasks tasks own',
      'rls_disabled_in_public docs',
      'rls_disabled_in_public profiles',
      'rls_disabled_in_public settings',
      'rls_enabled_no_policy notes',
      'unindexed_foreign_keys docs docs_owner_id_fkey',
      'unindexed_foreign_keys notes notes_user_id_fkey',
    ]);
    const rows = (await readSource({ kind: 'live', url: db.url }, { notice: () => {} })).rows;
    const statements = planRemedies(buildModel(rows, ['public']), {
      ...ctxOf(),
      facts: buildDatabaseFacts(rows, ['public']),
    });
    const fixed = statements.flatMap((st) => st.fixes).sort();
    expect(fixed).toEqual([
      'auth_rls_initplan:public.tasks."tasks own"',
      'rls_disabled_in_public:public.docs',
      'rls_disabled_in_public:public.profiles',
      'rls_disabled_in_public:public.settings',
      'rls_enabled_no_policy:public.notes',
      'unindexed_foreign_keys:public.docs.docs_owner_id_fkey',
      'unindexed_foreign_keys:public.notes.notes_user_id_fkey',
    ]);
    const file = renderRemedies(statements, true);
    await db.exec(`begin;\n${file}\ncommit;`);
    await db.exec(`begin;\n${file}\ncommit;`); // applying it twice is a no-op
    const after = lintKeys(
      (await runCheck({ source: { kind: 'live', url: db.url }, typesFile: null, config: {} })).findings,
    );
    expect(after).toEqual(['rls_enabled_no_policy settings']);
    const fixedRows = (await readSource({ kind: 'live', url: db.url }, { notice: () => {} })).rows;
    expect(
      planRemedies(buildModel(fixedRows, ['public']), { ...ctxOf(), facts: buildDatabaseFacts(fixedRows, ['public']) }),
    ).toEqual([]);
  }, 60_000);

  it('with the generated policies a user sees and changes only their own rows; anon sees none', async () => {
    const a = await signUp(s, 'alice');
    const b = await signUp(s, 'bob');
    await s.admin(`insert into public.profiles (id, name) values ($1, 'A'), ($2, 'B')`, [a, b]);
    await s.admin(`insert into public.docs (owner_id, body) values ($1, 'a doc'), ($2, 'b doc')`, [a, b]);
    await s.admin(`insert into public.notes (user_id, body) values ($1, 'a note'), ($2, 'b note')`, [a, b]);
    await s.admin(`insert into public.tasks (user_id, title) values ($1, 'a task'), ($2, 'b task')`, [a, b]);
    await s.admin(`insert into public.settings (id, value) values (1, 'x')`);
    await s.as('authenticated', a, async (q) => {
      expect((await q('select name from public.profiles')).map((r) => r.name)).toEqual(['A']);
      expect((await q('select body from public.docs')).map((r) => r.body)).toEqual(['a doc']);
      expect((await q('select body from public.notes')).map((r) => r.body)).toEqual(['a note']);
      expect((await q('select title from public.tasks')).map((r) => r.title)).toEqual(['a task']);
      expect(await q('select * from public.settings')).toEqual([]);
      expect(await q(`update public.docs set body = 'hacked' where owner_id = $1 returning id`, [b])).toEqual([]);
      expect(await q(`delete from public.notes where user_id = $1 returning id`, [b])).toEqual([]);
      expect(
        (await q(`update public.docs set body = 'mine' where owner_id = $1 returning body`, [a])).map((r) => r.body),
      ).toEqual(['mine']);
    });
    await expect(
      s.as('authenticated', a, (q) => q(`insert into public.notes (user_id, body) values ($1, 'forged')`, [b])),
    ).rejects.toThrow(/row-level security/);
    await s.as('anon', null, async (q) => {
      for (const t of ['profiles', 'docs', 'notes', 'tasks', 'settings'])
        expect(await q(`select * from public.${t}`), t).toEqual([]);
    });
  });
});

describe.runIf(server)('fix --lints', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sd_lint_fixcmd');
    await db.exec(SUPABASE_BASELINE + FIXABLE);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('writes the remedies into the proved migration; applied to the database, only the ownerless table is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-lint-fix-'));
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '20240101000000_fixable.sql'), FIXABLE);
    const typesFile = join(dir, 'types.ts');
    writeFileSync(typesFile, await generateTypes(db.url, ['public']));
    const source = { kind: 'migrations' as const, dirs: [migrations] };
    const plain = await runFix({ source, typesFile, config: {}, stdout: true });
    expect(plain.kind).toBe('nothing');
    const result = await runFix({ source, typesFile, config: {}, stdout: true, lints: true, allowDestructive: true });
    expect(result.kind).toBe('stdout');
    if (result.kind !== 'stdout') return;
    expect(result.fixes).toBe(7);
    expect(result.text).toMatch(/create index if not exists "docs_owner_id_idx" on "public"."docs" \("owner_id"\);/);
    expect(result.text).toMatch(
      /create policy "tasks own" on "public"."tasks" as permissive for all to "authenticated"\n {2}using \(\(\(select auth.uid\(\)\) = user_id\)\)/,
    );
    await db.exec(result.text);
    const after = lintKeys(
      (await runCheck({ source: { kind: 'live', url: db.url }, typesFile: null, config: {} })).findings,
    );
    expect(after).toEqual(['rls_enabled_no_policy settings']);
  }, 180_000);
});
