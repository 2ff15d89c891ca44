/**
 * `--shadow-db URL`: replay the migrations into a uniquely named temporary database on that server, read it,
 * and drop it: on success, on failure, and on Ctrl-C or SIGTERM.
 *
 * SIGKILL cannot be caught, so a run also cleans up after earlier ones. The database is named
 * `schema_drift_shadow_<pid>_<random>` (the pid is for people; it means nothing on another machine), and for as
 * long as it exists its run holds a session on the server whose application_name is `schema-drift:<database>`.
 * A shadow database without that session belongs to a run that is gone, whichever machine it ran on: the next
 * run terminates the sessions left in it and drops it, and says so in one line. A live run's database always has
 * its owner's session, so it is never touched.
 *
 * Time: each statement is bounded by `--statement-timeout`. At the bound the run asks the server whether the
 * statement is waiting for a lock (and whose), then cancels it; the session's own statement_timeout (the bound
 * plus a grace) and idle_in_transaction_session_timeout stop it even if this process dies, and
 * client_connection_check_interval (PostgreSQL 14+) ends a killed run's statement within a second.
 */
import type pg from 'pg';
import { InputError, redactText, redactUrl } from '../errors.js';
import { dollarQuote, quoteIdent, quoteLiteral } from '../model/quote.js';
import { baselineSql } from '../supabase/baseline/index.js';
import { readCatalog } from './catalog.js';
import { withDatabaseName } from './connectionString.js';
import { connect, openReadOnly } from './live.js';
import { applyMigrations, parseMigrations, StatementTimeoutError, type MigrationTarget } from './replay/apply.js';
import { screenForShadow } from './replay/guard.js';
import { listMigrations } from './replay/list.js';
import { firstLine } from './replay/split.js';
import { API_ROLES } from '../supabase/platform.js';
import { oneAtATime, type CatalogSnapshot, type ReplayOptions } from './source.js';

export const SHADOW_PREFIX = 'schema_drift_shadow_';
/** application_name of the session that owns a shadow database while its run lives. */
export const OWNER_MARK = 'schema-drift:';
/** How long after the bound the server stops a statement itself (this process may be gone). */
const SERVER_GRACE_MS = 2_000;
/** How long a cancelled statement has to stop before its session is terminated. */
const TERMINATE_AFTER_MS = 3_000;

