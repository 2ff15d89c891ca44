/**
 * The baseline's roles are cluster-wide, so two sessions setting up at once on a fresh server (two shadow replays,
 * two test files) both find a role missing and both create it. Each race is forced here: session A creates (or
 * grants) and holds its transaction open, session B runs the same statement and waits on A's uncommitted catalog
 * row, then A commits. The plain statement fails in B (the race is real); the baseline's statement succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { quoteIdent, quoteLiteral } from '../src/model/quote.js';
import { ensureRoleSql, grantRolesSql, ROLES_SQL } from '../src/supabase/baseline/roles.sql.js';
import { resolveServer, serverOrSkipReason } from './support/db.js';

const server = await serverOrSkipReason();

describe.runIf(server)('the baseline roles on a shared server', () => {
  const roles: string[] = [];
  const connect = async () => {
    const c = new pg.Client({ connectionString: (await resolveServer())! });
    await c.connect();
    return c;
  };
  const freshRole = () => {
    const name = `sd_race_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    roles.push(name);
    return name;
  };
  let a: pg.Client, b: pg.Client, watcher: pg.Client;
  beforeAll(async () => {
    [a, b, watcher] = await Promise.all([connect(), connect(), connect()]);
  });
  afterAll(async () => {
    // The racing sessions end first (a statement still waiting in one would otherwise commit after the drops).
    await Promise.all([a, b].map((c) => c?.end()));
    for (const r of roles.reverse()) await watcher.query(`drop role if exists ${quoteIdent(r)}`);
    await watcher.end();
  });

  /** Runs `sql` in A (left uncommitted) and then in B; commits A once B waits on A's lock; B's outcome. */
  async function race(sql: string): Promise<string> {
    const bPid = (await b.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    await a.query('begin');
    let outcome: Promise<string> | undefined;
    try {
      await a.query(sql);
      outcome = b.query(sql).then(
        () => 'ok',
        (err: pg.DatabaseError) => `${err.code} ${err.message}`,
      );
      for (let waited = 0; ; waited += 10) {
        const r = await watcher.query('select wait_event_type from pg_stat_activity where pid = $1', [bPid]);
        if (r.rows[0]?.wait_event_type === 'Lock') break;
        if (waited > 10_000) throw new Error('session B never waited on session A');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await a.query('commit');
    } finally {
      // On any failure above: A's transaction is not left open for the next race, and B's statement has ended.
      await a.query('rollback').catch(() => {});
      await outcome;
    }
    return outcome!;
  }

  it('a role created by another session at the same moment: the plain check-then-create fails, ours does not', async () => {
    const plain = freshRole();
    const check = `do $$ begin if not exists (select from pg_roles where rolname = ${quoteLiteral(plain)}) then create role ${quoteIdent(plain)}; end if; end $$`;
    expect(await race(check)).toMatch(
      /^23505 duplicate key value violates unique constraint "pg_authid_rolname_index"/,
    );

    const ours = freshRole();
    expect(await race(ensureRoleSql(ours, 'nologin'))).toBe('ok');
    const made = await watcher.query('select rolcanlogin from pg_roles where rolname = $1', [ours]);
    expect(made.rows).toEqual([{ rolcanlogin: false }]);
  });

  it('a membership granted by another session at the same moment: the plain GRANT fails on 15, ours does not', async () => {
    const [group, member] = [freshRole(), freshRole()];
    await watcher.query(`create role ${quoteIdent(group)}; create role ${quoteIdent(member)}`);
    // PostgreSQL 16 and later make the second GRANT wait and then find the membership; 15 fails it.
    const version = Number((await watcher.query('show server_version_num')).rows[0].server_version_num);
    const plain = await race(`grant ${quoteIdent(group)} to ${quoteIdent(member)}`);
    if (version < 160000)
      expect(plain).toMatch(
        /^23505 duplicate key value violates unique constraint "pg_auth_members_role_member_index"/,
      );
    else expect(plain).toBe('ok');
    await watcher.query(`revoke ${quoteIdent(group)} from ${quoteIdent(member)}`);
    expect(await race(grantRolesSql([group], member))).toBe('ok');
    const granted = await watcher.query(
      'select count(distinct roleid)::int as n from pg_auth_members where roleid = $1::regrole and member = $2::regrole',
      [group, member],
    );
    expect(granted.rows).toEqual([{ n: 1 }]);
  });

  it('a name holding $$, quotes and a semicolon is created as that one role, twice without error', async () => {
    const odd = `${freshRole()}$$'"; drop role x`;
    roles.push(odd);
    await a.query(ensureRoleSql(odd, 'nologin'));
    await a.query(ensureRoleSql(odd, 'nologin'));
    expect((await watcher.query('select rolname from pg_roles where rolname = $1', [odd])).rows).toEqual([
      { rolname: odd },
    ]);
  });

  it("the baseline's whole role block runs again and again on a server that has the roles", async () => {
    await a.query(ROLES_SQL);
    await b.query(ROLES_SQL);
    const r = await watcher.query(
      "select count(distinct roleid)::int as n from pg_auth_members where member = 'authenticator'::regrole and roleid in ('anon'::regrole, 'authenticated'::regrole, 'service_role'::regrole)",
    );
    expect(r.rows).toEqual([{ n: 3 }]);
  });
});
