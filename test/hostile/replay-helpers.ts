/** Shared by the replay-* hostile tests: run the built CLI on a migrations folder made from strings or bytes. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../support/cli.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'sd-replay-'));
let count = 0;

/** A fresh folder holding these files (a string is written as UTF-8, a Buffer as is). */
export function folder(files: Record<string, string | Buffer>): string {
  const dir = join(root, `m${++count}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

export const EMPTY_TYPES = join(root, 'types.ts');
writeFileSync(EMPTY_TYPES, 'export type Database = { public: { Tables: {} } }\n');

export interface Run {
  pid: number;
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const ENV = { ...process.env, DATABASE_URL: '', SUPABASE_DB_URL: '', NO_COLOR: '1' };

/**
 * `schema-drift check --types <empty> …args`, run in this process (test/support/cli.ts); `pid` is this process's,
 * which names the shadow databases the run makes. The run's own bounds end it; the test's timeout is the backstop.
 */
export async function check(args: string[]): Promise<Run> {
  const started = Date.now();
  const r = await runInProcess(['check', '--types', EMPTY_TYPES, '--fail-on', 'never', ...args], {
    env: { NO_COLOR: '1' },
  });
  return { pid: process.pid, code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** The same, not waited for (to be killed). */
export function checkInBackground(args: string[]) {
  return spawn(process.execPath, [CLI, 'check', '--types', EMPTY_TYPES, '--fail-on', 'never', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: ENV,
  });
}

/** stderr's lines, notices (`schema-drift: skipped …`, stand-ins) aside. */
export function errorLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter(
      (l) =>
        l.trim() !== '' &&
        !/^schema-drift: (skipped|extension |removed |.*: no migrations in this folder$|.*: skipped under --shadow-db: )/.test(
          l,
        ),
    );
}

/** The shadow databases on the server made by the process `pid` (all runs when omitted). */
export async function shadowDatabasesOf(server: string, pid?: number): Promise<string[]> {
  const { default: pg } = await import('pg');
  const { SHADOW_PREFIX } = await import('../../src/introspect/shadow.js');
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    const prefix = pid === undefined ? SHADOW_PREFIX : `${SHADOW_PREFIX}${pid}_`;
    const { rows } = await admin.query(
      'select datname from pg_database where left(datname, length($1)) = $1 order by 1',
      [prefix],
    );
    return rows.map((r) => r.datname as string);
  } finally {
    await admin.end();
  }
}

/** Exit 2 and exactly one line on stderr (notices aside) matching `message`; nothing on stdout. */
export function expectOneLine(r: Run, message: RegExp): void {
  if (r.code !== 2) throw new Error(`expected exit 2, got ${r.code}: ${r.stderr}`);
  const lines = errorLines(r.stderr);
  if (lines.length !== 1 || !message.test(lines[0]))
    throw new Error(`expected one line matching ${message}, got:\n${r.stderr}`);
  if (r.stdout !== '') throw new Error(`expected nothing on stdout, got: ${r.stdout}`);
}
