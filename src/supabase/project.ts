/**
 * Finding a Supabase project from wherever the command runs: its root, what `supabase/config.toml` says (API
 * schemas, the local database port), its migrations and declarative schema folders, and its types.ts.
 *
 * Pure file-system reads; nothing here connects to a database or writes anything.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** What marks a project root, strongest first: the first folder up the tree holding one of these wins. */
const ROOT_MARKERS = [join('supabase', 'config.toml'), 'schema-drift.config.json', 'package.json'] as const;

/**
 * Where projects keep the generated file, most specific first. Supabase's docs use `database.types.ts` and
 * `types/supabase.ts`; the rest are what frameworks' templates and starter kits write.
 */
export const TYPES_CANDIDATES = [
  'database.types.ts',
  'types/supabase.ts',
  'types/database.types.ts',
  'src/types/supabase.ts',
  'src/types/database.types.ts',
  'lib/database.types.ts',
  'src/lib/database.types.ts',
  'lib/supabase/types.ts',
  'src/lib/supabase/types.ts',
  'lib/types/supabase.ts',
  'utils/supabase/types.ts',
  'src/utils/supabase/types.ts',
  'supabase/types.ts',
  'supabase/functions/_shared/database.types.ts',
  'src/integrations/supabase/types.ts',
  'src/supabase/types.ts',
  'app/types/supabase.ts',
] as const;

export interface SupabaseConfig {
  /** `[api] schemas`: the schemas PostgREST exposes (the generator's default set). */
  apiSchemas?: string[];
  /** `[db] port`: where `supabase start` listens (54322 unless changed). */
  dbPort?: number;
}

export interface Project {
  /** Absolute path of the project root. */
  root: string;
  /** Which marker found the root (for the "using …" notice). */
  marker: (typeof ROOT_MARKERS)[number] | null;
  supabase: SupabaseConfig;
  /** `supabase/migrations`, when it exists (absolute). */
  migrationsDir?: string;
  /** `supabase/schemas`, the declarative schema folder, when it exists (absolute). */
  schemasDir?: string;
  /** `schema-drift.config.json` at the root, when it exists (absolute). */
  configFile?: string;
}

/** Walks up from `start` to the nearest folder holding a root marker; `start` itself when none is found. */
export function findProject(start: string = process.cwd()): Project {
  const from = resolve(start);
  for (const marker of ROOT_MARKERS) {
    for (let dir = from; ; dir = dirname(dir)) {
      if (existsSync(join(dir, marker))) return describeProject(dir, marker);
      if (dirname(dir) === dir) break;
    }
  }
  return describeProject(from, null);
}

function describeProject(root: string, marker: Project['marker']): Project {
  const at = (p: string) => (isDirectory(join(root, p)) ? join(root, p) : undefined);
  const configToml = join(root, 'supabase', 'config.toml');
  const configFile = join(root, 'schema-drift.config.json');
  return {
    root,
    marker,
    supabase: existsSync(configToml) ? readSupabaseConfig(configToml) : {},
    migrationsDir: at(join('supabase', 'migrations')),
    schemasDir: at(join('supabase', 'schemas')),
    configFile: existsSync(configFile) ? configFile : undefined,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads the two facts this tool needs from `supabase/config.toml`. The file is the Supabase CLI's; a value of the
 * wrong type is the user's mistake and is reported with the key, like a config error.
 */
export function readSupabaseConfig(file: string): SupabaseConfig {
  let doc: Record<string, unknown>;
  const text = readConfigText(file);
  try {
    // smol-toml is small and synchronous; it is only loaded when a project has a config.toml.
    doc = parseToml(text);
  } catch (err) {
    const e = err as { line?: number; message?: string };
    throw new InputError(`${file}${e.line ? `:${e.line}` : ''}: not valid TOML (${firstLine(e.message)})`);
  }
  const api = table(doc.api);
  const db = table(doc.db);
  const out: SupabaseConfig = {};
  if (api?.schemas !== undefined) {
    if (!Array.isArray(api.schemas) || !api.schemas.every((s) => typeof s === 'string')) {
      throw new InputError(`${file}: api.schemas: expected an array of strings`);
    }
    out.apiSchemas = api.schemas as string[];
  }
  if (db?.port !== undefined) {
    if (typeof db.port !== 'number' || !Number.isInteger(db.port) || db.port < 1 || db.port > 65535) {
      throw new InputError(`${file}: db.port: expected a port number`);
    }
    out.dbPort = db.port;
  }
  return out;
}

/** The Supabase CLI's config.toml is a few kilobytes; anything near this is not one. */
const MAX_CONFIG_BYTES = 1 << 20;

/** The file's text, refusing what cannot be a config.toml (not a file, huge, binary) before parsing it. */
function readConfigText(file: string): string {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    // A FIFO or device would block the read, a folder cannot be read.
    if (!stat.isFile()) throw new InputError(`${file}: not a regular file`);
    if (stat.size > MAX_CONFIG_BYTES)
      throw new InputError(
        `${file}: ${(stat.size / (1 << 20)).toFixed(1)} MB, too large for a config.toml (at most ${MAX_CONFIG_BYTES >> 20} MB)`,
      );
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(
      `${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? firstLine((err as Error).message)})`,
    );
  }
  if (bytes.includes(0) || !isUtf8(bytes)) throw new InputError(`${file}: not a text file (binary, or not UTF-8)`);
  return bytes.toString('utf8');
}

const requireModule = createRequire(import.meta.url);
let tomlParse: ((text: string) => Record<string, unknown>) | undefined;
function parseToml(text: string): Record<string, unknown> {
  tomlParse ??= (requireModule('smol-toml') as { parse: (t: string) => Record<string, unknown> }).parse;
  return tomlParse(text);
}

function table(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function firstLine(s: string | undefined): string {
  return (s ?? 'parse error').split('\n')[0];
}

export interface TypesChoice {
  file: string;
  /** How it was chosen, for the one notice line: the flag, the config, or the search. */
  how: 'flag' | 'config' | 'found';
}

/**
 * The types file to compare: the flag, else the config, else the one candidate that exists under the root.
 * Two candidates are ambiguous: the user names one (guessing would compare the wrong file and look green).
 * Returns undefined when there is none (the check is then a schema audit).
 */
export function chooseTypesFile(project: Project, flag?: string, configured?: string): TypesChoice | undefined {
  if (flag) return { file: flag, how: 'flag' };
  if (configured) return { file: resolve(project.root, configured), how: 'config' };
  const found = TYPES_CANDIDATES.map((c) => join(project.root, c)).filter((p) => existsSync(p));
  if (found.length > 1) {
    const names = found.map((p) => relative(project.root, p)).join(', ');
    throw new InputError(
      `found more than one types file (${names}): say which with --types FILE or "types" in schema-drift.config.json`,
    );
  }
  return found.length === 1 ? { file: found[0], how: 'found' } : undefined;
}

/** Declarative schema files (`supabase/schemas/*.sql`), in name order as the Supabase CLI applies them. */
export function declarativeSchemaFiles(project: Project): string[] {
  if (!project.schemasDir) return [];
  return readdirSync(project.schemasDir)
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .map((n) => join(project.schemasDir!, n));
}

/** `--local`: the project's `supabase start` database, on the port config.toml gives. */
export function localDatabaseUrl(project: Project): string {
  const port = project.supabase.dbPort ?? 54322;
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}
