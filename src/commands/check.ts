/** `schema-drift check`: types.ts × database → findings → report, and whether CI should fail. */
import { applyConfig, type Config } from '../config.js';
import { compareModels, databaseModelFor } from '../diff/compare.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../findings/finding.js';
import { InputError } from '../errors.js';
import { buildDatabaseFacts, buildModel } from '../introspect/catalog.js';
import type { CatalogRows } from '../introspect/sql/rows.js';
import { describeSource, readSource, type DatabaseSource, type ReadOptions } from '../introspect/source.js';
import { isUserSchema } from '../lint/scope.js';
import { hintFor, nextCommand } from '../findings/hints.js';
import type { SchemaModel } from '../model/schema.js';
import type { Report } from '../report/report.js';
import { parseTypesFile } from '../typeparse/parseTypes.js';

export interface CheckOptions {
  source: DatabaseSource;
  /** null: no types file, a schema audit (lints only). */
  typesFile: string | null;
  schemas?: string[];
  /** Only the types ⇄ database comparison, or only the schema lints (default: both). */
  only?: 'structural' | 'lints';
  /** Schemas the Data API exposes, for the lints (default `public`). */
  apiSchemas?: string[];
  config: Config;
  progress?: (msg: string) => void;
  notice?: (msg: string) => void;
  /** How migrations are replayed (statement timeout, empty folders). */
  replay?: Pick<ReadOptions, 'statementTimeoutMs' | 'allowEmpty'>;
  /** Also plan the migration `fix` would write (for the markdown report), from the model already read. */
  fixSql?: boolean;
}

export async function runCheck(opts: CheckOptions): Promise<Report> {
  const typesFile = opts.only === 'lints' ? null : opts.typesFile;
  if (typesFile === null && opts.only === 'structural')
    throw new InputError('--only structural compares a types file: give --types FILE');
  // A live or embedded database is read while the types file is parsed (one waits on the network or WASM, the
  // other on the CPU); a bad types file is still the error reported. A shadow database is created on the
  // user's server, so it waits until the types file is known to be good: bad input changes nothing.
  const read = () => readSource(opts.source, { ...opts.replay, progress: opts.progress, notice: opts.notice });
  const early = opts.source.kind === 'shadow' && typesFile ? undefined : read();
  early?.catch(() => {});
  const types = typesFile ? await parseTypesFile(typesFile) : undefined;
  const snapshot = await (early ?? read());
  const known = new Set<string>(snapshot.rows.SCHEMAS.map((s) => s.name));
  const unknown = (opts.schemas ?? []).filter((s) => !known.has(s) && !types?.schemas.includes(s));
  if (unknown.length) {
    throw new InputError(
      `--schema ${unknown.join(', ')}: no such schema in the database${typesFile ? ` or in ${typesFile}` : ''}`,
    );
  }
  const findings: Finding[] = [];
  let fixSql: string | undefined;
  if (types) {
    const { db, compared } = databaseModelFor(types, snapshot.rows, opts.schemas);
    const structural = compareModels(types, db, compared);
    findings.push(...structural);
    if (opts.fixSql && structural.length) {
      const { previewFix } = await import('./fix.js');
      fixSql = previewFix(db, types, compared, known, {
        config: opts.config,
        source: opts.source,
        typesFile: typesFile!,
      });
    }
  }
  if (opts.only !== 'structural') findings.push(...(await lintRows(snapshot.rows, opts)));
  const kept = applyConfig(findings, opts.config, opts.notice);
  const ctx = { typesFile: typesFile ?? undefined };
  return {
    database: { kind: opts.source.kind, label: describeSource(opts.source) },
    types: typesFile,
    findings: kept.map((f) => ({ ...f, hint: hintFor(f, ctx) })),
    next: nextCommand(kept, ctx),
    ...(fixSql !== undefined ? { fixSql } : {}),
  };
}

/** types.ts (already parsed) × catalog rows → the structural findings, over `schemas` or those the file covers. */
export function structuralFindings(types: SchemaModel, rows: CatalogRows, schemas?: readonly string[]): Finding[] {
  const { db, compared } = databaseModelFor(types, rows, schemas);
  return compareModels(types, db, compared);
}

/** The lints over every user schema of the database (or those asked for), whatever types.ts covers. */
async function lintRows(rows: CatalogRows, opts: CheckOptions): Promise<Finding[]> {
  const { runLints } = await import('../lint/index.js');
  const schemas = opts.schemas?.length ? opts.schemas : rows.SCHEMAS.map((s) => s.name).filter(isUserSchema);
  return runLints(buildModel(rows, schemas), buildDatabaseFacts(rows, schemas), { apiSchemas: opts.apiSchemas });
}

export function exitCodeFor(findings: readonly Finding[], failOn: Severity | 'never'): 0 | 1 {
  if (failOn === 'never') return 0;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}
