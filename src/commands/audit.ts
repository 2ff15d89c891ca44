/**
 * `schema-drift audit --base REF [--head REF]`: what a branch changes. Both revisions' migrations are replayed in
 * the embedded database; the report has
 *   (a) the types ⇄ database findings the branch introduces (and, as info, those it resolves), by stable key;
 *   (b) a lint of the migration files the branch adds, and `migration_edited` for files already on base;
 *   (c) `types_without_migration` / `migration_without_types`.
 * Git is only read (ls-tree, cat-file): the working tree and the index are never touched.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { applyConfig, type Config } from '../config.js';
import { compareModels, databaseModelFor } from '../diff/compare.js';
import { TupleSet } from '../diff/tupleMap.js';
import { InputError } from '../errors.js';
import { makeFinding, type Finding } from '../findings/finding.js';
import { buildModel } from '../introspect/catalog.js';
import { filesAt, gitRoot, listAt, readBlobs, resolveCommit, writeCheckout } from '../introspect/gitRef.js';
import { isMigrationName, splitStatements } from '../introspect/migrations.js';
import { readContinued, readSource, type DatabaseSource } from '../introspect/source.js';
import { lintMigrations, type MigrationFileStatements } from '../lint/migration/lint.js';
import type { SchemaModel } from '../model/schema.js';
import type { CatalogRows } from '../introspect/sql/rows.js';
import type { Report } from '../report/report.js';
import { parseTypesText } from '../typeparse/parseTypes.js';

export interface AuditOptions {
  base: string;
  /** A revision, or undefined for the working tree. */
  head?: string;
  /** The migrations folder (default supabase/migrations), as a path from the current folder. */
  migrationsDir: string;
  /** The types file, as a path from the current folder; undefined: no types ⇄ database part. */
  typesFile?: string;
  apiSchemas?: string[];
  config: Config;
  notice?: (msg: string) => void;
}

interface Side {
  label: string;
  /** Migration file name → its bytes. */
  files: Map<string, Buffer>;
  types?: string;
  /** The replayed database's catalog, and its model over every schema. */
  rows: CatalogRows;
  model: SchemaModel;
}