export async function readMigrationsShadow(url: string, dirs: string[], opts: ReplayOptions): Promise<CatalogSnapshot> {
  // Read, split and screen every file before touching the server: bad input creates nothing.
  const { files, roles } = screenForShadow(
    await parseMigrations(listMigrations(dirs, opts.notice, opts.allowEmpty)),
    opts.notice,
  );
  const name = `${SHADOW_PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

  const admin = await connect(url, { applicationName: `${OWNER_MARK}${name}` });
  let version: number;
  try {
    version = Number(
      (await admin.query<{ v: string }>(`select pg_catalog.current_setting('server_version_num') as v`)).rows[0].v,
    );
    await removeAbandoned(admin, opts.notice);
    const existing = (
      await admin.query<{ rolname: string }>('select rolname from pg_catalog.pg_roles where rolname = any($1)', [roles])
    ).rows;
    if (existing.length) {
      throw new InputError(
        `the migrations create role ${existing[0].rolname}, which exists on ${redactUrl(url)} already: under --shadow-db a migration may only create roles the server does not have (roles are shared by all its databases)`,
      );
    }
    await admin.query(`create database ${quoteIdent(name)}`);
  } catch (err) {
    await admin.end().catch(() => {});
    if (err instanceof InputError) throw err;
    const denied = (err as { code?: string }).code === '42501';
    const why = denied
      ? 'the role lacks the CREATEDB right (ALTER ROLE … CREATEDB, or connect as a role that has it)'
      : redactText((err as Error).message, url);
    throw new InputError(`cannot create a shadow database on ${redactUrl(url)}: ${why}`);
  }

  let dropped: Promise<void> | undefined;
  // Each role the run creates is marked in the same transaction (see `alongside` below), so a role is the run's
  // exactly when its creation committed; a rename keeps the mark. Only those go with the database: a role of the
  // same name that another run, or the baseline on a server without Supabase's roles, made first is not ours.
  const mark = `${OWNER_MARK}${name}`;
  const drop = () =>
    (dropped ??= (async () => {
      await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`).catch(() => {});
      await dropMarkedRoles(admin, mark, opts.notice).catch(() => {});
      await admin.end().catch(() => {});
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    void drop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.once(s, onSignal);

  const bound = opts.statementTimeoutMs;
  const settings: Record<string, number> =
    bound > 0
      ? { statement_timeout: bound + SERVER_GRACE_MS, idle_in_transaction_session_timeout: bound + SERVER_GRACE_MS }
      : {};
  if (version >= 140000) settings.client_connection_check_interval = 1000;
  const shadowUrl = withDatabaseName(url, name);
  try {
    const client = await connect(shadowUrl, { settings });
    try {
      const { rows } = await client.query<{ name: string }>('select name from pg_catalog.pg_available_extensions');
      const available = new Set(rows.map((r) => r.name));
      await client.query(baselineSql((n) => available.has(n))).catch((err: Error & { code?: string }) => {
        // 42501: a role that may not create Supabase's roles or act for supabase_admin.
        const hint =
          err.code === '42501'
            ? " (the role needs CREATEDB and membership in supabase_admin; where the server lacks Supabase's roles, a superuser)"
            : '';
        throw new InputError(
          `cannot set up the Supabase baseline on ${redactUrl(url)}: ${redactText(firstLine(err.message), url)}${hint}`,
        );
      });
      const pid = (await client.query<{ pid: number }>('select pg_catalog.pg_backend_pid() as pid')).rows[0].pid;
      const target: MigrationTarget = {
        exec: (sql) => execBounded(client, admin, pid, sql, bound),
        hasExtension: (n) => available.has(n),
        label: `the shadow database on ${redactUrl(url)}`,
        standIns: new Set<string>(),
        // The migrations cannot change a role's comment (COMMENT on a role is skipped), so the mark stays.
        alongside: (node) => {
          if (node.CreateRoleStmt)
            return { after: `comment on role ${quoteIdent(node.CreateRoleStmt.role)} is ${quoteLiteral(mark)}` };
          const acted = rolesActedOn(node);
          return acted.length ? { before: ownRolesCheck(acted, mark) } : undefined;
        },
      };
      await applyMigrations(target, files, opts);
      // Each read is its own read-only snapshot, so a read after `replay` sees what it added.
      const read = async () => {
        const conn = await openReadOnly(shadowUrl);
        try {
          return { rows: await readCatalog(conn.reader), roundTrips: conn.reader.roundTrips };
        } finally {
          await conn.close();
        }
      };
      const snapshot = await read();
      await opts.session?.(
        {
          ...oneAtATime(client),
          async replay(more, skip = 0) {
            const added = screenForShadow(
              await parseMigrations(listMigrations(more, opts.notice).slice(skip)),
              opts.notice,
            );
            if (added.roles.length) throw new InputError('a migration replayed onto the session may not create roles');
            await applyMigrations(target, added.files, opts);
          },
          readCatalog: read,
        },
        snapshot,
      );
      return snapshot;
    } finally {
      await client.end().catch(() => {});
    }
  } finally {
    await drop();
    for (const s of signals) process.removeListener(s, onSignal);
  }
}

/**
 * Runs one statement with the time bound. At the bound: is it waiting for a lock (and whose)? Then cancel it,
 * and terminate its session if the cancel is not obeyed. A statement that re-sets statement_timeout is still
 * stopped, since the bound is kept here.
 */
