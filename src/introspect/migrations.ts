/**
 * Migration files → statements → a database. Reads folders the way the Supabase CLI does, splits each file
 * with PostgreSQL's own grammar (libpg-query) so a failure names its file, line and statement, and routes
 * `CREATE EXTENSION` to the engine's real extension or a stand-in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, maskSecrets, maskSecretsIn } from '../errors.js';
import { BUILT_IN, STAND_INS, standInSql } from './baseline/extensions.js';

export interface MigrationFile {
  path: string;
  version: string;
}

/** Only `<version>_<name>.sql` files are migrations, as for the Supabase CLI. */
const MIGRATION_NAME = /^(\d+)_.+\.sql$/;

/** The migrations of each folder in version order, folders in the order given. Others are skipped with a notice. */
export function listMigrations(dirs: string[], notice: (msg: string) => void): MigrationFile[] {
  const out: MigrationFile[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: not a directory`);
      names = readdirSync(dir);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${dir}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message}`);
    }
    const files: MigrationFile[] = [];
    for (const name of names.sort()) {
      const m = MIGRATION_NAME.exec(name);
      if (m) files.push({ path: join(dir, name), version: m[1] });
      else if (name.endsWith('.sql')) notice(`skipped ${join(dir, name)}: not a migration (<version>_<name>.sql)`);
    }
    files.sort((a, b) => compareVersions(a.version, b.version) || (a.path < b.path ? -1 : 1));
    out.push(...files);
  }
  return out;
}

