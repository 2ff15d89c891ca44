/**
 * The command line's program: parses flags, runs one command, maps its outcome to an exit code (0 in sync, 1 drift,
 * 2 trouble). Heavy modules are imported by the commands that need them, not here. It has no effect when imported:
 * cli.ts runs it as a process; the tests run `main` in theirs (test/support/cli.ts).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from './config.js';
import { isScratchSource, releaseSource, resolveSource, resolveTypes, shown } from './commands/resolve.js';
import type { DatabaseSource } from './introspect/source.js';
import { findProject, type Project } from './supabase/project.js';
import { InputError, redactText } from './errors.js';
import { escapeControl, escapeControlKeepNewlines } from './report/escape.js';
import { FORMATS, renderReport, type Format } from './report/render.js';
import type { Report } from './report/report.js';
import type { Severity } from './findings/finding.js';
import { wantsColor } from './report/text.js';

const VERSION = '0.1.0';

/** One line on stderr: secrets removed, control characters made visible (names in it are untrusted). */
function say(message: string): void {
  process.stderr.write(`schema-drift: ${escapeControl(redactText(message))}\n`);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** What every command starts from: the project around the current folder, its config, and where notices go. */
async function setup(opts: {
  config?: string;
  quiet?: boolean;
}): Promise<{ project: Project; config: Config; notice: (msg: string) => void }> {
  const project = findProject();
  const config = await loadConfig(opts.config ?? (project.configFile ? shown(project.configFile) : undefined));
  return { project, config, notice: opts.quiet ? () => {} : say };
}

/** Runs a command on its database source, then removes what resolving it made (a declarative schema's copy). */
async function withSource<T>(source: DatabaseSource, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    releaseSource(source);
    return result;
  } catch (err) {
    releaseSource(source, err);
    throw err;
  }
}

/** Prints a report in the format asked for and sets the exit code its findings call for (check, diff, audit). */
async function writeReport(
  report: Report,
  opts: { format?: string; failOn?: Severity | 'never' },
  config: Config,
): Promise<void> {
  const format = (opts.format ?? config.format ?? 'text') as Format;
  const color = format === 'text' && wantsColor(process.stdout);
  process.stdout.write(await renderReport(report, format, { color, version: VERSION, fixSql: report.fixSql }));
  const { exitCodeFor } = await import('./commands/check.js');
  process.exitCode = exitCodeFor(report.findings, opts.failOn ?? config.failOn ?? 'error');
}

/** The schemas PostgREST exposes, from config.toml (graphql_public is the platform's). */
function apiSchemasOf(project: Project): string[] | undefined {
  return project.supabase.apiSchemas?.filter((s) => s !== 'graphql_public');
}

/** `--statement-timeout SECONDS` (or config `statementTimeout`): a non-negative number; 0 turns the bound off. */
function parseSeconds(value: unknown, where: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 86_400)
    throw new InputError(
      `${where}: expected a number of seconds from 0 (no limit) to 86400, got ${JSON.stringify(value)}`,
    );
  return n;
}

/** How the replaying sources run the migrations, from flags then config. */
function replayOptions(opts: { statementTimeout?: string; allowEmpty?: boolean }, config: Config) {
  const seconds =
    opts.statementTimeout !== undefined
      ? parseSeconds(opts.statementTimeout, '--statement-timeout')
      : config.statementTimeout !== undefined
        ? parseSeconds(config.statementTimeout, 'config statementTimeout')
        : undefined;
  return {
    statementTimeoutMs: seconds === undefined ? undefined : Math.round(seconds * 1000),
    allowEmpty: opts.allowEmpty,
  };
}

/** Progress lines on stderr, only for a person watching a terminal. */
function progressReporter(): ((msg: string) => void) | undefined {
  return process.stderr.isTTY ? (msg) => process.stderr.write(`\r\x1b[2K${msg}`) : undefined;
}

function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}

