/**
 * `schema-drift diff --from A --to B --emit`: the migration that turns FROM into TO, from the deltas (never from
 * report text), through the generators of src/emit/database/. When FROM is a migrations folder (or `git:REF`), the
 * file is proved before it is written: FROM's migrations and the new file are replayed (embedded, or on
 * `--shadow-db`) and `diff` to TO must then report nothing but what the file knowingly leaves (destructive
 * statements withheld, stubs); else nothing is written and the exit is 2. A live FROM cannot be copied here to
 * try the file on, so its migration says in its header, and on stderr, that it is not proved.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseFindings } from '../diff/database/findings.js';
import { pairDatabases } from '../diff/database/pair.js';
import { deltaKey, planDiffMigration, type DbPlan } from '../emit/database/plan.js';
import { executes } from '../emit/plan.js';
import { renderMigration } from '../emit/render.js';
import { checkSlug, migrationFileName, writeNewFileAtomically } from '../emit/write.js';
import { InputError } from '../errors.js';
import { buildModel } from '../introspect/catalog.js';
import type { ReadOptions, Session } from '../introspect/source.js';
import type { Report } from '../report/report.js';
import { DB_PAIR_OPTIONS, runDiff, type DiffOptions, type DiffResult } from './diff.js';

export interface DiffEmitOptions extends DiffOptions {
  /** Default: FROM's folder when it is one, else `projectMigrations`, else supabase/migrations. */
  outDir?: string;
  /** The project's migrations folder (discovered from the working directory). */
  projectMigrations?: string;
  name?: string;
  stdout?: boolean;
  allowDestructive?: boolean;
  replay?: Pick<ReadOptions, 'statementTimeoutMs' | 'allowEmpty'>;
  now?: Date;
}

export type DiffEmitResult = { report: Report; proved: boolean } & (
  | { kind: 'nothing'; message: string }
  | { kind: 'stdout'; text: string }
  | { kind: 'written'; path: string; text: string }
);

export async function runDiffEmit(opts: DiffEmitOptions): Promise<DiffEmitResult> {
  const slug = checkSlug(opts.name ?? 'schema_drift_diff');
  const allow = opts.allowDestructive ?? false;
  const proved = opts.from.source.kind !== 'live';
  let planned: { plan: DbPlan; text?: string } | undefined;
  // Planned, rendered and proved while FROM's replayed database is open: the proof applies the file to it.
  const diff = await runDiff({
    ...opts,
    withFrom: async (session, result) => {
      const plan = planDiffMigration({
        deltas: result.deltas,
        from: result.models.from,
        to: result.models.to,
        schemas: result.schemas,
        allowDestructive: allow,
        options: { ignoreGrantee: DB_PAIR_OPTIONS.ignoreGrantee },
      });
      planned = { plan };
      if (!plan.statements.some((s) => executes(s, allow))) return;
      const label = (x: { kind: string; label: string } | undefined) => x?.label ?? '';
      const header = [
        `schema-drift diff --emit: turns ${label(result.report.database)} (FROM) into ${label(result.report.to)} (TO).`,
        proved
          ? `Proved before it was written: FROM's migrations and this file replayed${opts.from.source.kind === 'shadow' ? ' on the shadow database' : ' in the embedded PostgreSQL'}; diff to TO is then empty${plan.left.size ? ` but for the ${plan.left.size} change(s) left below` : ''}.`
          : 'NOT PROVED: FROM is a live database, which cannot be copied here to try this file on. Review it, and prefer a migrations folder as FROM.',
      ];
      planned.text = renderMigration(plan.statements, {
        allowDestructive: allow,
        header,
        allowCommand: 'schema-drift diff --emit --allow-destructive',
      });
      if (session?.replay) await prove(planned.text, session, result, plan);
    },
  });
  const { plan, text } = planned!;
  if (text === undefined) {
    const left = plan.statements.length;
    return {
      kind: 'nothing',
      report: diff.report,
      proved,
      message: left
        ? `nothing to emit: ${left} change${left === 1 ? ' needs' : 's need'} hand-written SQL${allow ? '' : ' or --allow-destructive'}`
        : 'nothing to emit: FROM and TO are the same',
    };
  }
  if (!proved)
    (opts.notice ?? ((m: string) => process.stderr.write(`schema-drift: ${m}\n`)))(
      'the migration is NOT PROVED: FROM is a live database (diff from a migrations folder to have it proved)',
    );
  if (opts.stdout) return { kind: 'stdout', text, report: diff.report, proved };
  const fromDir = opts.from.cleanup || opts.from.source.kind === 'live' ? undefined : opts.from.source.dirs.at(-1);
  const outDir = opts.outDir ?? fromDir ?? opts.projectMigrations ?? 'supabase/migrations';
  const path = join(outDir, migrationFileName(outDir, slug, opts.now));
  writeNewFileAtomically(path, text, outDir);
  return { kind: 'written', path, text, report: diff.report, proved };
}

/** The file applied to FROM's own replayed database; diff to TO must then report only what the plan leaves. */
async function prove(text: string, session: Session, diff: DiffResult, plan: DbPlan): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'schema-drift-emit-proof-'));
  try {
    writeFileSync(join(tmp, '99999999999999_new_migration.sql'), text);
    try {
      await session.replay!([tmp]);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      throw new InputError(
        `the migration failed its proof, nothing written: ${err.message.split(tmp).join('<new migration>')}`,
      );
    }
    const after = await session.readCatalog();
    const model = buildModel(after.rows, diff.models.from.schemas);
    const still = (await pairDatabases(model, diff.models.to, DB_PAIR_OPTIONS)).filter(
      (d) => !plan.left.has(deltaKey(d)),
    );
    if (still.length) {
      const [first] = databaseFindings(still);
      throw new InputError(
        `the migration failed its proof, nothing written: after it, diff still reports ${first.key} (${first.message})${still.length > 1 ? ` and ${still.length - 1} more` : ''}`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
