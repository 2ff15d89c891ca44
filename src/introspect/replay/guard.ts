/**
 * What a migration may do under `--shadow-db`, where it runs on a real server beside other databases. Statements
 * that reach beyond the temporary database are refused (exit 2, file:line) before anything is created; a few
 * settings that Supabase projects commonly write, and that are not part of the schema, are skipped with a notice.
 *
 * The rule, by the statement's parse-tree node:
 * - refused: CREATE/DROP/ALTER DATABASE (owner, rename, options), ALTER SYSTEM, prepared transactions,
 *   tablespaces, LOAD, COPY to or from a server file or a program, subscriptions and IMPORT FOREIGN SCHEMA (they
 *   connect out), functions in C or an untrusted language and the extensions that bring them (plpython3u, plperlu, pltclu,
 *   adminpack, file_fdw), and calls of the server-administration functions in BLOCKED_FUNCTIONS (also when
 *   written inside a DO block or a function body);
 * - roles are shared by every database of the server: CREATE ROLE is allowed (it fails if the role exists) but not
 *   with SUPERUSER, CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS, a PASSWORD, or membership in a role this run
 *   did not create (nor given them later by ALTER ROLE); ALTER/DROP/RENAME ROLE, REASSIGN/DROP OWNED and GRANT of
 *   role membership are allowed only for roles this run created (they are dropped after the run); a role to be
 *   created must not exist yet; GRANT of membership may give a role this run made, or give Supabase's API roles to
 *   a role this run made;
 * - skipped with a notice: ALTER DATABASE … SET, ALTER ROLE … SET on a role this run did not create, and
 *   COMMENT/GRANT/SECURITY LABEL on a database, tablespace, role or parameter.
 *
 * This guards against accidents and plain attempts, not against a determined author: dynamic SQL
 * (`execute 'dro' || 'p role …'`) is not seen. Point `--shadow-db` at a server that holds nothing else, as a role
 * with CREATEDB and without SUPERUSER where the migrations allow it.
 */
import { InputError } from '../../errors.js';
import type { ParsedMigration } from './apply.js';
import type { Statement } from './split.js';
import { API_ROLES } from '../../supabase/platform.js';

/** Functions that act on the server, its files or other sessions rather than on the current database. */
const BLOCKED_FUNCTIONS = new RegExp(
  String.raw`(?<![\w$])"?(pg_terminate_backend|pg_cancel_backend|pg_signal_backend|pg_reload_conf|pg_rotate_logfile|pg_promote|pg_switch_wal|pg_create_restore_point|pg_backup_start|pg_backup_stop|pg_wal_replay_pause|pg_wal_replay_resume|pg_read_file|pg_read_binary_file|pg_ls_\w*dir|pg_stat_file|lo_import|lo_export|pg_file_\w+|dblink(?:_exec|_connect(?:_u)?|_open|_fetch|_send_query|_get_result|_close|_disconnect|_cancel_query)?|pg_create_\w*replication_slot|pg_drop_replication_slot|pg_copy_\w*replication_slot|pg_replication_origin_\w+|pg_logical_emit_message|pg_stat_reset_shared|pg_stat_reset_slru|pg_log_backend_memory_contexts)"?\s*\(`,
  'i',
);
const phrase = (...words: string[]) => words.join(String.raw`\s+`);
/**
 * The same statements written as text inside a DO block or a function body, and what else there reaches the
 * shared catalogs: a comment or security label on a role (a run's mark is a role comment).
 */
