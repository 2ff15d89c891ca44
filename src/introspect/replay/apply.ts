/**
 * Statements → a database: batches what can share a transaction, routes `CREATE EXTENSION` to the engine's real
 * extension or a stand-in, and names the file, line and statement of a failure.
 */
import { basename } from 'node:path';
import { InputError, maskSecrets, maskSecretsIn } from '../../errors.js';
import { quoteIdent } from '../../model/quote.js';
import { BUILT_IN, STAND_INS, standInSql, supabaseExtension } from '../../supabase/extensions.js';
import { readMigration, type MigrationFile } from './list.js';
import { firstLine, lineAt, splitStatements, type Statement } from './split.js';

/** What migrations are replayed into: the embedded PGlite or a shadow database on a server. */
export interface MigrationTarget {
  exec(sql: string): Promise<void>;
  /** Extensions the engine can really create. */
  hasExtension(name: string): boolean;
  label: string;
  /**
   * Extensions already stood in for on this database. Kept by a target that replays again onto the same database
   * (a session's later files), so a later index on a stand-in's type is skipped as it would be in one replay.
   */
  standIns?: Set<string>;
  /**
   * SQL to run right before and right after a statement, in the same transaction (so it commits or rolls back with
   * it, whatever the file does with BEGIN, SAVEPOINT or ROLLBACK): on a shared server, a check that a role is the
   * run's own before a statement acts on it, and the run's mark on each role it creates.
   */
  alongside?(node: Record<string, any>): { before?: string; after?: string } | undefined;
}

export interface ApplyOptions {
  progress?: (msg: string) => void;
  notice: (msg: string) => void;
  /** The bound each target enforces on a statement (named in the message when one exceeds it). */
  statementTimeoutMs?: number;
}

/**
 * A statement the target stopped at the replay's time bound: it ran that long (`'time'`) or waited that long for
 * a lock another session holds (`'lock'`). Every target reports its bound this way, so the message is the same
 * whatever the engine. (A statement cancelled by the migration's own statement_timeout is an ordinary failure
 * with PostgreSQL's message; one that hit its own lock_timeout, 55P03, is named as a lock wait.)
 */
export class StatementTimeoutError extends Error {
  override name = 'StatementTimeoutError';
  constructor(
    readonly reason: 'time' | 'lock',
    /** What held the lock, when known (`pid 1234`). */
    readonly holder?: string,
    /** The target stopped its engine and can run nothing more (a watchdog that ended a worker). */
    readonly final = false,
  ) {
    super(reason === 'lock' ? 'waited too long for a lock' : 'ran too long');
  }
}

/** A migration file read and split into statements. */
export interface ParsedMigration extends MigrationFile {
  statements: Statement[];
}

export async function parseMigrations(files: MigrationFile[]): Promise<ParsedMigration[]> {
  return parseMigrationTexts(readMigrationTexts(files));
}

/** A migration file with its text (read and checked: UTF-8, no NUL). */
export type MigrationText = MigrationFile & { text: string };

export function readMigrationTexts(files: MigrationFile[]): MigrationText[] {
  return files.map((f) => ({ ...f, text: readMigration(f.path) }));
}

export async function parseMigrationTexts(files: MigrationText[]): Promise<ParsedMigration[]> {
  const out: ParsedMigration[] = [];
  for (const { text, ...f } of files) out.push({ ...f, statements: await splitStatements(text, f.path) });
  return out;
}

/**
 * The extensions a migration text may create, read from the text before it is parsed (so an engine can start
 * meanwhile). A superset: a name in a comment counts too; `extensionsUsed` is the exact set.
 */
export function extensionsNamedIn(text: string): Set<string> {
  const out = new Set<string>();
  const re = /create\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"((?:[^"]|"")+)"|([a-z_][\w$-]*))/gi;
  for (const m of text.matchAll(re)) {
    const name = m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2].toLowerCase();
    out.add(name);
    for (const lib of supabaseExtension(name)?.loads ?? []) out.add(lib);
  }
  return out;
}