export async function runAudit(opts: AuditOptions): Promise<Report> {
  const cwd = process.cwd();
  const root = gitRoot(cwd);
  const dir = relative(root, resolve(cwd, opts.migrationsDir)).split('\\').join('/') || '.';
  const typesPath = opts.typesFile ? relative(root, resolve(cwd, opts.typesFile)).split('\\').join('/') : undefined;
  if (dir === '..' || dir.startsWith('../') || /^[A-Za-z]:|^\//.test(dir))
    throw new InputError(`--migrations ${opts.migrationsDir}: outside the repository at ${root}`);
  const commit = (flag: string, ref: string) => {
    try {
      resolveCommit(ref, root);
    } catch (err) {
      if (err instanceof InputError) err.message = `${flag} ${err.message}`;
      throw err;
    }
  };
  commit('--base', opts.base);
  if (opts.head) commit('--head', opts.head);

  const [base, head] = await readSides(opts, root, dir, typesPath);
  const findings: Finding[] = [];

  // (b) The files: edited or removed ones that were on base, and a lint of the added ones.
  const added: MigrationFileStatements[] = [];
  for (const [name, bytes] of base.files) {
    const now = head.files.get(name);
    if (!now || !now.equals(bytes)) {
      findings.push(
        makeFinding({
          code: 'migration_edited',
          schema: '',
          object: `${dir}/${name}`,
          location: { file: `${dir}/${name}`, line: 1 },
          message: `${dir}/${name} is on ${opts.base} and was ${now ? 'changed' : 'removed'}: databases that already ran it never see the change`,
        }),
      );
    }
  }
  for (const [name, bytes] of [...head.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (base.files.has(name)) continue;
    const file = `${dir}/${name}`;
    added.push({ file, statements: await splitStatements(bytes.toString('utf8'), file) });
  }
  const baseTables = new TupleSet<[string, string]>(base.model.tables.map((t) => [t.schema, t.name]));
  const columnType = (side: 'base' | 'head', schema: string, table: string, column: string) =>
    (side === 'base' ? base : head).model.tables
      .find((t) => t.schema === schema && t.name === table)
      ?.columns.find((c) => c.name === column)?.sqlType;
  findings.push(
    ...lintMigrations(added, { baseTables, apiSchemas: new Set(opts.apiSchemas ?? ['public']), columnType }),
  );

  // (a) Types ⇄ database at both revisions: what the branch introduces and resolves.
  const structural = (side: Side): Finding[] => {
    if (side.types === undefined || !typesPath) return [];
    const types = parseTypesText(side.types, typesPath);
    const { db, compared } = databaseModelFor(types, side.rows);
    return compareModels(types, db, compared);
  };
  const [before, after] = [structural(base), structural(head)];
  const beforeKeys = new Set(before.map((f) => f.key));
  const afterKeys = new Set(after.map((f) => f.key));
  const introduced = after.filter((f) => !beforeKeys.has(f.key));
  findings.push(...introduced.map((f) => ({ ...f, message: `introduced: ${f.message}` })));
  findings.push(
    ...before
      .filter((f) => !afterKeys.has(f.key))
      .map((f) => ({ ...f, severity: 'info' as const, message: `resolved: ${f.message}` })),
  );

  // (c) One side moved without the other.
  const typesChanged = base.types !== head.types;
  if (typesPath && typesChanged && added.length === 0) {
    findings.push(
      makeFinding({
        code: 'types_without_migration',
        schema: '',
        object: typesPath,
        location: { file: typesPath, line: 1 },
        message: `${typesPath} changed since ${opts.base} but no migration was added`,
      }),
    );
  }
  if (typesPath && !typesChanged && added.length > 0 && introduced.length > 0) {
    findings.push(
      makeFinding({
        code: 'migration_without_types',
        schema: '',
        object: typesPath,
        location: { file: added[0].file, line: 1 },
        message: `the new migrations change what ${typesPath} describes (${introduced.length} finding${introduced.length === 1 ? '' : 's'}), and ${typesPath} was not regenerated`,
      }),
    );
  }
  return {
    database: { kind: 'migrations', label: `${dir} at ${opts.base}` },
    types: typesPath ?? '',
    to: { kind: 'migrations', label: `${dir} at ${head.label}` },
    findings: applyConfig(findings, opts.config),
  };
}

/** One revision's migration files and types.ts, with the folder its migrations are replayed from. */
interface Checkout {
  label: string;
  files: Map<string, Buffer>;
  types?: string;
  folder: string;
  cleanup?: () => void;
}

/**
 * Both revisions replayed. When head only adds migrations after base's last one (a branch's usual shape), base is
 * replayed once, read, and head's new files are replayed onto the same database: one engine instead of two (and the
 * other way round when head only drops base's last ones).
 */
async function readSides(
  opts: AuditOptions,
  root: string,
  dir: string,
  typesPath: string | undefined,
): Promise<[Side, Side]> {
  const checkouts: Checkout[] = [];
  try {
    const base = checkOut(opts.base, root, dir, typesPath);
    checkouts.push(base);
    const head = checkOut(opts.head, root, dir, typesPath);
    checkouts.push(head);
    const notice = opts.notice ?? (() => {});
    const side = (c: Checkout, rows: CatalogRows): Side => ({
      label: c.label,
      files: c.files,
      types: c.types,
      rows,
      model: buildModel(
        rows,
        rows.SCHEMAS.map((s) => s.name),
      ),
    });
    const [baseSource, headSource] = [base, head].map((c) => ({ kind: 'migrations' as const, dirs: [c.folder] }));
    const options = { notice, allowEmpty: true };
    const continued = await readContinued(baseSource, headSource, options);
    if (continued) return [side(base, continued[0].rows), side(head, continued[1].rows)];
    const read = async (source: DatabaseSource) => (await readSource(source, options)).rows;
    return [side(base, await read(baseSource)), side(head, await read(headSource))];
  } finally {
    for (const c of checkouts) c.cleanup?.();
  }
}

function checkOut(ref: string | undefined, root: string, dir: string, typesPath: string | undefined): Checkout {
  const files = new Map<string, Buffer>();
  if (ref) {
    const atRef = filesAt(ref, dir, root);
    for (const f of atRef) if (isMigrationName(f.name)) files.set(f.name, f.content);
    let types: string | undefined;
    if (typesPath) {
      const slash = typesPath.lastIndexOf('/');
      const entry = listAt(ref, slash < 0 ? '.' : typesPath.slice(0, slash), root).find((f) => f.path === typesPath);
      types = entry ? readBlobs([entry.blob], root)[0].toString('utf8') : undefined;
    }
    // The folder as it was at the revision, for the replay: the files already read, written out.
    const checkout = writeCheckout(dir, atRef);
    return { label: ref, files, types, folder: checkout.dir, cleanup: checkout.cleanup };
  }
  const folder = join(root, dir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    throw new InputError(`${dir}: no such directory in the working tree`);
  }
  for (const name of names)
    if (isMigrationName(name) && statSync(join(folder, name)).isFile())
      files.set(name, readFileSync(join(folder, name)));
  let types: string | undefined;
  if (typesPath) {
    try {
      types = readFileSync(join(root, typesPath), 'utf8');
    } catch {
      types = undefined;
    }
  }
  return { label: 'the working tree', files, types, folder };
}