const BLOCKED_IN_BODIES = new RegExp(
  String.raw`\b(` +
    [
      phrase('(?:create|alter|drop)', '(?:role|user|group|database|tablespace)'),
      phrase('alter', 'system'),
      phrase('reassign', 'owned'),
      phrase('(?:from|to)', 'program'),
      phrase('comment', 'on', 'role'),
      phrase('security', 'label'),
    ].join('|') +
    String.raw`)\b`,
  'i',
);
/** Procedural languages that reach the server's files and processes (their extensions have the same names). */
const UNTRUSTED_PLS = ['plpython3u', 'plpythonu', 'plpython2u', 'plperlu', 'pltclu', 'plsh'];
const UNTRUSTED_LANGUAGES = new Set(['c', 'internal', ...UNTRUSTED_PLS]);
const UNSAFE_EXTENSIONS = new Set([...UNTRUSTED_PLS, 'adminpack', 'file_fdw']);
/** PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED. */
const PREPARED = new Set(['TRANS_STMT_PREPARE', 'TRANS_STMT_COMMIT_PREPARED', 'TRANS_STMT_ROLLBACK_PREPARED']);
/** CREATE ROLE options that give cluster-wide powers or a way to log in. */
const ROLE_POWERS = new Set(['superuser', 'createdb', 'createrole', 'isreplication', 'bypassrls', 'password']);
/** Objects every database of the server shares, by parse-tree kind, and what a message calls them. */
const SHARED_OBJECTS = new Map([
  ['OBJECT_DATABASE', 'database'],
  ['OBJECT_TABLESPACE', 'tablespace'],
  ['OBJECT_ROLE', 'role'],
  ['OBJECT_PARAMETER_ACL', 'parameter (GRANT SET / ALTER SYSTEM ON PARAMETER)'],
]);

export interface ScreenedMigrations {
  files: ParsedMigration[];
  /** Every name the migrations give a role (CREATE ROLE, a rename): none may exist on the server before the run. */
  roles: string[];
}

type Verdict = { refuse: string } | { skip: string } | null;

/** Screens every statement (throws on the first refused one) and leaves out the skipped ones. */
export function screenForShadow(files: ParsedMigration[], notice: (msg: string) => void): ScreenedMigrations {
  // The roles this run made that still exist at this point of the files (a rename follows the role, a drop ends
  // it: a name dropped may be another run's role by the next statement), and every name the run gives a role.
  const made = new Set<string>();
  const named = new Set<string>();
  const screened = files.map((file) => ({
    ...file,
    statements: file.statements.filter((stmt) => {
      const verdict = judge(stmt, made);
      if (verdict === null) {
        follow(stmt.node, made, named);
        return true;
      }
      if ('refuse' in verdict)
        throw new InputError(`${file.path}:${stmt.line}: refused under --shadow-db: ${verdict.refuse}`);
      notice(`${file.path}:${stmt.line}: skipped under --shadow-db: ${verdict.skip}`);
      return false;
    }),
  }));
  return { files: screened, roles: [...named] };
}

/** Updates `made` and `named` after an allowed role statement. */
function follow(n: Record<string, any>, made: Set<string>, named: Set<string>): void {
  if (n.CreateRoleStmt) {
    made.add(n.CreateRoleStmt.role);
    named.add(n.CreateRoleStmt.role);
  }
  if (n.RenameStmt?.renameType === 'OBJECT_ROLE' && made.delete(n.RenameStmt.subname)) {
    made.add(n.RenameStmt.newname);
    named.add(n.RenameStmt.newname);
  }
  for (const spec of n.DropRoleStmt?.roles ?? []) made.delete((spec.RoleSpec ?? spec).rolename);
}