/** The extensions named by CREATE EXTENSION statements, so an engine can load them up front. */
export function extensionsUsed(files: ParsedMigration[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    for (const s of f.statements) {
      const name: string | undefined = s.node.CreateExtensionStmt?.extname;
      if (name === undefined) continue;
      out.add(name);
      // A stand-in may borrow another extension's library (loaded up front like the rest).
      for (const lib of supabaseExtension(name)?.loads ?? []) out.add(lib);
    }
  }
  return out;
}

/**
 * Replays the migrations. Consecutive ordinary statements are sent as one batch (PostgreSQL runs a
 * multi-statement query as one implicit transaction, and one batch costs far less than a round trip per
 * statement). When a batch fails it has been rolled back whole, so its statements are replayed one by one,
 * which names the one that fails. Statements that cannot share a transaction run alone, and a file with its own
 * BEGIN/COMMIT runs statement by statement.
 */
export async function applyMigrations(
  target: MigrationTarget,
  files: ParsedMigration[],
  opts: ApplyOptions,
): Promise<void> {
  const announced = target.standIns ?? new Set<string>();
  /** The statement's SQL with what the target runs beside it, and how far into that text the statement starts. */
  const withAlongside = (stmt: Statement, sql: string) => {
    const more = target.alongside?.(stmt.node);
    const before = more?.before ? `${more.before};\n` : '';
    // A newline before each `;`: a statement may end in a `--` comment.
    // PostgreSQL counts a position in characters, not UTF-16 units.
    return { text: `${before}${sql}${more?.after ? `\n;\n${more.after}` : ''}`, offset: [...before].length };
  };
  const announce = (name: string) => {
    if (announced.has(name)) return;
    announced.add(name);
    opts.notice(
      `extension ${name}: not available in ${target.label}; using a shape-only stand-in (types and function signatures)`,
    );
  };
  // Whether a transaction block is open (BEGIN not yet ended; it can span files). There, a statement whose failure
  // is only a notice runs under a savepoint: its error would abort the block, and the block's COMMIT would then
  // roll back everything in it.
  let inBlock = false;
  let opened: { file: string; line: number } | undefined; // where the open block began
  const runOne = async (file: string, stmt: Statement, routed: string) => {
    const { text: sql, offset } = withAlongside(stmt, routed);
    const guarded =
      inBlock &&
      ((announced.size > 0 && stmt.node.IndexStmt !== undefined) || extensionWithoutVersion(stmt) !== undefined);
    const undo = async () => {
      if (guarded) await target.exec(`rollback to savepoint ${SKIPPABLE}; release savepoint ${SKIPPABLE}`);
    };
    try {
      if (guarded) await target.exec(`savepoint ${SKIPPABLE}`);
      await target.exec(sql);
      if (guarded) await target.exec(`release savepoint ${SKIPPABLE}`);
      const before = inBlock;
      inBlock = blockAfter(stmt.node, inBlock);
      if (inBlock && (!before || stmt.node.TransactionStmt?.chain)) opened = { file, line: stmt.line };
    } catch (err) {
      if (announced.size > 0 && isStandInIndexFailure(stmt, err)) {
        await undo();
        opts.notice(
          `${file}:${stmt.line}: skipped index ${stmt.node.IndexStmt.idxname ?? '(unnamed)'}: ${firstLine((err as Error).message)} (a stand-in extension has no index support)`,
        );
        return;
      }
      const versionless = extensionWithoutVersion(stmt);
      if (versionless !== undefined && !(err instanceof StatementTimeoutError)) {
        await undo();
        opts.notice(
          `${file}:${stmt.line}: ${firstLine((err as Error).message)}; ${versionless ? `created the version ${target.label} has` : 'skipped'} instead`,
        );
        if (versionless) await runOne(file, { ...stmt, node: {} }, versionless);
        return;
      }
      throw new InputError(describeFailure(atStatement(err, offset), file, stmt, opts.statementTimeoutMs));
    }
  };
  for (const [i, file] of files.entries()) {
    opts.progress?.(`applying ${i + 1}/${files.length} ${basename(file.path)}`);
    const ownTransactions = file.statements.some((s) => s.node.TransactionStmt);
    let batch: Statement[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const run = batch;
      batch = [];
      if (run.length === 1) return runOne(file.path, run[0], run[0].sql);
      try {
        await target.exec(run.map((s) => withAlongside(s, s.sql).text).join('\n;\n'));
      } catch (err) {
        // A target that cannot go on after a timeout (its engine was stopped) names the batch's statements.
        const timeout = err instanceof StatementTimeoutError ? err : undefined;
        if (timeout?.final) {
          const [a, b] = [run[0].line, run[run.length - 1].line];
          throw new InputError(
            `${file.path}:${a}: one of the migration statements on lines ${a}–${b} ${timeoutText(timeout, opts.statementTimeoutMs)}`,
          );
        }
        // Rolled back whole: statement by statement (as the file would run in autocommit) names the failure,
        // or succeeds where only the shared transaction was the trouble (a timeout costs its bound once more).
        for (const stmt of run) await runOne(file.path, stmt, stmt.sql);
      }
    };
    for (const stmt of file.statements) {
      const sql = routeStatement(stmt, target, file.path, announce, opts.notice);
      if (sql === null) continue;
      // Inside a block left open by an earlier file, one by one too: a batch's failure would abort the block.
      if (ownTransactions || inBlock || sql !== stmt.sql || mustRunAlone(stmt.node)) {
        await flush();
        await runOne(file.path, stmt, sql);
      } else {
        batch.push(stmt);
      }
    }
    await flush();
  }
  // A block the migrations never close is committed, as a deploy that ends its session cleanly would: then both
  // engines read the same catalog (a server's is read on another connection), and deferred checks run, in bound.
  if (inBlock) {
    try {
      await target.exec('commit');
    } catch (err) {
      const why =
        err instanceof StatementTimeoutError
          ? timeoutText(err, opts.statementTimeoutMs)
          : firstLine((err as Error).message);
      throw new InputError(
        `${opened!.file}:${opened!.line}: the transaction this statement opens is never committed, and committing it at the end failed: ${why}`,
      );
    }
  }
}

