/**
 * `kill -9` of a shadow run cannot be caught: its temporary database stays. Its statement stops by itself (the
 * server checks for the lost client), the next shadow run removes the database (and any session still in it) and
 * says so in one line, and it never touches the database of a run that is alive.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { resolveServer, withDatabase } from '../support/db.js';
import { check, checkInBackground, folder, shadowDatabasesOf } from './replay-helpers.js';

const server = await resolveServer();
if (!server) console.warn('skipping the kill -9 cleanup test: no PostgreSQL server');

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(server)('after kill -9 of a shadow run', () => {
  it('the next run drops its database, terminates the sessions left in it, says so, and spares a live run', async () => {
    const admin = new pg.Client({ connectionString: server! });
    await admin.connect();
    const sessionsIn = async (db: string) =>
      (await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [db])).rows[0]
        .n as number;
    // The killed run has made a role (committed: its own file) before it spins.
    const made = `sd_killed_${process.pid}`;
    const spin = folder({
      '001_role.sql': `create role ${made} nologin;\n`,
      '002_spin.sql': 'create table public.a (id int);\ndo $$ begin loop end loop; end $$;\n',
    });
    const roleExists = async (name = made) =>
      (await admin.query('select 1 from pg_roles where rolname = $1', [name])).rowCount === 1;
    // The live run has made one too: the cleanup must leave it.
    const livesOn = `sd_alive_${process.pid}`;
    const sleepy = folder({
      '001_role.sql': `create role ${livesOn} nologin;\n`,
      '002_sleep.sql': 'select pg_sleep(600);\n',
    });
    const killed = checkInBackground(['--shadow-db', server!, '--migrations', spin, '--statement-timeout', '0']);
    // Its URL names an application_name of its own: the run's owner mark must win over it.
    const live = checkInBackground([
      '--shadow-db',
      `${server!}?application_name=mine`,
      '--migrations',
      sleepy,
      '--statement-timeout',
      '0',
    ]);
    let leftover: pg.Client | undefined;
    let livesAfter: boolean | undefined;
    try {
      const [stale] = await waitFor('the shadow database', async () => {
        const names = await shadowDatabasesOf(server!, killed.pid);
        return names.length && (await sessionsIn(names[0])) > 0 ? names : undefined;
      });
      const [alive] = await waitFor('the live run', async () => {
        const names = await shadowDatabasesOf(server!, live.pid);
        return names.length ? names : undefined;
      });
      // The loop is running in the database when the process dies.
      await waitFor('the loop', async () =>
        (
          await admin.query(
            "select 1 from pg_stat_activity where datname = $1 and query like '%loop end loop%' and state = 'active'",
            [stale],
          )
        ).rowCount
          ? true
          : undefined,
      );
      const exited = new Promise((resolve) => killed.on('exit', resolve));
      killed.kill('SIGKILL');
      await exited;
      expect(await shadowDatabasesOf(server!, killed.pid)).toEqual([stale]);
      expect(await roleExists()).toBe(true);
      // The server sees the client gone (client_connection_check_interval) and stops the loop by itself.
      await waitFor(
        'the orphaned loop to stop',
        async () => ((await sessionsIn(stale)) === 0 ? true : undefined),
        15_000,
      );
      // A session the server has not yet seen to be orphaned (an old server, a half-open connection).
      leftover = new pg.Client({ connectionString: withDatabase(server!, stale) });
      leftover.on('error', () => {});
      await leftover.connect();

      const next = await check([
        '--shadow-db',
        server!,
        '--migrations',
        folder({ '001_ok.sql': 'create table public.ok (id int);\n' }),
      ]);
      expect(next.code, next.stderr).toBe(0);
      const notices = next.stderr.split('\n').filter((l) => l.includes(stale));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        /^schema-drift: removed \d+ shadow databases? left by runs that were killed \(.*\); terminated \d+ sessions? still in/,
      );
      expect(notices[0]).toMatch(new RegExp(`; dropped the roles? such runs made \\(.*\\b${made}\\b.*\\)$`));
      expect(await roleExists()).toBe(false);
      expect(await roleExists(livesOn)).toBe(true);
      expect(await shadowDatabasesOf(server!, killed.pid)).toEqual([]);
      expect(await sessionsIn(stale)).toBe(0);
      // The live run kept its database and is still working.
      expect(await shadowDatabasesOf(server!, live.pid)).toEqual([alive]);
      expect(live.exitCode).toBeNull();
    } finally {
      await leftover?.end().catch(() => {});
      killed.kill('SIGKILL');
      const liveExit = new Promise((resolve) => live.on('exit', resolve));
      live.kill('SIGTERM');
      await liveExit;
      // The live run's own cleanup on SIGTERM took its role.
      livesAfter = await roleExists(livesOn);
      await admin.query(`drop role if exists ${made}; drop role if exists ${livesOn}`);
      await admin.end();
    }
    expect(livesAfter).toBe(false);
    expect(await shadowDatabasesOf(server!, live.pid)).toEqual([]);
  }, 180_000);
});
