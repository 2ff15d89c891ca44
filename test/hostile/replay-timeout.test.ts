/**
 * No replay runs forever: `--statement-timeout` bounds each migration statement on the shadow database (endless
 * loop, pg_sleep, a migration that turns statement_timeout off) and on the embedded one, and names a lock as the cause when the
 * statement was waiting for one; exit 2 with file:line, and no temporary database left behind.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { resolveServer, withDatabase } from '../support/db.js';
import { check, expectOneLine, folder, shadowDatabasesOf } from './replay-helpers.js';

const server = await resolveServer();
if (!server) console.warn('skipping the shadow timeout tests: no PostgreSQL server');

const ENDLESS = 'create table public.a (id int);\n\ndo $$ begin\n  loop end loop;\nend $$;\n';

describe.runIf(server)('the statement timeout on the shadow database', () => {
  it('an endless loop stops after the bound: exit 2 naming file:line and the statement', async () => {
    const r = await check([
      '--shadow-db',
      server!,
      '--migrations',
      folder({ '001_spin.sql': ENDLESS }),
      '--statement-timeout',
      '2',
    ]);
    expectOneLine(
      r,
      /001_spin\.sql:3: migration statement ran longer than 2 s \(--statement-timeout\): `do \$\$ begin`$/,
    );
    expect(await shadowDatabasesOf(server!, r.pid)).toEqual([]);
  });

  it('the COMMIT of a transaction a migration left open is bounded too (a deferred trigger that sleeps)', async () => {
    const dir = folder({
      '001_open.sql': [
        'set statement_timeout = 0;',
        'create table public.t (id int);',
        'create function public.slow() returns trigger language plpgsql as $$ begin perform pg_sleep(100000); return null; end $$;',
        'create constraint trigger slow after insert on public.t deferrable initially deferred for each row execute function public.slow();',
        'begin;',
        'insert into public.t values (1);',
        '',
      ].join('\n'),
    });
    const started = Date.now();
    const r = await check(['--shadow-db', server!, '--migrations', dir, '--statement-timeout', '1']);
    expectOneLine(
      r,
      /001_open\.sql:5: the transaction this statement opens is never committed, and committing it at the end failed: .*ran longer than 1 s/,
    );
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(await shadowDatabasesOf(server!, r.pid)).toEqual([]);
  });

  it('pg_sleep after `set statement_timeout = 0` is still stopped (the bound is kept by the tool)', async () => {
    const dir = folder({ '001_sleep.sql': 'set statement_timeout = 0;\nselect pg_sleep(100000);\n' });
    const started = Date.now();
    const r = await check(['--shadow-db', server!, '--migrations', dir, '--statement-timeout', '1']);
    expectOneLine(r, /001_sleep\.sql:2: migration statement ran longer than 1 s .*`select pg_sleep\(100000\)`$/);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(await shadowDatabasesOf(server!, r.pid)).toEqual([]);
  });

  it.each([
    [
      'at the bound',
      '',
      (pid: number) =>
        new RegExp(
          `003_insert\\.sql:3: migration statement waited more than 5 s for a lock held by another session \\(pid ${pid}\\): \`insert into public\\.locked values \\(1\\)\`$`,
        ),
    ],
    [
      "at the migration's own lock_timeout",
      "set lock_timeout = '1s';",
      () =>
        /003_insert\.sql:3: migration statement gave up waiting for a lock held by another session \(canceling statement due to lock timeout\): `insert into public\.locked values \(1\)`$/,
    ],
  ])(
    'a statement waiting for a lock another session holds, %s: the lock is named as the cause',
    async (_when, setting, message) => {
      const dir = folder({
        '001_table.sql': 'create table public.locked (id int);\n',
        // Waits until the test holds the table's lock, so the next statement surely waits for it.
        '002_wait.sql': `do $$ begin
  while not exists (select 1 from pg_locks where relation = 'public.locked'::regclass and mode = 'AccessExclusiveLock' and granted and pid <> pg_backend_pid()) loop
    perform pg_sleep(0.05);
  end loop;
end $$;\n`,
        '003_insert.sql': `-- blocked by the lock\n${setting}\ninsert into public.locked values (1);\n`,
      });
      const run = check(['--shadow-db', server!, '--migrations', dir, '--statement-timeout', '5']);
      // Find the run's database, wait for its table, and lock it.
      const admin = new pg.Client({ connectionString: server! });
      await admin.connect();
      let holder: pg.Client | undefined;
      let holderPid = 0;
      try {
        const deadline = Date.now() + 30_000;
        while (!holder && Date.now() < deadline) {
          const { rows } = await admin.query(
            "select datname from pg_database where datname like 'schema\\_drift\\_shadow\\_%' order by oid desc",
          );
          for (const { datname } of rows) {
            const c = new pg.Client({ connectionString: withDatabase(server!, datname) });
            c.on('error', () => {}); // terminated when the run drops its database
            try {
              await c.connect();
              await c.query('begin');
              await c.query('lock table public.locked in access exclusive mode nowait');
              holder = c;
              holderPid = (await c.query('select pg_backend_pid() as pid')).rows[0].pid;
              break;
            } catch {
              await c.end().catch(() => {});
            }
          }
          if (!holder) await new Promise((r) => setTimeout(r, 100));
        }
        expect(holder, 'the shadow table appeared and was locked').toBeDefined();
        const r = await run;
        expectOneLine(r, message(holderPid));
      } finally {
        await holder?.end().catch(() => {});
        await admin.end();
      }
    },
  );

  it('a bad --statement-timeout is exit 2 with one line', async () => {
    const r = await check([
      '--shadow-db',
      server!,
      '--migrations',
      folder({ '001_a.sql': 'select 1;' }),
      '--statement-timeout',
      'soon',
    ]);
    expectOneLine(r, /--statement-timeout: expected a number of seconds/);
  });
});

describe('the statement timeout on the embedded database', () => {
  // PGlite runs in a worker thread with a watchdog (issue 14): the thread is ended and the replay names the statement.
  it('an endless loop stops within seconds: exit 2 naming file:line', async () => {
    const r = await check(['--migrations', folder({ '001_spin.sql': ENDLESS }), '--statement-timeout', '2']);
    expectOneLine(
      r,
      /001_spin\.sql:3: migration statement ran longer than 2 s \(--statement-timeout\): `do \$\$ begin`$/,
    );
  });
});
