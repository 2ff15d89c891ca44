#!/usr/bin/env node
/**
 * The command line: parses flags, runs one command, maps its outcome to an exit code (0 in sync, 1 drift,
 * 2 trouble). Heavy modules are imported by the commands that need them, not here.
 */
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from './config.js';
import { InputError, redactText } from './errors.js';
import type { DatabaseSource } from './introspect/source.js';
import { escapeControl, escapeControlKeepNewlines } from './report/escape.js';

/** One line on stderr: secrets removed, control characters made visible (names in it are untrusted). */
function say(message: string): void {
  process.stderr.write(`schema-drift: ${escapeControl(redactText(message))}\n`);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function sourceFrom(opts: { db?: string; migrations?: string[]; shadowDb?: string }, config: Config): DatabaseSource {
  const flagDirs = opts.migrations?.length ? opts.migrations : undefined;
  if (opts.db && opts.shadowDb) throw new InputError('give one of --db and --shadow-db, not both');
  if (opts.db && flagDirs) throw new InputError('--db reads a live database; --migrations replays files: give one');
  const dirs = flagDirs ?? (config.migrations?.length ? config.migrations : undefined);
  if (opts.shadowDb) return { kind: 'shadow', url: opts.shadowDb, dirs: dirs ?? ['supabase/migrations'] };
  const url = opts.db || (flagDirs ? undefined : process.env.DATABASE_URL || process.env.SUPABASE_DB_URL);
  if (url) return { kind: 'live', url };
  if (!dirs && !existsSync('supabase/migrations')) {
    throw new InputError('no database to read: supabase/migrations does not exist here; give --db URL, --migrations DIR or set DATABASE_URL');
  }
  return { kind: 'migrations', dirs: dirs ?? ['supabase/migrations'] };
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
    .option('--migrations <dir>', 'replay DIR/*.sql into the embedded PostgreSQL (repeatable, in order)', collect)
    .option('--shadow-db <url>', 'replay the migrations into a temporary database on this server')
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
    .option('--types <file>', 'the types file (default: lib/supabase/types.ts, or "types" in config)')
    .option('--schema <name>', 'schema to compare (repeatable; default: those in types.ts)', collect)
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']))
    .option('--fail-on <severity>', 'error | warning | never (default error)', parseFailOn)
    .action(async (opts) => {
      const config = await loadConfig(opts.config);
      const { runCheck, exitCodeFor } = await import('./commands/check.js');
      const progress = progressReporter();
      const report = await runCheck({
        source: sourceFrom(opts, config),
        typesFile: opts.types ?? config.types ?? 'lib/supabase/types.ts',
        schemas: opts.schema ?? config.schemas,
        config,
        progress,
      });
      clearProgress();
      const format = opts.format ?? config.format ?? 'text';
      if (format === 'json') {
        const { renderJson } = await import('./report/json.js');
        process.stdout.write(renderJson(report));
      } else {
        const { renderText, wantsColor, ansiStyle, PLAIN } = await import('./report/text.js');
        process.stdout.write(renderText(report, wantsColor(process.stdout) ? await ansiStyle() : PLAIN));
      }
      process.exitCode = exitCodeFor(report.findings, opts.failOn ?? config.failOn ?? 'error');
    });

  addSourceOptions(program.command('fix').description('write the migration that brings the database up to types.ts (proved before it is written)'))
    .option('--types <file>', 'the types file (default: lib/supabase/types.ts, or "types" in config)')
    .option('--schema <name>', 'schema to reconcile (repeatable; default: those in types.ts)', collect)
    .option('--out <dir>', 'folder for the new migration (default: the migrations folder)')
    .option('--name <slug>', 'the file name\'s slug (default: schema_drift_fix)')
    .option('--stdout', 'print the migration instead of writing a file')
    .option('--allow-destructive', 'emit drops, type changes and SET NOT NULL instead of commenting them out')
    .action(async (opts) => {
      const config = await loadConfig(opts.config);
      const { runFix } = await import('./commands/fix.js');
      const result = await runFix({
        source: sourceFrom(opts, config),
        typesFile: opts.types ?? config.types ?? 'lib/supabase/types.ts',
        schemas: opts.schema ?? config.schemas,
        config,
        outDir: opts.out,
        name: opts.name,
        stdout: opts.stdout,
        allowDestructive: opts.allowDestructive,
        progress: progressReporter(),
      });
      clearProgress();
      if (result.kind === 'nothing') say(result.message);
      else if (result.kind === 'stdout') process.stdout.write(result.text);
      else say(`wrote ${result.path} (fixes ${result.fixes} finding${result.fixes === 1 ? '' : 's'}; proved on the embedded PostgreSQL)`);
    });

  addSourceOptions(program.command('inspect').description('print the database schema model'))
    .option('--schema <name>', 'schema to read (repeatable; default: all but the platform schemas)', collect)
    .addOption(new Option('--format <format>', 'output format').choices(['json']).default('json'))
    .action(async (opts) => {
      const config = await loadConfig(opts.config);
      const { runInspect } = await import('./commands/inspect.js');
      const model = await runInspect(sourceFrom(opts, config), opts.schema ?? config.schemas, progressReporter());
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
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0) ? 0 : 2;
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

// A reader that stops early (`| head`) closes the pipe: nothing more to say, and not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
