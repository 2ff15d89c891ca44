/**
 * `schema-drift diff --from SOURCE --to SOURCE`: two databases compared fact by fact (is production what the
 * migrations say?). A SOURCE is a connection URL, a migrations folder (replayed in the embedded database, or on
 * `--shadow-db`), or `git:REF[:DIR]` (that folder at a git revision).
 */
import { existsSync, readdirSync } from 'node:fs';
import { applyConfig, type Config } from '../config.js';
import { databaseFindings } from '../diff/database/findings.js';
import { preloadParser } from '../diff/database/normalize.js';
import { pairDatabases, type DbDelta } from '../diff/database/pair.js';
import { InputError } from '../errors.js';
import { buildModel } from '../introspect/catalog.js';
import { checkoutFolder, parseGitSpec } from '../introspect/gitRef.js';
import {
  describeSource,
  readContinued,
  readSource,
  type CatalogSnapshot,
  type DatabaseSource,
  type ReadOptions,
  type Session,
} from '../introspect/source.js';
import type { SchemaModel } from '../model/schema.js';
import type { Report } from '../report/report.js';
import { isPlatformRole, PLATFORM_EXTENSIONS, PLATFORM_SCHEMAS } from '../supabase/platform.js';

export interface SourceSpec {
  /** As the user wrote it (for labels). */
  text: string;
  source: DatabaseSource;
  /** Removes what reading it needed (a git checkout's temporary folder). */
  cleanup?: () => void;
}

/** Reads a `--from`/`--to` value. Folders replay on `shadowUrl` when given, else in the embedded database. */
export function parseSourceSpec(text: string, opts: { shadowUrl?: string; defaultDir?: string } = {}): SourceSpec {
  if (/^postgres(ql)?:\/\//i.test(text)) return { text, source: { kind: 'live', url: text } };
  let dir = text;
  let cleanup: (() => void) | undefined;
  if (text.startsWith('git:')) {
    const spec = parseGitSpec(text, opts.defaultDir ?? 'supabase/migrations');
    const checkout = checkoutFolder(spec);
    if (readdirSync(checkout.dir).length === 0) {
      checkout.cleanup();
      throw new InputError(`${text}: no files in ${spec.dir} at ${spec.ref}`);
    }
    dir = checkout.dir;
    cleanup = checkout.cleanup;
  } else if (!existsSync(text)) {
    throw new InputError(`${text}: not a connection URL (postgres://…), a folder, or git:REF[:DIR]`);
  }
  const source: DatabaseSource = opts.shadowUrl
    ? { kind: 'shadow', url: opts.shadowUrl, dirs: [dir] }
    : { kind: 'migrations', dirs: [dir] };
  return { text, source, cleanup };
}

export interface DiffOptions {
  from: SourceSpec;
  to: SourceSpec;
  schemas?: string[];
  config: Config;
  progress?: (msg: string) => void;
  notice?: (msg: string) => void;
  /** Leave git checkouts in place (the caller cleans up). */
  keepSources?: boolean;
  /**
   * Called with the comparison while FROM's database is still open (a replayed FROM's session; undefined for a
   * live FROM, which is only read): `diff --emit` proves its file on it.
   */
  withFrom?: (session: Session | undefined, result: DiffResult) => Promise<void>;
}

export interface DiffResult {
  report: Report;
  deltas: DbDelta[];
  models: { from: SchemaModel; to: SchemaModel };
  /** Every schema each database has (not only those compared). */
  schemas: { from: Set<string>; to: Set<string> };
}

/** What a database ⇄ database comparison leaves out: the platform's roles and preinstalled extensions. */
export const DB_PAIR_OPTIONS = {
  ignoreGrantee: isPlatformRole,
  ignoreExtension: (name: string) => PLATFORM_EXTENSIONS.has(name),
};

export async function runDiff(opts: DiffOptions): Promise<DiffResult> {
  // Texts that differ are compared by their parse tree: the parser loads while the databases are read.
  preloadParser();
  const readOpts = { progress: opts.progress, notice: opts.notice };
  const read = (s: SourceSpec, session?: ReadOptions['session']) => readSource(s.source, { ...readOpts, session });
  try {
    const withFrom = opts.withFrom;
    if (withFrom && opts.from.source.kind !== 'live') {
      // TO first, so the comparison is made while FROM's database is still open for the caller.
      const to = await read(opts.to);
      let result: DiffResult | undefined;
      await read(opts.from, async (session, from) => {
        result = await compare(from, to, opts);
        await withFrom(session, result);
      });
      return result!;
    }
    // Two servers are read at once (each is one round trip); a replay runs one after the other: two embedded
    // databases at once would double the memory for little gain. Where one side's migrations only add to the
    // other's (a branch against main), the extra files are replayed onto the other's database: one replay.
    const [from, to] =
      opts.from.source.kind === 'live' || opts.to.source.kind === 'live'
        ? await Promise.all([read(opts.from), read(opts.to)])
        : ((await readContinued(opts.from.source, opts.to.source, readOpts)) ?? [
            await read(opts.from),
            await read(opts.to),
          ]);
    const result = await compare(from, to, opts);
    await withFrom?.(undefined, result);
    return result;
  } catch (err) {
    // A message about a git checkout names it as the user wrote it, not by its temporary folder.
    if (err instanceof InputError)
      for (const s of [opts.from, opts.to])
        if (s.cleanup && s.source.kind !== 'live') err.message = err.message.split(s.source.dirs[0]).join(s.text);
    throw err;
  } finally {
    if (!opts.keepSources) {
      opts.from.cleanup?.();
      opts.to.cleanup?.();
    }
  }
}

async function compare(fromSnap: CatalogSnapshot, toSnap: CatalogSnapshot, opts: DiffOptions): Promise<DiffResult> {
  const [fromRows, toRows] = [fromSnap.rows, toSnap.rows];
  const all = new Set([...fromRows.SCHEMAS, ...toRows.SCHEMAS].map((s) => s.name));
  const unknown = (opts.schemas ?? []).filter((s) => !all.has(s));
  if (unknown.length) throw new InputError(`--schema ${unknown.join(', ')}: no such schema on either side`);
  const schemas = opts.schemas?.length ? opts.schemas : [...all].filter((s) => !PLATFORM_SCHEMAS.has(s)).sort();
  const models = { from: buildModel(fromRows, schemas), to: buildModel(toRows, schemas) };
  const deltas = await pairDatabases(models.from, models.to, DB_PAIR_OPTIONS);
  const findings = applyConfig(databaseFindings(deltas), opts.config);
  const label = (s: SourceSpec) => (s.source.kind === 'live' ? describeSource(s.source) : s.text);
  return {
    report: {
      database: { kind: opts.from.source.kind, label: label(opts.from) },
      types: '',
      to: { kind: opts.to.source.kind, label: label(opts.to) },
      findings,
    },
    deltas,
    models,
    schemas: {
      from: new Set(fromRows.SCHEMAS.map((x) => x.name)),
      to: new Set(toRows.SCHEMAS.map((x) => x.name)),
    },
  };
}