/**
 * Statements that cannot run inside a transaction block, or whose effect later statements need committed (a
 * new enum label cannot be used in the transaction that added it).
 */
function mustRunAlone(node: Record<string, any>): boolean {
  return Boolean(
    node.VacuumStmt ||
    node.AlterEnumStmt ||
    node.CreatedbStmt ||
    node.DropdbStmt ||
    node.AlterSystemStmt ||
    node.IndexStmt?.concurrent ||
    node.ReindexStmt ||
    node.AlterDatabaseSetStmt ||
    node.CreateTableSpaceStmt,
  );
}

/** Index methods that come with the vector extension; its stand-in has none. */
const VECTOR_INDEX_METHODS = new Set(['hnsw', 'ivfflat']);

/**
 * The SQL to run for a statement: itself, a stand-in for an extension the engine lacks, or nothing (extension
 * upkeep on a stand-in, and vector indexes, which a stand-in cannot build and which types.ts never describes).
 */
function routeStatement(
  stmt: Statement,
  target: MigrationTarget,
  file: string,
  announce: (name: string) => void,
  notice: (msg: string) => void,
): string | null {
  const n = stmt.node;
  if (VECTOR_INDEX_METHODS.has(n.IndexStmt?.accessMethod) && !target.hasExtension('vector')) {
    notice(
      `${file}:${stmt.line}: skipped index ${n.IndexStmt.idxname ?? '(unnamed)'} USING ${n.IndexStmt.accessMethod}: the vector stand-in has no index methods`,
    );
    return null;
  }
  const name: string | undefined =
    n.CreateExtensionStmt?.extname ??
    n.AlterExtensionStmt?.extname ??
    n.AlterExtensionContentsStmt?.extname ??
    (n.DropStmt?.removeType === 'OBJECT_EXTENSION' ? n.DropStmt.objects?.[0]?.String?.sval : undefined) ??
    (n.CommentStmt?.objtype === 'OBJECT_EXTENSION' ? n.CommentStmt.object?.String?.sval : undefined);
  if (name === undefined || BUILT_IN.has(name) || target.hasExtension(name)) return stmt.sql;
  if (!(name in STAND_INS)) {
    throw new InputError(
      `${file}:${stmt.line}: extension "${name}" is not available in ${target.label} and has no stand-in`,
    );
  }
  if (!n.CreateExtensionStmt) return null;
  announce(name);
  const schemaOpt = (n.CreateExtensionStmt.options ?? []).find((o: any) => o.DefElem?.defname === 'schema');
  return standInSql(name, schemaOpt?.DefElem?.arg?.String?.sval, (n) => target.hasExtension(n));
}

