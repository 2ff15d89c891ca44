/**
 * The built CLI run from a copy of dist/ in a folder of its own (inside the checkout, so node_modules resolve), with
 * or without the shipped baseline snapshot: how a package installed without one behaves.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A copy of dist/ without its snapshot; returns the path of its cli.js. */
export function distWithoutSnapshot(): { cli: string; remove(): void } {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.cache', 'nosnap-'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), {
    recursive: true,
    filter: (src) => !src.includes(`${join(ROOT, 'dist', 'snapshot')}`),
  });
  return { cli: join(dir, 'dist', 'cli.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI file as a user would (a child process), asynchronously so several can run at once. */
export function runCli(
  cli: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 540_000,
): Promise<Run> {
  return new Promise((resolve) => {
    // An undefined value removes the variable (spawn would pass the text "undefined").
    const merged = Object.fromEntries(
      Object.entries({ ...process.env, NO_COLOR: '1', ...env }).filter(([, v]) => v !== undefined),
    );
    const child = spawn(process.execPath, [cli, ...args], { env: merged, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under a folder (relative paths), to prove a run wrote nothing there. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      out.push(relative(dir, p).split(sep).join('/')); // one form on every OS
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}
