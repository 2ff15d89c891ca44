/**
 * Under --shadow-db the migrations run on a real server: statements that act outside the temporary database are
 * refused before anything is created (exit 2, one line with file:line), and database or role settings that are
 * not part of the schema are skipped with a notice. Roles the migrations create are dropped after the run.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSource } from '../../src/introspect/source.js';
import { quoteIdent } from '../../src/model/quote.js';
import { ensureRoleSql } from '../../src/supabase/baseline/roles.sql.js';
import { onServer } from '../support/databases.js';
import { resolveServer } from '../support/db.js';
import { check, errorLines, expectOneLine, folder, shadowDatabasesOf } from './replay-helpers.js';

const server = await resolveServer();
if (!server) console.warn('skipping the --shadow-db guard tests: no PostgreSQL server');

const role = `sd_guard_${process.pid}`;

/** [statement, what the one line must say]: each is line 2 of its migration. */
const REFUSED: Array<[string, RegExp]> = [
  ['create database sd_evil', /CREATE DATABASE acts outside the temporary database/],
  ['drop database postgres', /DROP DATABASE acts outside/],
  ['alter database postgres connection limit 1', /ALTER DATABASE acts outside/],
  ['alter database postgres owner to anon', /ALTER DATABASE\/TABLESPACE acts outside/],
  ['alter database postgres rename to sd_renamed', /ALTER DATABASE\/TABLESPACE acts outside/],
  ["alter system set work_mem = '1GB'", /ALTER SYSTEM acts outside/],
  ["prepare transaction 'sd_p'", /a prepared transaction \(it outlives the session/],
  ["commit prepared 'sd_p'", /a prepared transaction/],
  ["create tablespace sd_space location '/tmp'", /a tablespace statement acts outside/],
  ["copy (select 1) to program 'id'", /COPY … PROGRAM \(it runs a command on the server\)/],
  ["copy public.a from '/etc/passwd'", /COPY with a server file/],
  ['select pg_terminate_backend(pid) from pg_stat_activity', /pg_terminate_backend\(\) acts on the server/],
  ['do $$ begin perform pg_reload_conf(); end $$', /pg_reload_conf\(\) acts on the server/],
  ["select * from dblink('dbname=postgres', 'select 1') as t(x int)", /dblink\(\) acts on the server/],
  ["do $$ begin execute 'alter role postgres nosuperuser'; end $$", /`alter role` inside a DO block/],
  [
    "create function public.f() returns void language plpgsql as $f$ begin execute 'drop database postgres'; end $f$",
    /`drop database` inside a function body/,
  ],
  ['create extension if not exists plpython3u', /extension plpython3u \(code or files on the server\)/],
  ['create extension adminpack', /extension adminpack/],
  ["create function public.g() returns int language c as 'libc', 'abs'", /a function in LANGUAGE c/],
  ["load 'auto_explain'", /LOAD \(a library into the server\)/],
  [
    "create subscription sd_sub connection 'host=127.0.0.1' publication p",
    /a subscription \(it connects to another server\)/,
  ],
  [
    "alter role postgres with password 'hunter2'",
    /ALTER ROLE postgres: roles are shared by the server's databases, and this run did not create it/,
  ],
  ['alter role current_user nosuperuser', /ALTER ROLE current_user: roles are shared/],
  ['drop role anon', /DROP ROLE anon: roles are shared/],
  ['alter role anon rename to sd_anon', /ALTER ROLE … RENAME anon/],
  ['reassign owned by postgres to anon', /REASSIGN OWNED BY postgres/],
  ['drop owned by anon', /DROP OWNED BY anon/],
  ['grant postgres to anon', /GRANT of role postgres/],
  [`create role ${role}_su superuser`, /CREATE ROLE sd_guard_\d+_su with SUPERUSER: a power over the whole server/],
  [`create role ${role}_pw login password 'hunter2'`, /CREATE ROLE sd_guard_\d+_pw with PASSWORD/],
  [`create role ${role}_in in role postgres`, /CREATE ROLE sd_guard_\d+_in IN ROLE postgres/],
  // Written so a plain text match misses them.
  ['do $$ begin drop/**/role anon; end $$', /`drop role` inside a DO block/],
  ["do $$ begin perform pg_read_file/* x */('/etc/hostname'); end $$", /pg_read_file\(\) acts on the server/],
  ["do $$ begin comment on role anon is 'schema-drift:x'; end $$", /`comment on role` inside a DO block/],
  ['select "pg_terminate_backend"(1)', /pg_terminate_backend\(\) acts on the server/],
];

const migration = (statement: string) => folder({ '001_a.sql': `create table public.a (id int);\n${statement};\n` });

describe.runIf(server)('statements refused under --shadow-db', () => {
  // In-process (the CLI maps this InputError to exit 2 and one line, as the next test shows): refused before
  // the server is even contacted.
  it.each(REFUSED)('%s', async (statement, message) => {
    const read = readSource({ kind: 'shadow', url: server!, dirs: [migration(statement)] }, { notice: () => {} });
    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toThrow(new RegExp(`001_a\\.sql:2: refused under --shadow-db: ${message.source}`));
    await expect(read).rejects.not.toThrow(/hunter2/);
  });

  it('through the CLI: exit 2, one line, no password, no database', async () => {
    for (const [statement, message] of [REFUSED[0], REFUSED[9], REFUSED[21], REFUSED[29]]) {
      const r = await check(['--shadow-db', server!, '--migrations', migration(statement)]);
      expectOneLine(r, new RegExp(`001_a\\.sql:2: refused under --shadow-db: ${message.source}`));
      expect(r.stderr).not.toContain('hunter2');
      expect(await shadowDatabasesOf(server!, r.pid)).toEqual([]);
    }
  });

  it('a role that may not set up the Supabase baseline gets one line naming what it lacks, and nothing is left', async () => {
    const weak = `${role}_weak`;
    await onServer(ensureRoleSql(weak, 'login createdb createrole'));
    try {
      const u = new URL(server!);
      u.username = weak;
      u.password = '';
      const r = await check(['--shadow-db', u.toString(), '--migrations', migration('select 1')]);
      expectOneLine(
        r,
        /cannot set up the Supabase baseline on .*: .*\(the role needs CREATEDB and membership in supabase_admin/,
      );
      expect(await shadowDatabasesOf(server!, r.pid)).toEqual([]);
    } finally {
      await onServer(`drop role if exists ${quoteIdent(weak)}`);
    }
  });

  it('a role the run made may not be given a power later (ALTER ROLE … SUPERUSER)', async () => {
    const dir = folder({
      '001_a.sql': `create role ${role}_later;\nalter role ${role}_later superuser login password 'hunter2';\n`,
    });
    const read = readSource({ kind: 'shadow', url: server!, dirs: [dir] }, { notice: () => {} });
    await expect(read).rejects.toThrow(
      /001_a\.sql:2: refused under --shadow-db: ALTER ROLE sd_guard_\d+_later with SUPERUSER: a power over the whole server/,
    );
    await expect(read).rejects.not.toThrow(/hunter2/);
  });

  it('a role that exists on the server cannot be created by the migrations (nothing is created)', async () => {
    const existing = `${role}_there`;
    await onServer(ensureRoleSql(existing, 'nologin'));
    try {
      const migrations = folder({ '001_a.sql': `create role ${existing};\n` });
      const r = await check(['--shadow-db', server!, '--migrations', migrations]);
      expectOneLine(
        r,
        /create role sd_guard_\d+_there, which exists on .* already: under --shadow-db a migration may only create roles the server does not have/,
      );
      expect(await shadowDatabasesOf(server!, r.pid)).toEqual([]);
    } finally {
      await onServer(`drop role if exists ${quoteIdent(existing)}`);
    }
  });
});

describe.runIf(server)('roles made while a shadow run replays', () => {
  const roleExists = async (name: string) => {
    const admin = new pg.Client({ connectionString: server! });
    await admin.connect();
    try {
      return (await admin.query('select 1 from pg_roles where rolname = $1', [name])).rowCount === 1;
    } finally {
      await admin.end();
    }
  };

  /** Waits until this process's shadow run is in its `select pg_sleep(1.5)` (so no later file has run yet). */
  const untilTheRunSleeps = async () => {
    const admin = new pg.Client({ connectionString: server! });
    await admin.connect();
    try {
      for (let waited = 0; ; waited += 20) {
        const { rowCount } = await admin.query(
          "select 1 from pg_stat_activity where datname like $1 and query like 'select pg_sleep(1.5)%' and state = 'active'",
          [`schema_drift_shadow_${process.pid}_%`],
        );
        if (rowCount === 1) return;
        if (waited > 20_000) throw new Error('the shadow run never reached its sleep');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await admin.end();
    }
  };

  it('a role of the same name that another session makes first is left alone when the run fails on it', async () => {
    // The run checks the name is free, then sleeps in its first file; meanwhile "another run" makes the role, so
    // the run's CREATE ROLE fails. The role is not the run's: it must still be there after the run.
    const contested = `${role}_contested`;
    const dir = folder({
      '001_wait.sql': 'select pg_sleep(1.5);\n',
      '002_role.sql': `create role ${contested} nologin;\n`,
    });
    try {
      const run = readSource({ kind: 'shadow', url: server!, dirs: [dir] }, { notice: () => {} });
      run.catch(() => {});
      await untilTheRunSleeps();
      await onServer(`create role ${quoteIdent(contested)} nologin`);
      await expect(run).rejects.toThrow(/002_role\.sql:1: .*already exists/);
      expect(await roleExists(contested)).toBe(true);
    } finally {
      await onServer(`drop role if exists ${quoteIdent(contested)}`);
    }
  });

  it('role statements rolled back in a transaction block count for nothing; a file stays one transaction', async () => {
    const n = (x: string) => `${role}_tx_${x}`;
    const dir = folder({
      '001_make.sql': `create role ${n('a')}; create role ${n('b')}; create role ${n('c')};\n`,
      '002_undo.sql': [
        `begin; drop role ${n('a')}; rollback;`,
        `begin; alter role ${n('b')} rename to ${n('b2')}; rollback;`,
        `begin; savepoint s; drop role ${n('c')}; rollback to savepoint s; commit;`,
        `begin; create role ${n('d')}; rollback;`,
        '',
      ].join('\n'),
      // One implicit transaction: SET LOCAL and ON COMMIT DROP reach past the role statement in the middle.
      '003_one_transaction.sql': [
        'set local check_function_bodies = off;',
        'create temp table tmp (id int) on commit drop;',
        `create role ${n('e')};`,
        'create function public.later() returns int language sql as $$ select count(*)::int from public.later_t $$;',
        'create table public.later_t (id int);',
        'insert into tmp values (1);',
        'create table public.copied as select * from tmp;',
        '',
      ].join('\n'),
      '004_renames.sql': [
        `create role ${n('f')};`,
        `alter role ${n('f')} rename to ${n('g')};`,
        `alter role ${n('g')} rename to ${n('h')};`,
        `grant select on public.later_t to ${n('h')};`,
        `create role ${n('i')};`,
        `alter role ${n('i')} rename to ${n('j')};`,
        `drop role ${n('j')};`,
        'grant set on parameter work_mem to anon;',
        '',
      ].join('\n'),
    });
    const notices: string[] = [];
    const names = ['a', 'b', 'b2', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map(n);
    try {
      await readSource({ kind: 'shadow', url: server!, dirs: [dir] }, { notice: (m) => notices.push(m) });
      expect(notices.join('\n')).toMatch(/004_renames\.sql:8: skipped under --shadow-db: GRANT on a parameter/);
      const left = [];
      for (const name of names) if (await roleExists(name)) left.push(name);
      expect(left).toEqual([]);
    } finally {
      await onServer(names.map((name) => `drop role if exists ${quoteIdent(name)};`).join('\n'));
    }
  });

  it("a role whose CREATE the run rolled back is not the run's; one in a block beside a skipped statement is", async () => {
    // While the run holds its database (the session hook), "another run" makes a role of the rolled-back name: the
    // run's cleanup must leave it. Without the run's mark, a role is not the run's.
    const [undone, beside, kept] = [`${role}_undone`, `${role}_beside`, `${role}_kept`];
    const dir = folder({
      '001_a.sql': `begin; create role ${undone}; rollback;\ncreate role ${kept};\n`,
      // The failed update is a notice and runs under a savepoint: the block and its role commit.
      '002_b.sql': `begin;\ncreate role ${beside};\nalter extension plpgsql update to '99.0';\ncommit;\n`,
    });
    const notices: string[] = [];
    try {
      await readSource(
        { kind: 'shadow', url: server!, dirs: [dir] },
        {
          notice: (m) => notices.push(m),
          session: async () => {
            expect([await roleExists(undone), await roleExists(beside), await roleExists(kept)]).toEqual([
              false,
              true,
              true,
            ]);
            await onServer(`create role ${quoteIdent(undone)}`);
          },
        },
      );
      expect(notices.join('\n')).toMatch(/002_b\.sql:3: .*99\.0/);
      expect([await roleExists(undone), await roleExists(beside), await roleExists(kept)]).toEqual([
        true,
        false,
        false,
      ]);
    } finally {
      await onServer([undone, beside, kept].map((r) => `drop role if exists ${quoteIdent(r)};`).join('\n'));
    }
  });

  it("a role made again by another session after the run's own was rolled back cannot be dropped by the run", async () => {
    const taken = `${role}_taken`;
    const dir = folder({
      '001_a.sql': `begin; create role ${taken}; rollback;\nselect pg_sleep(1.5);\n`,
      // The GRANT is the first statement that acts on the name; DROP, ALTER, RENAME and DROP OWNED check alike.
      '002_b.sql': `create role ${taken}_2;\ngrant ${taken} to ${taken}_2;\ndrop role ${taken};\n`,
    });
    try {
      const run = readSource({ kind: 'shadow', url: server!, dirs: [dir] }, { notice: () => {} });
      run.catch(() => {});
      // Once the run sleeps (its own creation rolled back), "another run" takes the name.
      await untilTheRunSleeps();
      await onServer(`create role ${quoteIdent(taken)}`);
      await expect(run).rejects.toThrow(
        new RegExp(
          `002_b\\.sql:2: migration failed at \`grant ${taken} to ${taken}_2\`: role ${taken} is not this run's`,
        ),
      );
      expect(await roleExists(taken)).toBe(true);
    } finally {
      await onServer(`drop role if exists ${quoteIdent(taken)}`);
    }
  });

  it('a CREATE ROLE that ends in a `--` comment gets its mark all the same', async () => {
    // A parameter named `begin` makes the splitter fall back to the grammar's bounds, which keep the comment.
    const made = `${role}_commented`;
    const dir = folder({
      '001_a.sql': `create function public.f(begin int) returns int language sql as $$ select 1 $$;\ncreate role ${made} -- trailing\n;\n`,
    });
    try {
      await readSource(
        { kind: 'shadow', url: server!, dirs: [dir] },
        { notice: () => {}, session: async () => void expect(await roleExists(made)).toBe(true) },
      );
      expect(await roleExists(made)).toBe(false);
    } finally {
      await onServer(`drop role if exists ${quoteIdent(made)}`);
    }
  });

  it('a role the run makes and renames is dropped under its new name; one it makes and drops is gone', async () => {
    const [made, renamed, transient] = [`${role}_made`, `${role}_renamed`, `${role}_transient`];
    const dir = folder({
      '001_a.sql': [
        `create role ${made} nologin;`,
        `alter role ${made} rename to ${renamed};`,
        `create role ${transient} nologin;`,
        `drop role ${transient};`,
        '',
      ].join('\n'),
    });
    try {
      await readSource({ kind: 'shadow', url: server!, dirs: [dir] }, { notice: () => {} });
      expect([await roleExists(made), await roleExists(renamed), await roleExists(transient)]).toEqual([
        false,
        false,
        false,
      ]);
    } finally {
      await onServer(`drop role if exists ${quoteIdent(renamed)}; drop role if exists ${quoteIdent(made)}`);
    }
  });
});

describe.runIf(server)('what --shadow-db accepts', () => {
  it('database and role settings are skipped with a notice; roles the run creates work and are dropped after it', async () => {
    const dir = folder({
      '001_a.sql': [
        "alter database postgres set app.setting = 'x';",
        "alter role authenticated set statement_timeout = '8s';",
        'grant connect on database postgres to anon;',
        `create role ${role} nologin;`,
        `grant ${role} to authenticator;`,
        `grant authenticated to ${role};`,
        `alter role ${role} set search_path = public;`,
        `create table public.owned (id int);`,
        `grant select on public.owned to ${role};`,
        '',
      ].join('\n'),
    });
    const r = await check(['--shadow-db', server!, '--migrations', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(errorLines(r.stderr)).toEqual([]);
    expect(r.stderr).toMatch(/001_a\.sql:1: skipped under --shadow-db: ALTER DATABASE postgres SET/);
    expect(r.stderr).toMatch(/001_a\.sql:2: skipped under --shadow-db: ALTER ROLE authenticated SET/);
    expect(r.stderr).toMatch(/001_a\.sql:3: skipped under --shadow-db: GRANT on a database/);
    expect(r.stdout).toMatch(/owned/);
    const admin = new pg.Client({ connectionString: server! });
    await admin.connect();
    try {
      expect((await admin.query('select 1 from pg_roles where rolname = $1', [role])).rowCount).toBe(0);
      const settings = await admin.query(
        "select 1 from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = 'authenticated' and array_to_string(s.setconfig, ',') like '%8s%'",
      );
      expect(settings.rowCount).toBe(0);
    } finally {
      await admin.end();
    }
    expect(await shadowDatabasesOf(server!, r.pid)).toEqual([]);
  });
});

describe('the --shadow-db screen on hostile text', () => {
  it('reads comments in one pass: 100,000 unclosed `/*` after `drop` screen in well under a second a megabyte', async () => {
    const body = 'drop /*'.repeat(100_000);
    const file = folder({
      '001_a.sql': `create function public.f() returns void language plpgsql as $f$ begin ${body} end $f$;\n`,
    });
    const started = performance.now();
    // Refused or not, the screen must answer (it ran 66 s with a regular expression that could backtrack).
    await readSource(
      { kind: 'shadow', url: 'postgres://nobody@127.0.0.1:1/x', dirs: [file] },
      { notice: () => {} },
    ).catch(() => {});
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