/** `err` with its position counted from the statement's start rather than from text run before it. */
function atStatement(err: unknown, offset: number): unknown {
  const pos = Number((err as { position?: unknown })?.position);
  if (!offset || !Number.isFinite(pos)) return err;
  const { message, code } = err as { message?: string; code?: string };
  return { message, code, position: String(Math.max(1, pos - offset)) };
}

/** The savepoint a skippable statement runs under inside a transaction block. */
const SKIPPABLE = 'schema_drift_skippable';

/** Whether a transaction block is open after `node` ran, given whether one was before. */
function blockAfter(node: Record<string, any>, open: boolean): boolean {
  switch (node.TransactionStmt?.kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return true;
    case 'TRANS_STMT_COMMIT':
    case 'TRANS_STMT_ROLLBACK':
      return Boolean(node.TransactionStmt.chain); // AND CHAIN opens the next one
    default:
      return open;
  }
}

/**
 * An index the stand-ins cannot build: an index method or operator class a stand-in extension lacks (pgroonga,
 * rum, GiST on geometry), which PostgreSQL reports as an undefined object. Indexes never reach types.ts.
 */
function isStandInIndexFailure(stmt: Statement, err: unknown): boolean {
  return Boolean(stmt.node.IndexStmt) && (err as { code?: string }).code === '42704';
}

/**
 * A real extension in another version than the migration pins (the server's contrib is older or newer than
 * Supabase's): CREATE EXTENSION … VERSION is retried without the version (the SQL for it), ALTER EXTENSION …
 * UPDATE is skipped (''). Anything else: undefined.
 */
function extensionWithoutVersion(stmt: Statement): string | undefined {
  const n = stmt.node;
  if (n.AlterExtensionStmt) return '';
  const create = n.CreateExtensionStmt;
  const options: any[] = create?.options ?? [];
  if (!options.some((o) => o.DefElem?.defname === 'new_version')) return undefined;
  const schema: string | undefined = options.find((o) => o.DefElem?.defname === 'schema')?.DefElem.arg?.String?.sval;
  const cascade = options.some((o) => o.DefElem?.defname === 'cascade' && o.DefElem.arg?.Boolean?.boolval !== false);
  return (
    `create extension${create.if_not_exists ? ' if not exists' : ''} ${quoteIdent(create.extname)}` +
    `${schema ? ` with schema ${quoteIdent(schema)}` : ''}${cascade ? ' cascade' : ''}`
  );
}

/** `ran longer than 60 s (--statement-timeout)`, or what the lock wait was. */
function timeoutText(timeout: StatementTimeoutError, timeoutMs: number | undefined): string {
  const bound = timeoutMs ? `${timeoutMs / 1000} s` : 'its timeout';
  return timeout.reason === 'lock'
    ? `waited more than ${bound} for a lock held by another session${timeout.holder ? ` (${timeout.holder})` : ''}`
    : `ran longer than ${bound} (--statement-timeout)`;
}

function describeFailure(err: unknown, file: string, stmt: Statement, timeoutMs: number | undefined): string {
  // A role's password literal never reaches a message (8a's masking).
  const first = maskSecrets(stmt.sql)
    .split(/[\r\n]/)[0]
    .slice(0, 80);
  if (err instanceof StatementTimeoutError)
    return `${file}:${stmt.line}: migration statement ${timeoutText(err, timeoutMs)}: \`${first}\``;
  const e = err as { message?: string; position?: string | number; code?: string };
  // The migration's own lock_timeout (55P03): the cause is a lock, whichever bound ended the wait.
  if (e.code === '55P03')
    return `${file}:${stmt.line}: migration statement gave up waiting for a lock held by another session (${firstLine(maskSecretsIn(e.message ?? '', stmt.sql))}): \`${first}\``;
  const pos = Number(e.position);
  const line = Number.isFinite(pos) && pos > 0 ? stmt.line + lineAt(stmt.sql, pos - 1) - 1 : stmt.line;
  return `${file}:${line}: migration failed at \`${first}\`: ${firstLine(maskSecretsIn(e.message ?? String(err), stmt.sql))}`;
}