function compareVersions(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface Statement {
  sql: string;
  /** 1-based line in the file where the statement's first token is. */
  line: number;
  node: Record<string, any>;
}

type ParseFn = (sql: string) => Promise<{ stmts: Array<{ stmt: Record<string, any>; stmt_location?: number; stmt_len?: number }> }>;
let parser: Promise<ParseFn> | undefined;

/** Splits a file into statements with PostgreSQL's grammar; a syntax error names file and line. */
export async function splitStatements(text: string, file: string): Promise<Statement[]> {
  parser ??= import('libpg-query').then((m) => m.parse as unknown as ParseFn);
  const parse = await parser;
  let result: Awaited<ReturnType<ParseFn>>;
  try {
    result = await parse(text);
  } catch (err) {
    const e = err as { message: string; sqlDetails?: { cursorPosition?: number } };
    const pos = e.sqlDetails?.cursorPosition;
    const line = pos === undefined ? 1 : lineAt(text, pos);
    throw new InputError(`${file}:${line}: syntax error: ${e.message}`);
  }
  // Locations are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(text, 'utf8');
  return result.stmts.map((s) => {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const raw = bytes.subarray(start, end).toString('utf8');
    const lead = raw.length - raw.trimStart().length;
    const before = bytes.subarray(0, start).toString('utf8');
    return { sql: raw.trim(), line: lineAt(before + raw.slice(0, lead), before.length + lead), node: s.stmt };
  });
}

function lineAt(text: string, charOffset: number): number {
  let line = 1;
  for (let i = 0; i < charOffset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** What migrations are replayed into: the embedded PGlite or a shadow database on a server. */
export interface MigrationTarget {
  exec(sql: string): Promise<void>;
  /** Extensions the engine can really create. */
  hasExtension(name: string): boolean;
  label: string;
}

export interface ApplyOptions {
  progress?: (msg: string) => void;
  notice: (msg: string) => void;
}

/** A migration file read and split into statements. */
export interface ParsedMigration extends MigrationFile {
  statements: Statement[];
}

export async function parseMigrations(files: MigrationFile[]): Promise<ParsedMigration[]> {
  const out: ParsedMigration[] = [];
  for (const f of files) out.push({ ...f, statements: await splitStatements(readFileSync(f.path, 'utf8'), f.path) });
  return out;
}

/** The extensions named by CREATE EXTENSION statements, so an engine can load them up front. */
export function extensionsUsed(files: ParsedMigration[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const s of f.statements) if (s.node.CreateExtensionStmt) out.add(s.node.CreateExtensionStmt.extname);
  return out;
}

/**
 * Replays the migrations. Consecutive ordinary statements are sent as one batch (PostgreSQL runs a
 * multi-statement query as one implicit transaction, and one batch costs far less than a round trip per
 * statement). When a batch fails it has been rolled back whole, so its statements are replayed one by one,
 * which names the one that fails. Statements that cannot share a transaction run alone, and a file with its own
 * BEGIN/COMMIT runs statement by statement.
 */
export async function applyMigrations(target: MigrationTarget, files: ParsedMigration[], opts: ApplyOptions): Promise<void> {
  const announced = new Set<string>();
  const announce = (name: string) => {
    if (announced.has(name)) return;
    announced.add(name);
    opts.notice(`extension ${name}: not available in ${target.label}; using a shape-only stand-in (types and function signatures)`);
  };
  const runOne = async (file: string, stmt: Statement, sql: string) => {
    try {
      await target.exec(sql);
    } catch (err) {
      throw new InputError(describeFailure(err, file, stmt));
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
        await target.exec(run.map((s) => s.sql).join(';\n'));
      } catch {
        // Rolled back whole: statement by statement (as the file would run in autocommit) names the failure,
        // or succeeds where only the shared transaction was the trouble.
        for (const stmt of run) await runOne(file.path, stmt, stmt.sql);
      }
    };
    for (const stmt of file.statements) {
      const sql = routeStatement(stmt, target, file.path, announce, opts.notice);
      if (sql === null) continue;
      if (ownTransactions || sql !== stmt.sql || mustRunAlone(stmt.node)) {
        await flush();
        await runOne(file.path, stmt, sql);
      } else {
        batch.push(stmt);
      }
    }
    await flush();
  }
}

/**
 * Statements that cannot run inside a transaction block, or whose effect later statements need committed (a
 * new enum label cannot be used in the transaction that added it).
 */
function mustRunAlone(node: Record<string, any>): boolean {
  return Boolean(
    node.VacuumStmt || node.AlterEnumStmt || node.CreatedbStmt || node.DropdbStmt || node.AlterSystemStmt ||
    node.IndexStmt?.concurrent || node.ReindexStmt || node.AlterDatabaseSetStmt || node.CreateTableSpaceStmt,
  );
}

/** Index methods that come with the vector extension; its stand-in has none. */
const VECTOR_INDEX_METHODS = new Set(['hnsw', 'ivfflat']);

/**
 * The SQL to run for a statement: itself, a stand-in for an extension the engine lacks, or nothing (extension
 * upkeep on a stand-in, and vector indexes, which a stand-in cannot build and which types.ts never describes).
 */
function routeStatement(stmt: Statement, target: MigrationTarget, file: string, announce: (name: string) => void, notice: (msg: string) => void): string | null {
  const n = stmt.node;
  if (VECTOR_INDEX_METHODS.has(n.IndexStmt?.accessMethod) && !target.hasExtension('vector')) {
    notice(`${file}:${stmt.line}: skipped index ${n.IndexStmt.idxname ?? '(unnamed)'} USING ${n.IndexStmt.accessMethod}: the vector stand-in has no index methods`);
    return null;
  }
  const name: string | undefined =
    n.CreateExtensionStmt?.extname ??
    (n.AlterExtensionStmt?.extname) ??
    (n.AlterExtensionContentsStmt?.extname) ??
    (n.DropStmt?.removeType === 'OBJECT_EXTENSION' ? n.DropStmt.objects?.[0]?.String?.sval : undefined) ??
    (n.CommentStmt?.objtype === 'OBJECT_EXTENSION' ? n.CommentStmt.object?.String?.sval : undefined);
  if (name === undefined || BUILT_IN.has(name) || target.hasExtension(name)) return stmt.sql;
  if (!(name in STAND_INS)) {
    throw new InputError(`${file}:${stmt.line}: extension "${name}" is not available in ${target.label} and has no stand-in`);
  }
  if (!n.CreateExtensionStmt) return null;
  announce(name);
  const schemaOpt = (n.CreateExtensionStmt.options ?? []).find((o: any) => o.DefElem?.defname === 'schema');
  return standInSql(name, schemaOpt?.DefElem?.arg?.String?.sval);
}

function describeFailure(err: unknown, file: string, stmt: Statement): string {
  const e = err as { message?: string; position?: string | number };
  const pos = Number(e.position);
  const line = Number.isFinite(pos) && pos > 0 ? stmt.line + lineAt(stmt.sql, pos - 1) - 1 : stmt.line;
  const first = maskSecrets(stmt.sql).split('\n')[0].slice(0, 80);
  return `${file}:${line}: migration failed at \`${first}\`: ${maskSecretsIn(e.message ?? String(err), stmt.sql)}`;
}