function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--db <url>', 'live database (default: $DATABASE_URL, then $SUPABASE_DB_URL)')
    .option('--db-url <url>', 'the same as --db, as the Supabase CLI spells it')
    .option('--local', "the project's local Supabase database (port from supabase/config.toml)")
    .option('--quiet', 'no notices on stderr (errors still)')
    .option('--migrations <dir>', 'replay DIR/*.sql into the embedded PostgreSQL (repeatable, in order)', collect)
    .option('--shadow-db <url>', 'replay the migrations into a temporary database on this server')
    .option('--statement-timeout <seconds>', 'bound on each replayed migration statement (default 60; 0 = none)')
    .option('--allow-empty', 'accept a migrations folder without migrations')
    .option('--config <file>', 'config file (default: ./schema-drift.config.json when present)')
    .option('--debug', 'show stack traces');
}

function parseFailOn(v: string) {
  if (!['error', 'warning', 'never'].includes(v)) throw new InvalidArgumentError('expected error, warning or never');
  return v as 'error' | 'warning' | 'never';
}

export function buildProgram(): Command {
  const program = new Command('schema-drift')
    .description('Find drift between a Supabase/PostgreSQL database and its generated types.ts')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(escapeControlKeepNewlines(redactText(s))) });

  addSourceOptions(program.command('check').description('compare types.ts with the database; exit 1 on drift'))
    .option('--types <file>', 'the types file (default: "types" in config, else the one found in the project)')
    .option('--schema <name>', 'schema to compare (repeatable; default: those in types.ts)', collect)
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]))
    .option('--fail-on <severity>', 'error | warning | never (default error)', parseFailOn)
    .addOption(
      new Option('--only <part>', 'only the types comparison, or only the schema lints').choices([
        'structural',
        'lints',
      ]),
    )
    .action(async (opts) => {
      const { project, config, notice } = await setup(opts);
      const { runCheck } = await import('./commands/check.js');
      const progress = progressReporter();
      // No types file named, configured or found: a schema audit (lints only).
      const typesFile = resolveTypes(opts.types, config, project, notice);
      if (typesFile === null && opts.only === undefined)
        notice('no types file found: schema audit (lints only); give --types FILE to compare types');
      const source = resolveSource(opts, config, project, notice);
      const report = await withSource(source, () =>
        runCheck({
          source,
          typesFile,
          schemas: opts.schema ?? config.schemas,
          apiSchemas: apiSchemasOf(project),
          only: opts.only,
          config,
          progress,
          notice,
          replay: replayOptions(opts, config),
          fixSql: (opts.format ?? config.format) === 'markdown',
        }),
      );
      clearProgress();
      await writeReport(report, opts, config);
    });

  addSourceOptions(
    program
      .command('fix')
      .description('write the migration that brings the database up to types.ts (proved before it is written)'),
  )
    .option('--types <file>', 'the types file (default: "types" in config, else the one found in the project)')
    .option('--schema <name>', 'schema to reconcile (repeatable; default: those in types.ts)', collect)
    .option('--out <dir>', 'folder for the new migration (default: the migrations folder)')
    .option('--name <slug>', "the file name's slug (default: schema_drift_fix)")
    .option('--stdout', 'print the migration instead of writing a file')
    .option('--allow-destructive', 'emit drops, type changes and SET NOT NULL instead of commenting them out')
    .option(
      '--concurrently',
      'with --lints: build the foreign key indexes CONCURRENTLY, after the transaction (live database)',
    )
    .option(
      '--lints',
      "also write the schema lints' remedies: foreign key indexes, RLS, owner policies, (select auth.uid())",
    )
    .action(async (opts) => {
      const { project, config, notice } = await setup(opts);
      const { runFix } = await import('./commands/fix.js');
      const typesFile = resolveTypes(opts.types, config, project, notice) ?? 'lib/supabase/types.ts';
      const source = resolveSource(opts, config, project, notice);
      // A declarative schema is replayed from a scratch copy, which is no place for the new migration.
      if (isScratchSource(source) && !opts.out && !opts.stdout) {
        releaseSource(source);
        throw new InputError(
          `this project keeps a declarative schema (${shown(project.schemasDir!)}), no migrations folder: give --out DIR for the new migration, or --stdout`,
        );
      }
      const result = await withSource(source, () =>
        runFix({
          source,
          typesFile,
          schemas: opts.schema ?? config.schemas,
          config,
          outDir: opts.out,
          name: opts.name,
          stdout: opts.stdout,
          allowDestructive: opts.allowDestructive,
          lints: opts.lints,
          concurrently: opts.concurrently,
          progress: progressReporter(),
          replay: replayOptions(opts, config),
        }),
      );
      clearProgress();
      if (result.kind === 'nothing') say(result.message);
      else if (result.kind === 'stdout') process.stdout.write(result.text);
      else
        say(
          `wrote ${result.path} (fixes ${result.fixes} finding${result.fixes === 1 ? '' : 's'}; proved on the embedded PostgreSQL)`,
        );
    });

  program
    .command('diff')
    .description(
      'compare two databases fact by fact (a URL, a migrations folder, or git:REF[:DIR]); exit 1 when they differ',
    )
    .requiredOption('--from <source>', 'the database as it is (URL, migrations folder, git:REF[:DIR])')
    .requiredOption('--to <source>', 'the database as it should be (URL, migrations folder, git:REF[:DIR])')
    .option('--shadow-db <url>', 'replay folders on this server instead of the embedded database')
    .option('--schema <name>', 'schema to compare (repeatable; default: all but the platform schemas)', collect)
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]))
    .option('--fail-on <severity>', 'error | warning | never (default error)', parseFailOn)
    .option('--emit', 'write the migration that turns FROM into TO (proved first when FROM is a migrations folder)')
    .option('--stdout', 'with --emit: print the migration instead of writing a file')
    .option('--out <dir>', "with --emit: folder for the new migration (default: FROM's folder)")
    .option('--name <slug>', "with --emit: the file name's slug (default: schema_drift_diff)")
    .option(
      '--allow-destructive',
      'with --emit: emit drops, type changes and SET NOT NULL instead of commenting them out',
    )
    .option('--quiet', 'no notices on stderr (errors still)')
    .option('--config <file>', 'config file (default: ./schema-drift.config.json when present)')
    .option('--debug', 'show stack traces')
    .action(async (opts) => {
      const { project, config, notice } = await setup(opts);
      const { runDiff, parseSourceSpec } = await import('./commands/diff.js');
      if (!opts.emit && (opts.stdout || opts.out || opts.name || opts.allowDestructive))
        throw new InputError('--stdout, --out, --name and --allow-destructive go with --emit');
      const from = parseSourceSpec(opts.from, { shadowUrl: opts.shadowDb });
      const to = parseSourceSpec(opts.to, { shadowUrl: opts.shadowDb });
      if (opts.emit) {
        const { runDiffEmit } = await import('./commands/diffEmit.js');
        const result = await runDiffEmit({
          from,
          to,
          schemas: opts.schema ?? config.schemas,
          config,
          progress: progressReporter(),
          notice,
          outDir: opts.out,
          projectMigrations: project.migrationsDir ? shown(project.migrationsDir) : undefined,
          name: opts.name,
          stdout: opts.stdout,
          allowDestructive: opts.allowDestructive,
        });
        clearProgress();
        if (result.kind === 'nothing') say(result.message);
        else if (result.kind === 'stdout') process.stdout.write(result.text);
        else
          say(
            `wrote ${result.path}${result.proved ? ' (proved: FROM plus it diffs empty against TO)' : ' (NOT PROVED: FROM is live)'}`,
          );
        return;
      }
      const { report } = await runDiff({
        from,
        to,
        schemas: opts.schema ?? config.schemas,
        config,
        progress: progressReporter(),
      });
      clearProgress();
      await writeReport(report, opts, config);
    });

  program
    .command('audit')
    .description(
      'what a branch changes: findings it introduces or resolves, a lint of its new migrations, edited migrations, types and migrations out of step',
    )
    .requiredOption('--base <ref>', 'the revision the branch starts from (e.g. origin/main)')
    .option('--head <ref>', 'the branch revision (default: the working tree)')
    .option('--migrations <dir>', 'the migrations folder (default: supabase/migrations)')
    .option('--types <file>', 'the types file (default: "types" in config, else the one found in the project)')
    .option('--quiet', 'no notices on stderr (errors still)')
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]))
    .option('--fail-on <severity>', 'error | warning | never (default error)', parseFailOn)
    .option('--config <file>', 'config file (default: ./schema-drift.config.json when present)')
    .option('--debug', 'show stack traces')
    .action(async (opts) => {
      const { project, config, notice } = await setup(opts);
      const { runAudit } = await import('./commands/audit.js');
      const report = await runAudit({
        base: opts.base,
        head: opts.head,
        migrationsDir:
          opts.migrations ??
          config.migrations?.[0] ??
          (project.migrationsDir ? shown(project.migrationsDir) : 'supabase/migrations'),
        typesFile: resolveTypes(opts.types, config, project, notice) ?? undefined,
        apiSchemas: apiSchemasOf(project),
        notice,
        config,
      });
      await writeReport(report, opts, config);
    });

  addSourceOptions(
    program.command('types').description("write types.ts from the database with Supabase's own generator"),
  )
    .option('--schema <name>', 'schema to generate (repeatable; default: public)', collect)
    .option('--out <file>', 'write the file (atomically) instead of printing it')
    .option('--check', 'compare with --out (or "types" in config) and exit 1 when it differs; writes nothing')
    .action(async (opts) => {
      const { project, config, notice } = await setup(opts);
      const { generateTypes, sameAsFile, writeFileAtomically } = await import('./commands/types.js');
      const source = resolveSource(opts, config, project, notice);
      const text = await withSource(source, () =>
        generateTypes({
          source,
          schemas: opts.schema ?? config.schemas ?? apiSchemasOf(project),
          progress: progressReporter(),
        }),
      );
      clearProgress();
      const file: string | undefined =
        opts.out ??
        (opts.check ? (resolveTypes(undefined, config, project, notice) ?? 'lib/supabase/types.ts') : undefined);
      if (opts.check) {
        const same = sameAsFile(file!, text);
        say(
          `${file} ${same ? 'is up to date' : `differs from the database's types; run schema-drift types --out ${file}`}`,
        );
        process.exitCode = same ? 0 : 1;
      } else if (file) {
        writeFileAtomically(file, text);
        say(`wrote ${file}`);
      } else process.stdout.write(text);
    });

  addSourceOptions(program.command('inspect').description('print the database schema model'))
    .option('--schema <name>', 'schema to read (repeatable; default: all but the platform schemas)', collect)
    .addOption(new Option('--format <format>', 'output format').choices(['json']).default('json'))
    .action(async (opts) => {
      const { project, config, notice } = await setup(opts);
      const { runInspect } = await import('./commands/inspect.js');
      const source = resolveSource(opts, config, project, notice);
      const model = await withSource(source, () =>
        runInspect(source, opts.schema ?? config.schemas, progressReporter(), replayOptions(opts, config)),
      );
      clearProgress();
      process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  if (argv.length <= 2) {
    // A bare `schema-drift` asks what it can do: help, not an error.
    process.stdout.write(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    clearProgress();
    const e = err as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // Help and version are not errors; bad flags are trouble (2), and commander has printed why.
      return e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        (e.code === 'commander.help' && e.exitCode === 0)
        ? 0
        : 2;
    }
    if (err instanceof InputError) {
      say(err.message);
      if (debug) process.stderr.write(`${escapeControlKeepNewlines(String(err.stack))}\n`);
      return 2;
    }
    say(`internal error: ${String((err as Error)?.message ?? err)}`);
    if (debug) process.stderr.write(`${escapeControlKeepNewlines(String((err as Error)?.stack))}\n`);
    else process.stderr.write('(run again with --debug for the stack trace)\n');
    return 2;
  }
}