async function execBounded(
  client: pg.Client,
  admin: pg.Client,
  pid: number,
  sql: string,
  bound: number,
): Promise<void> {
  if (!(bound > 0)) return void (await client.query(sql));
  let stopped: StatementTimeoutError | undefined;
  let terminate: NodeJS.Timeout | undefined;
  let done = false;
  const watchdog = setTimeout(() => {
    void (async () => {
      try {
        // The statement is named by its start time too, so a cancel that arrives after it ended cannot stop the
        // next one.
        const { rows } = await admin.query<{ waiting: boolean; holders: number[] | null; started: string }>(
          `select a.wait_event_type = 'Lock' as waiting, pg_catalog.pg_blocking_pids(a.pid) as holders,
                  a.query_start::text as started
             from pg_catalog.pg_stat_activity a where a.pid = $1`,
          [pid],
        );
        if (done || !rows[0]) return;
        const { waiting, holders, started } = rows[0];
        stopped =
          waiting || holders?.length
            ? new StatementTimeoutError('lock', holders?.length ? `pid ${holders.join(', ')}` : undefined)
            : new StatementTimeoutError('time');
        const atThisStatement = (fn: string) =>
          admin.query(
            `select pg_catalog.${fn}(a.pid) from pg_catalog.pg_stat_activity a
              where a.pid = $1 and a.query_start::text = $2`,
            [pid, started],
          );
        await atThisStatement('pg_cancel_backend');
        if (!done)
          terminate = setTimeout(
            () => void atThisStatement('pg_terminate_backend').catch(() => {}),
            TERMINATE_AFTER_MS,
          );
      } catch {
        /* the server's own statement_timeout stops it */
      }
    })();
  }, bound);
  try {
    await client.query(sql);
  } catch (err) {
    throw stopped ?? err;
  } finally {
    done = true;
    clearTimeout(watchdog);
    clearTimeout(terminate);
  }
}

/**
 * Drops what runs that are gone left on the server (no owner session: see OWNER_MARK; a session inside the
 * shadow database itself, which a migration could name like its owner, does not count): their shadow databases,
 * after terminating the sessions still in them (a killed run's statement may still be running), and the roles
 * they made (marked with the same name as their owner session). One notice line when there were any.
 */
async function removeAbandoned(admin: pg.Client, notice: (msg: string) => void): Promise<void> {
  const { rows: databases } = await admin.query<{ datname: string; sessions: number }>(
    `select d.datname,
            (select pg_catalog.count(*) from pg_catalog.pg_stat_activity a where a.datname = d.datname)::int as sessions
       from pg_catalog.pg_database d
      where pg_catalog.left(d.datname, $1) = $2
        and not exists (select 1 from pg_catalog.pg_stat_activity o
                         where o.application_name = $3 || d.datname and o.datname is distinct from d.datname)`,
    [SHADOW_PREFIX.length, SHADOW_PREFIX, OWNER_MARK],
  );
  const removed: string[] = [];
  const failed: string[] = [];
  let sessions = 0;
  for (const row of databases) {
    try {
      await admin.query(
        'select pg_catalog.pg_terminate_backend(pid) from pg_catalog.pg_stat_activity where datname = $1',
        [row.datname],
      );
      await admin.query(`drop database if exists ${quoteIdent(row.datname)} with (force)`);
      removed.push(row.datname);
      sessions += row.sessions;
    } catch (err) {
      failed.push(`${row.datname} (${(err as Error).message})`);
    }
  }
  // After the databases: a role that owns objects in one cannot be dropped before it. A mark proves itself: only
  // a role with power over a role can comment on it, and such a role could drop it anyway.
  const { rows: roles } = await admin.query<{ name: string }>(
    `select r.rolname as name
       from pg_catalog.pg_roles r, pg_catalog.shobj_description(r.oid, 'pg_authid') as mark
      where pg_catalog.left(mark, $1) = $2
        and not exists (select 1 from pg_catalog.pg_stat_activity o
                         where o.application_name = mark and o.datname is distinct from pg_catalog.substr(mark, $3))
      order by r.oid desc`,
    [OWNER_MARK.length + SHADOW_PREFIX.length, OWNER_MARK + SHADOW_PREFIX, OWNER_MARK.length + 1],
  );
  const { dropped, refused } = await dropRoles(admin, roles);
  failed.push(...refused.map(({ name, message }) => `role ${name} (${message})`));
  const parts = [];
  if (removed.length)
    parts.push(
      `removed ${removed.length} shadow database${removed.length > 1 ? 's' : ''} left by runs that were killed (${removed.join(', ')}); terminated ${sessions} session${sessions === 1 ? '' : 's'} still in ${removed.length > 1 ? 'them' : 'it'}`,
    );
  if (dropped.length)
    parts.push(`dropped the role${dropped.length > 1 ? 's' : ''} such runs made (${dropped.join(', ')})`);
  if (failed.length) parts.push(`could not remove ${failed.join(', ')}`);
  if (parts.length) notice(parts.join('; '));
}

