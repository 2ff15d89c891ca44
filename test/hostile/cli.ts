/** Runs the built CLI's program in this process (test/support/cli.ts) and splits what it wrote, for the hostile suite. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../support/cli.js';

/** The process, for what only a process shows (a pipe closed early). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr without notices (lines a run may add that are not the error). */
  errorLines: string[];
}

export async function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const r = await runInProcess(args, { cwd: opts.cwd, env: { NO_COLOR: '', FORCE_COLOR: '', ...opts.env } });
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
