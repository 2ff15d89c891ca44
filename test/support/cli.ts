/** The built CLI (`dist/cli.js`) in a child process, asynchronously: a blocking spawn would stall the test worker. */
import { execFile } from 'node:child_process';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

export function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = {
      encoding: 'utf8' as const,
      env: { ...process.env, DATABASE_URL: '', SUPABASE_DB_URL: '', ...env },
      maxBuffer: 1 << 26,
    };
    execFile(process.execPath, [CLI, ...args], options, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
