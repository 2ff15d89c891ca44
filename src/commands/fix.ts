/**
 * `schema-drift fix`: the migration that brings the database up to types.ts, from the deltas. Every file is proved
 * before it is written: the migrations plus the new file (twice, for idempotence) are replayed in the embedded
 * PostgreSQL, `check` must report none of the findings the file fixes, and a second `fix` must emit nothing.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { compareModels, databaseModelFor } from '../diff/compare.js';
import { pairModels } from '../diff/pair.js';
import { executes, planFix, type Plan } from '../emit/plan.js';
import { renderMigration } from '../emit/render.js';
import { PHASE_ORDER } from '../emit/statement.js';
import type { LintFixPlan } from '../lint/remedies/index.js';
import { checkSlug, migrationFileName, writeNewFileAtomically } from '../emit/write.js';
import { InputError } from '../errors.js';
import {
  describeSource,
  readSource,
  type DatabaseSource,
  type ReadOptions,
  type Session,
} from '../introspect/source.js';
import type { CatalogRows } from '../introspect/sql/rows.js';
import type { SchemaModel } from '../model/schema.js';
import { parseTypesFile } from '../typeparse/parseTypes.js';

export interface FixOptions {
  source: DatabaseSource;
  typesFile: string;
  schemas?: string[];
  config: Config;
  /** Default: the source's (last) migrations folder, else supabase/migrations. */
  outDir?: string;
  name?: string;
  stdout?: boolean;
  allowDestructive?: boolean;
  /** Also write the remedies of the schema lints (indexes, RLS, policies; src/lint/remedies). */
  lints?: boolean;
  /** Schemas the Data API exposes, for the lints (default `public`). */
  apiSchemas?: string[];
  /** With `lints`: build the foreign key indexes CONCURRENTLY, after the transaction (for a live database). */
  concurrently?: boolean;
  progress?: (msg: string) => void;
  notice?: (msg: string) => void;
  /** How migrations are replayed (statement timeout, empty folders). */
  replay?: Pick<ReadOptions, 'statementTimeoutMs' | 'allowEmpty'>;
  now?: Date;
}

export type FixResult =
  | { kind: 'nothing'; message: string }
  | { kind: 'stdout'; text: string; fixes: number }
  | { kind: 'written'; path: string; text: string; fixes: number };

interface Planned {
  types: SchemaModel;
  schemas: string[];
  db: SchemaModel;
  plan: Plan;
  /** With `lints`: the remedies planned, and keys of the lint findings the database has. */
  lint?: LintFixPlan;
}

/** The structural migration from models already read: what `fix` plans (without --lints). */
export function planStructural(
  db: SchemaModel,
  types: SchemaModel,
  schemas: readonly string[],
  existingSchemas: ReadonlySet<string>,
  opts: Pick<FixOptions, 'config' | 'allowDestructive'>,
): Plan {
  return planFix(pairModels(db, types, schemas), db, types, existingSchemas, {
    columnTypes: opts.config.columnTypes,
    allowDestructive: opts.allowDestructive,
  });
}

/**
 * The migration `fix` would write, for `check --format markdown`, from the models `check` compared (no second
 * read, nothing written, not proved): undefined when `fix` would write nothing.
 */
export function previewFix(
  db: SchemaModel,
  types: SchemaModel,
  schemas: readonly string[],
  existingSchemas: ReadonlySet<string>,
  opts: { config: Config; source: DatabaseSource; typesFile: string },
): string | undefined {
  const planned = planStructural(db, types, schemas, existingSchemas, opts);
  if (!planned.statements.some((s) => executes(s, false))) return undefined;
  return renderMigration(planned.statements, {
    allowDestructive: false,
    header: [
      `schema-drift fix would write this migration: it brings ${describeSource(opts.source)} up to ${opts.typesFile}.`,
      'Run schema-drift fix to prove it on the embedded PostgreSQL and write the file. Review the inferred choices.',
    ],
  });
}

/** Plans the migration that brings the database read into `rows` up to `types`. */
async function planFrom(rows: CatalogRows, types: SchemaModel, opts: FixOptions): Promise<Planned> {
  const { db, compared: schemas } = databaseModelFor(types, rows, opts.schemas);
  const existing = new Set(rows.SCHEMAS.map((s) => s.name));
  const planned = planStructural(db, types, schemas, existing, opts);
  if (!opts.lints) return { types, schemas, db, plan: planned };
  const { lintFixPlan } = await import('../lint/remedies/index.js');
  const lint = await lintFixPlan(rows, opts.schemas, {
    allowDestructive: opts.allowDestructive ?? false,
    apiSchemas: opts.apiSchemas,
    concurrently: opts.concurrently,
  });
  const statements = PHASE_ORDER.flatMap((p) =>
    [...planned.statements, ...lint.statements].filter((s) => s.phase === p),
  );
  return { types, schemas, db, plan: { statements, fixes: new Set([...planned.fixes, ...lint.fixes]) }, lint };
}

