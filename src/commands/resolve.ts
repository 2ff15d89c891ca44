/**
 * From flags, config and the project found on disk to what a command reads: the database source and the types
 * file. Flags win over the config, the config over what discovery finds (src/supabase/project.ts).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Config } from '../config.js';
import { InputError } from '../errors.js';
import type { DatabaseSource } from '../introspect/source.js';
import { chooseTypesFile, declarativeSchemaFiles, localDatabaseUrl, type Project } from '../supabase/project.js';

export interface SourceFlags {
  db?: string;
  dbUrl?: string;
  local?: boolean;
  migrations?: string[];
  shadowDb?: string;
}

/** Folders resolveSource made (a declarative schema's files, numbered as migrations), until they are released. */
const scratch = new Map<string, Array<[copy: string, original: string]>>();
let exitHook = false;

/** Whether a folder of this source is one resolveSource made (it goes when the command ends). */
export function isScratchSource(source: DatabaseSource): boolean {
  return source.kind !== 'live' && source.dirs.some((d) => scratch.has(d));
}

/**
 * Removes the folders resolveSource made for this source; the user's own folders are never touched. A message
 * about the run (`err`) that names a copied file is made to name the user's file instead.
 */
export function releaseSource(source: DatabaseSource, err?: unknown): void {
  if (source.kind === 'live') return;
  for (const dir of source.dirs) {
    const copies = scratch.get(dir);
    if (!copies) continue;
    if (err instanceof InputError)
      for (const [copy, original] of copies) err.message = err.message.split(copy).join(shown(original));
    scratch.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A command that ends without releasing its source (an exception, process.exit) still leaves nothing behind. */
function removeScratchOnExit(): void {
  for (const dir of scratch.keys()) rmSync(dir, { recursive: true, force: true });
  scratch.clear();
}

/** A path as the user would write it from here (relative when it is below the current folder). */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export function resolveSource(
  flags: SourceFlags,
  config: Config,
  project: Project,
  notice: (msg: string) => void,
): DatabaseSource {
  const db = flags.db ?? flags.dbUrl;
  const flagDirs = flags.migrations?.length ? flags.migrations : undefined;
  const given = [db && '--db', flags.local && '--local', flags.shadowDb && '--shadow-db'].filter(Boolean);
  if (given.length > 1) throw new InputError(`give one of ${given.join(' and ')}, not both`);
  if ((db || flags.local) && flagDirs)
    throw new InputError(`${db ? '--db' : '--local'} reads a live database; --migrations replays files: give one`);
  if (flags.local) return { kind: 'live', url: localDatabaseUrl(project) };
  const dirs =
    flagDirs ??
    (config.migrations?.length ? config.migrations.map((d) => resolve(project.root, d)) : undefined) ??
    projectDirs(project, notice);
  if (flags.shadowDb) return { kind: 'shadow', url: flags.shadowDb, dirs: requireDirs(dirs) };
  const url = db || (flagDirs ? undefined : process.env.DATABASE_URL || process.env.SUPABASE_DB_URL);
  if (url) return { kind: 'live', url };
  return { kind: 'migrations', dirs: requireDirs(dirs) };
}

function requireDirs(dirs: string[] | undefined): string[] {
  if (!dirs) {
    throw new InputError(
      'no database to read: no supabase/migrations (or supabase/schemas) in this project; give --db URL, --local, --migrations DIR or set DATABASE_URL',
    );
  }
  return dirs;
}

/**
 * The project's own schema history: `supabase/migrations`; or, in a project that keeps only a declarative schema
 * (`supabase/schemas/*.sql`), those files in name order, replayed as numbered migrations.
 */
function projectDirs(project: Project, notice: (msg: string) => void): string[] | undefined {
  const migrations =
    project.migrationsDir && readdirSync(project.migrationsDir).some((n) => n.endsWith('.sql'))
      ? project.migrationsDir
      : undefined;
  if (migrations) return [shown(migrations)];
  const declared = declarativeSchemaFiles(project);
  if (declared.length === 0) return project.migrationsDir ? [shown(project.migrationsDir)] : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'schema-drift-schemas-'));
  if (!exitHook) process.once('exit', removeScratchOnExit);
  exitHook = true;
  const copies: Array<[string, string]> = declared.map((file, i) => [
    join(dir, `${String(i + 1).padStart(4, '0')}_${file.split(/[\\/]/).pop()}`),
    file,
  ]);
  scratch.set(dir, copies);
  for (const [copy, file] of copies) copyFileSync(file, copy);
  notice(
    `no migrations: replaying the declarative schema ${shown(project.schemasDir!)} (${declared.length} file${declared.length === 1 ? '' : 's'})`,
  );
  return [dir];
}

/** The types file, or null when there is none (a schema audit); says which one it found when it had to look. */
export function resolveTypes(
  flag: string | undefined,
  config: Config,
  project: Project,
  notice: (msg: string) => void,
): string | null {
  const choice = chooseTypesFile(project, flag, config.types);
  if (!choice) return null;
  if (choice.how !== 'flag' && !existsSync(choice.file))
    throw new InputError(`${shown(choice.file)}: no such file (from "types" in the config)`);
  if (choice.how === 'found') notice(`using types file ${shown(choice.file)}`);
  // A path the user gave is reported as they wrote it; one found or configured, from here.
  return choice.how === 'flag' ? choice.file : shown(choice.file);
}