function judge(stmt: Statement, made: Set<string>): Verdict {
  const n = stmt.node;
  const outside = (what: string): Verdict => ({ refuse: `${what} acts outside the temporary database` });
  // Matched with comments blanked out: `drop/**/role` and `pg_read_file/**/(` are what PostgreSQL reads.
  const text = withoutComments(stmt.sql);
  const blocked = BLOCKED_FUNCTIONS.exec(text);
  if (blocked) return { refuse: `${blocked[1]}() acts on the server, not on the temporary database` };
  if (n.CreatedbStmt) return outside('CREATE DATABASE');
  if (n.DropdbStmt) return outside('DROP DATABASE');
  if (n.AlterDatabaseStmt || n.AlterDatabaseRefreshCollStmt) return outside('ALTER DATABASE');
  if (n.AlterDatabaseSetStmt)
    return {
      skip: `ALTER DATABASE ${n.AlterDatabaseSetStmt.dbname} SET (database settings are not part of the schema, and this is not that database)`,
    };
  if (n.AlterSystemStmt) return outside('ALTER SYSTEM');
  if (PREPARED.has(n.TransactionStmt?.kind))
    return outside('a prepared transaction (it outlives the session, and its database cannot be dropped)');
  if (n.CreateTableSpaceStmt || n.DropTableSpaceStmt || n.AlterTableSpaceOptionsStmt)
    return outside('a tablespace statement');
  if (n.LoadStmt) return outside('LOAD (a library into the server)');
  if (n.CreateSubscriptionStmt || n.AlterSubscriptionStmt || n.DropSubscriptionStmt)
    return outside('a subscription (it connects to another server)');
  if (n.ImportForeignSchemaStmt) return outside('IMPORT FOREIGN SCHEMA (it connects to another server)');
  if (n.CopyStmt && (n.CopyStmt.filename || n.CopyStmt.is_program))
    return outside(
      n.CopyStmt.is_program ? 'COPY … PROGRAM (it runs a command on the server)' : 'COPY with a server file',
    );
  if (n.CreateExtensionStmt && UNSAFE_EXTENSIONS.has(n.CreateExtensionStmt.extname))
    return outside(`extension ${n.CreateExtensionStmt.extname} (code or files on the server)`);
  if (n.CreatePLangStmt) return outside('CREATE LANGUAGE');
  if (n.CreateFunctionStmt || n.DoStmt) {
    const language = optionValue(n.CreateFunctionStmt?.options ?? n.DoStmt?.args, 'language');
    if (language && UNTRUSTED_LANGUAGES.has(language.toLowerCase()))
      return outside(`a function in LANGUAGE ${language} (code on the server)`);
    const inBody = BLOCKED_IN_BODIES.exec(text);
    if (inBody)
      return outside(
        `\`${inBody[1].toLowerCase().replace(/\s+/g, ' ')}\` inside a ${n.DoStmt ? 'DO block' : 'function body'}`,
      );
  }
  const kind = (o: { objtype?: string; objectType?: string; renameType?: string }): string =>
    o.objtype ?? o.objectType ?? o.renameType ?? '';
  for (const key of ['CommentStmt', 'GrantStmt', 'SecLabelStmt']) {
    if (n[key] && SHARED_OBJECTS.has(kind(n[key])))
      return {
        skip: `${key.replace(/Stmt$/, '').toUpperCase()} on a ${SHARED_OBJECTS.get(kind(n[key]))} (shared by the server's databases, not part of the schema)`,
      };
  }
  if (
    (n.AlterOwnerStmt || n.RenameStmt) &&
    ['OBJECT_DATABASE', 'OBJECT_TABLESPACE'].includes(kind(n.AlterOwnerStmt ?? n.RenameStmt))
  )
    return outside('ALTER DATABASE/TABLESPACE');
  return judgeRoles(n, made);
}