/** Drops the roles this run made: those marked with `mark`, its owner session's name. */
async function dropMarkedRoles(admin: pg.Client, mark: string, notice: (msg: string) => void): Promise<void> {
  const { rows } = await admin.query<{ name: string }>(
    `select r.rolname as name from pg_catalog.pg_roles r
      where pg_catalog.shobj_description(r.oid, 'pg_authid') = $1 order by r.oid desc`,
    [mark],
  );
  for (const { name, message } of (await dropRoles(admin, rows)).refused)
    notice(`could not drop role ${name}, which this run made: ${firstLine(message)}`);
}

/** Drops each role, newest first as listed; the names dropped, and those refused with the server's reason. */
async function dropRoles(admin: pg.Client, roles: ReadonlyArray<{ name: string }>) {
  const dropped: string[] = [];
  const refused: Array<{ name: string; message: string }> = [];
  for (const { name } of roles) {
    try {
      await admin.query(`drop role if exists ${quoteIdent(name)}`);
      dropped.push(name);
    } catch (err) {
      refused.push({ name, message: (err as Error).message });
    }
  }
  return { dropped, refused };
}

/**
 * The roles a statement drops, alters, renames, grants or clears out (DROP/REASSIGN OWNED) that must be the run's.
 * The guard lets these act only on roles this run made, but a name it made may since belong to another session
 * (the run's creation rolled back, or the role dropped).
 */
function rolesActedOn(node: Record<string, any>): string[] {
  const named = (specs: Array<Record<string, any>>) =>
    specs.map((s) => s.RoleSpec ?? s).flatMap((r) => (r.roletype === 'ROLESPEC_CSTRING' ? [r.rolename] : []));
  if (node.DropRoleStmt) return named(node.DropRoleStmt.roles);
  if (node.AlterRoleStmt) return named([node.AlterRoleStmt.role]);
  if (node.AlterRoleSetStmt?.role) return named([node.AlterRoleSetStmt.role]);
  if (node.RenameStmt?.renameType === 'OBJECT_ROLE') return [node.RenameStmt.subname];
  if (node.ReassignOwnedStmt || node.DropOwnedStmt) return named((node.ReassignOwnedStmt ?? node.DropOwnedStmt).roles);
  if (node.GrantRoleStmt) {
    // Granted: the run's roles or Supabase's API roles (then to the run's roles: the guard's rule).
    const granted = (node.GrantRoleStmt.granted_roles as Array<Record<string, any>>).map(
      (g) => g.AccessPriv?.priv_name as string,
    );
    const ours = granted.filter((g) => !API_ROLES.has(g));
    return ours.length < granted.length ? [...ours, ...named(node.GrantRoleStmt.grantee_roles)] : ours;
  }
  return [];
}

/** A statement that fails unless every one of `roles` that exists carries this run's mark. */
function ownRolesCheck(roles: string[], mark: string): string {
  const checks = roles.map(
    // Operators named in pg_catalog: the migration may have put its own first on the search path.
    (role) => `if exists (select from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) ${quoteLiteral(role)}
      and not coalesce(pg_catalog.shobj_description(r.oid, 'pg_authid') operator(pg_catalog.=) ${quoteLiteral(mark)}, false)) then
    raise exception '%', ${quoteLiteral(`role ${role} is not this run's: another session made it after this run's own was rolled back or dropped`)};
  end if;`,
  );
  return `do ${dollarQuote(`begin\n  ${checks.join('\n  ')}\nend`)}`;
}