export async function runFix(opts: FixOptions): Promise<FixResult> {
  const slug = checkSlug(opts.name ?? 'schema_drift_fix');
  const types = await parseTypesFile(opts.typesFile);
  const allow = opts.allowDestructive ?? false;
  const readOpts = { ...opts.replay, progress: opts.progress, notice: opts.notice };
  let result: FixResult | undefined;
  // One replay for the plan and its proof: the new file is applied (twice) to the database the source built, in
  // the same session. A live database is only read; its proof replays the project's migrations folder.
  await readSource(opts.source, {
    ...readOpts,
    session: async (session, snapshot) => {
      const first = await planFrom(snapshot.rows, types, opts);
      const runs = first.plan.statements.filter((s) => executes(s, allow));
      if (runs.length === 0) {
        const left = first.plan.statements.length;
        result = {
          kind: 'nothing',
          message: left
            ? `nothing to fix: ${left} change${left === 1 ? '' : 's'} need hand-written SQL${allow ? '' : ' or --allow-destructive'} (see check)`
            : 'nothing to fix: the database matches types.ts',
        };
        return;
      }
      const proofDirs = proofFolders(opts);
      const outDir = opts.outDir ?? proofDirs[proofDirs.length - 1];
      const text = renderMigration(first.plan.statements, {
        allowDestructive: allow,
        header: [
          `schema-drift fix: brings ${describeSource(opts.source)} up to ${opts.typesFile}`,
          `Proved before it was written: ${proofDirs.join(', ')} and this file (applied twice) replayed in the`,
          `${opts.source.kind === 'shadow' ? 'shadow database' : 'embedded PostgreSQL'}; check then reports none of the ${first.plan.fixes.size} findings it fixes. Review the inferred choices.`,
        ],
      });
      await prove(text, proofDirs, first, opts, session.replay ? session : undefined);
      if (opts.stdout) {
        result = { kind: 'stdout', text, fixes: first.plan.fixes.size };
        return;
      }
      const path = join(outDir, migrationFileName(outDir, slug, opts.now));
      writeNewFileAtomically(path, text, outDir);
      result = { kind: 'written', path, text, fixes: first.plan.fixes.size };
    },
  });
  return result!;
}

/** The migrations the proof replays: the source's own, or for a live database the project's folder. */
function proofFolders(opts: FixOptions): string[] {
  if (opts.source.kind !== 'live') return opts.source.dirs;
  const dirs = opts.config.migrations?.length ? opts.config.migrations : ['supabase/migrations'];
  if (!dirs.every((d) => existsSync(d))) {
    throw new InputError(
      `cannot prove the migration: ${dirs.join(', ')} does not exist (fix proves its file on the migrations folder; give --migrations DIR or set "migrations" in the config)`,
    );
  }
  return dirs;
}

/**
 * Applies the new file twice after the migrations and plans again: none of the findings it fixes may remain, and
 * a second fix must emit nothing. On the source's own session when it replayed migrations; else (a live
 * database) on the project's migrations folder in the embedded database.
 */
async function prove(text: string, dirs: string[], first: Planned, opts: FixOptions, session?: Session): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'schema-drift-proof-'));
  try {
    writeFileSync(join(tmp, '1_new_migration.sql'), text);
    writeFileSync(join(tmp, '2_new_migration_again.sql'), text);
    let second: Planned;
    try {
      let rows: CatalogRows;
      if (session?.replay) {
        await session.replay([tmp]);
        rows = (await session.readCatalog()).rows;
      } else {
        const quiet = { ...opts.replay, notice: () => {} };
        rows = (await readSource({ kind: 'migrations', dirs: [...dirs, tmp] }, quiet)).rows;
      }
      second = await planFrom(rows, first.types, opts);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const where = err.message.split(tmp).join('<new migration>');
      throw new InputError(`the new migration failed its proof, nothing written: ${where}`);
    }
    const after = compareModels(first.types, second.db, first.schemas);
    const still = [
      ...after,
      ...[...(second.lint?.found ?? [])].map((key) => ({ key, message: 'a schema lint' })),
    ].filter((f) => first.plan.fixes.has(f.key));
    if (still.length)
      throw new InputError(
        `the new migration failed its proof, nothing written: check still reports ${still[0].key} (${still[0].message})${still.length > 1 ? ` and ${still.length - 1} more` : ''}`,
      );
    // Lint remedies for tables this file creates are a later fix's work: only those of the first plan must be gone.
    const again = second.plan.statements.filter(
      (s) =>
        executes(s, opts.allowDestructive ?? false) &&
        (!second.lint?.fixesOf.has(s) || second.lint.fixesOf.get(s)!.some((k) => first.plan.fixes.has(k))),
    );
    if (opts.source.kind === 'live' ? [...second.plan.fixes].some((k) => first.plan.fixes.has(k)) : again.length > 0) {
      throw new InputError(
        `the new migration failed its proof, nothing written: a second fix would emit ${again.length} more statement(s), starting with \`${again[0]?.sql.split('\n')[0]}\``,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