/** Role statements: only on roles this run created (see the module comment). */
function judgeRoles(n: Record<string, any>, made: Set<string>): Verdict {
  const notMade = (specs: Array<Record<string, any>>) =>
    specs.map((s) => s.RoleSpec ?? s).find((r) => r.roletype !== 'ROLESPEC_CSTRING' || !made.has(r.rolename));
  const nameOf = (r: Record<string, any>) =>
    r.roletype === 'ROLESPEC_CSTRING' ? r.rolename : r.roletype.replace('ROLESPEC_', '').toLowerCase();
  const refuse = (what: string, r: Record<string, any>): Verdict => ({
    refuse: `${what} ${nameOf(r)}: roles are shared by the server's databases, and this run did not create it`,
  });
  // A power is refused when the role is made and when it is altered later (a role the run made is still shared).
  const power = (options: Array<Record<string, any>> | undefined) =>
    (options ?? [])
      .map((o) => o.DefElem)
      .find(
        (d) => ROLE_POWERS.has(d.defname) && d.arg?.Boolean?.boolval !== false && !(d.defname === 'password' && !d.arg),
      );
  const powerName = (d: Record<string, any>) =>
    d.defname === 'isreplication' ? 'REPLICATION' : d.defname.toUpperCase();
  if (n.CreateRoleStmt) {
    const given = power(n.CreateRoleStmt.options);
    if (given)
      return { refuse: `CREATE ROLE ${n.CreateRoleStmt.role} with ${powerName(given)}: a power over the whole server` };
    for (const o of n.CreateRoleStmt.options ?? []) {
      const d = o.DefElem;
      if (d.defname === 'addroleto') {
        const other = notMade(d.arg.List.items);
        if (other) return refuse(`CREATE ROLE ${n.CreateRoleStmt.role} IN ROLE`, other);
      }
    }
    return null;
  }
  if (n.AlterRoleStmt) {
    const r = n.AlterRoleStmt.role;
    if (notMade([r])) return refuse('ALTER ROLE', r);
    const given = power(n.AlterRoleStmt.options);
    return given ? { refuse: `ALTER ROLE ${nameOf(r)} with ${powerName(given)}: a power over the whole server` } : null;
  }
  if (n.AlterRoleSetStmt) {
    const r = n.AlterRoleSetStmt.role;
    if (r && !notMade([r])) return null;
    return {
      skip: `ALTER ROLE ${r ? nameOf(r) : 'ALL'} SET (role settings are shared by the server's databases and not part of the schema)`,
    };
  }
  if (n.DropRoleStmt) {
    const other = notMade(n.DropRoleStmt.roles);
    return other ? refuse('DROP ROLE', other) : null;
  }
  if (n.RenameStmt?.renameType === 'OBJECT_ROLE') {
    return made.has(n.RenameStmt.subname)
      ? null
      : refuse('ALTER ROLE … RENAME', { roletype: 'ROLESPEC_CSTRING', rolename: n.RenameStmt.subname });
  }
  if (n.ReassignOwnedStmt || n.DropOwnedStmt) {
    const other = notMade((n.ReassignOwnedStmt ?? n.DropOwnedStmt).roles);
    return other ? refuse(n.ReassignOwnedStmt ? 'REASSIGN OWNED BY' : 'DROP OWNED BY', other) : null;
  }
  if (n.GrantRoleStmt) {
    // Handing out a role this run made gives nothing beyond the temporary database; any other role would.
    const given = (n.GrantRoleStmt.granted_roles as Array<Record<string, any>>).map(
      (g) => g.AccessPriv?.priv_name as string,
    );
    const grantees = notMade(n.GrantRoleStmt.grantee_roles) === undefined;
    // Supabase's API roles: a role this run made may join them (as custom roles for PostgREST do).
    const other = given.find((g) => !made.has(g) && !(grantees && API_ROLES.has(g)));
    if (other)
      return refuse(n.GrantRoleStmt.is_grant ? 'GRANT of role' : 'REVOKE of role', {
        roletype: 'ROLESPEC_CSTRING',
        rolename: other,
      });
  }
  return null;
}

function optionValue(options: Array<Record<string, any>> | undefined, name: string): string | undefined {
  return options?.find((o) => o.DefElem?.defname === name)?.DefElem.arg?.String?.sval;
}

/**
 * `sql` with each comment (`--` to the line's end; `/* … *\/`, nested as PostgreSQL nests them) replaced by a space,
 * in one pass. Quotes are not followed: this only feeds the text checks above, which do not see dynamic SQL anyway.
 */
export function withoutComments(sql: string): string {
  if (!sql.includes('--') && !sql.includes('/*')) return sql;
  const parts: string[] = [];
  let kept = 0;
  for (let i = 0; i < sql.length;) {
    if (sql.startsWith('--', i)) {
      parts.push(sql.slice(kept, i), ' ');
      const end = sql.indexOf('\n', i);
      i = kept = end < 0 ? sql.length : end;
    } else if (sql.startsWith('/*', i)) {
      parts.push(sql.slice(kept, i), ' ');
      let depth = 0;
      do {
        if (sql.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else i++;
      } while (depth > 0 && i < sql.length);
      kept = i;
    } else i++;
  }
  parts.push(sql.slice(kept));
  return parts.join('');
}
