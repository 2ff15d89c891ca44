/** Runs the built CLI as CI does (a child process) and splits what it wrote, for the hostile suite. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr without notices (lines a run may add that are not the error). */
  errorLines: string[];
}

export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: opts.cwd,
    input: opts.input,
    env: { ...process.env, DATABASE_URL: '', SUPABASE_DB_URL: '', NO_COLOR: '', FORCE_COLOR: '', ...opts.env },
    timeout: 60_000,
  });
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    errorLines: lines.filter((l) => !/^schema-drift: (notice|warning|extension|skipped)\b/.test(l)),
  };
}

/** A scratch folder with a writer for small files. */
export function scratch(prefix: string): { dir: string; file(name: string, text: string | Buffer): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}

export const EMPTY_TYPES =
  'export type Database = { public: { Tables: {}; Views: {}; Functions: {}; Enums: {}; CompositeTypes: {} } }\n';
