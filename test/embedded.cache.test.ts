/**
 * The baseline snapshot's files and cache, in process: a damaged entry (zeros, random bytes, a directory in its
 * place) or a cache folder that cannot be created (/proc) is refused without a crash or a temporary file left, old
 * entries are evicted, and the snapshot unpacks as GNU tar unpacks it. The same cases through the command line, each
 * building the baseline, are in embedded.cacheRuns.test.ts (the long tier).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  evictOthers,
  makeDir,
  readVerified,
  SHIPPED_DIR,
  snapshotName,
  writeSnapshot,
} from '../src/introspect/pglite-snapshot.js';
import { openEngine } from '../src/introspect/pglite-engine.js';
import { tarEntries, unpackTar, withoutRecycledWal } from '../src/introspect/snapshotTar.js';
import { filesUnder } from './support/package-copy.js';

const tmp = mkdtempSync(join(tmpdir(), 'sd-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the snapshot files', () => {
  it('a snapshot of zeros or random bytes fails its checksum and is not loaded', () => {
    const dir = join(tmp, 'unit');
    const file = writeSnapshot(dir, Buffer.from('a good snapshot'));
    expect(readVerified(file)).toEqual({ bytes: Buffer.from('a good snapshot') });
    writeFileSync(file, Buffer.alloc(15));
    expect(readVerified(file)).toEqual({ problem: 'checksum mismatch' });
    writeFileSync(file, randomBytes(15));
    expect(readVerified(file)).toEqual({ problem: 'checksum mismatch' });
    expect(readVerified(join(dir, 'nothing.tar'))).toEqual({ problem: 'missing' });
    rmSync(file);
    mkdirSync(file);
    expect(readVerified(file)).toHaveProperty('problem', expect.stringMatching(/EISDIR/));
    // A stray huge file is refused by its size, before it is read into memory (sparse: no disk used).
    rmSync(file, { recursive: true });
    writeFileSync(file, '');
    truncateSync(file, 300 << 20);
    expect(readVerified(file)).toEqual({ problem: `${300 << 20} bytes, more than a baseline snapshot can be` });
  });

  it.runIf(process.platform !== 'win32')(
    "a FIFO in the snapshot's or the checksum's place is refused, not waited on",
    () => {
      const dir = join(tmp, 'fifo');
      mkdirSync(dir);
      const file = join(dir, 'snap.tar');
      execFileSync('mkfifo', [file]);
      expect(readVerified(file)).toEqual({ problem: `${file}: not a regular file` });
      rmSync(file);
      writeFileSync(file, 'a good snapshot');
      execFileSync('mkfifo', [`${file}.sha256`]);
      expect(readVerified(file)).toEqual({ problem: `${file}.sha256: not a regular file` });
    },
  );

  it("a directory in the snapshot's place: writing fails and leaves no temporary file", () => {
    const dir = join(tmp, 'dir-in-place');
    mkdirSync(join(dir, snapshotName()), { recursive: true });
    expect(() => writeSnapshot(dir, Buffer.alloc(1 << 20))).toThrow();
    expect(filesUnder(dir)).toEqual([snapshotName()]);
  });

  it('a cache folder under /proc fails at once instead of looping', () => {
    const started = Date.now();
    expect(() => makeDir('/proc/schema-drift/cache/deeper')).toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("evicts other baselines' snapshots and stale temporary files, keeps the current one and fresh temp files", () => {
    const dir = join(tmp, 'evict');
    writeSnapshot(dir, Buffer.from('current'));
    for (const name of [
      'baseline-0123456789abcdef.tar',
      'baseline-0123456789abcdef.tar.sha256',
      'old.tar.1.tmp',
      'fresh.tar.2.tmp',
      'notes.txt',
    ]) {
      writeFileSync(join(dir, name), 'x');
    }
    const old = new Date(Date.now() - 3600_000);
    utimesSync(join(dir, 'old.tar.1.tmp'), old, old);
    evictOthers(dir);
    expect(filesUnder(dir)).toEqual(
      ['fresh.tar.2.tmp', 'notes.txt', snapshotName(), `${snapshotName()}.sha256`].sort(),
    );
  });
});

/** A ustar archive of these entries: [name, file body] or [name, null, type flag]. */
function tarOf(entries: [string, string | null, string?][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, body, type] of entries) {
    const header = new Uint8Array(512);
    const data = new TextEncoder().encode(body ?? '');
    header.set(new TextEncoder().encode(name), 0);
    header.set(new TextEncoder().encode(data.length.toString(8).padStart(11, '0')), 124);
    header[156] = (type ?? (body === null ? '5' : '0')).charCodeAt(0);
    parts.push(header, new Uint8Array(Math.ceil(data.length / 512) * 512));
    parts[parts.length - 1].set(data);
  }
  parts.push(new Uint8Array(1024));
  const tar = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (tar.set(p, at), at + p.length), 0);
  return tar;
}

/** An unpacking target that records what it was asked to create, as Emscripten's FS would hold it. */
function recorder() {
  const dirs: string[] = [];
  const files = new Map<string, Uint8Array>();
  const target = {
    mkdirTree: (p: string) => void dirs.push(`tree ${p}`),
    mkdir(p: string) {
      if (dirs.includes(p)) throw new Error(`EEXIST ${p}`);
      dirs.push(p);
    },
    writeFile: (p: string, data: Uint8Array) => void files.set(p, data),
  };
  return { dirs, files, target };
}

describe('unpacking a snapshot into the engine', () => {
  it('creates each folder once, parents first, and every file with its bytes', () => {
    const { dirs, files, target } = recorder();
    const tar = tarOf([
      ['/global', null],
      ['/global/1262', 'pg_database'],
      ['/global/pg_control', 'control'],
      ['/base/5/1259', 'pg_class, with no folder entries before it'],
      ['./PG_VERSION', '18'],
      ['/empty', ''],
    ]);
    expect(unpackTar(target, '/pglite/data', tar)).toBe(5);
    expect(dirs).toEqual(['tree /pglite/data', '/pglite/data/global', '/pglite/data/base', '/pglite/data/base/5']);
    expect(Object.fromEntries([...files].map(([p, d]) => [p, new TextDecoder().decode(d)]))).toEqual({
      '/pglite/data/global/1262': 'pg_database',
      '/pglite/data/global/pg_control': 'control',
      '/pglite/data/base/5/1259': 'pg_class, with no folder entries before it',
      '/pglite/data/PG_VERSION': '18',
      '/pglite/data/empty': '',
    });
  });

  it('refuses names that climb out of the data directory and entries that are not files or folders', () => {
    const { target } = recorder();
    expect(() => unpackTar(target, '/pglite/data', tarOf([['/base/../../etc/passwd', 'x']]))).toThrow(/climbs out/);
    expect(() => unpackTar(target, '/pglite/data', tarOf([['/base/link', null, '2']]))).toThrow(/unexpected kind/);
    expect(() => unpackTar(target, '/pglite/data', tarOf([['/dev/sda', null, '4']]))).toThrow(/unexpected kind/);
  });

  it('refuses an archive that is no data directory (PGlite would silently run initdb over it)', () => {
    expect(() => unpackTar(recorder().target, '/d', new Uint8Array(1024))).toThrow(
      /not a data directory: no PG_VERSION, global\/pg_control/,
    );
    const noControl = tarOf([
      ['/PG_VERSION', '18'],
      ['/base/1/1259', 'x'],
    ]);
    expect(() => unpackTar(recorder().target, '/d', noControl)).toThrow(/no global\/pg_control$/);
  });

  it('an engine opened on such an archive fails with that message instead of starting on an empty data directory', async () => {
    const bogus = tarOf([['/base/1/1259', 'no PG_VERSION, no pg_control']]);
    await expect(openEngine(bogus, [])).rejects.toThrow(/not a data directory: no PG_VERSION, global\/pg_control/);
  });

  it("names the entry when the file system refuses it (Emscripten's errors carry only an errno)", () => {
    const { target } = recorder();
    const clash = tarOf([
      ['/base', 'a file'],
      ['/base/1', null],
    ]);
    // As MEMFS answers a folder made where a file is (EEXIST, errno 20): a plain object, no message.
    const refusing = {
      ...target,
      mkdir(p: string) {
        if (p === '/d/base') throw Object.assign(Object.create(null), { errno: 20 });
        target.mkdir(p);
      },
    };
    expect(() => unpackTar(refusing, '/d', clash)).toThrow('cannot unpack the snapshot: creating /d/base failed (20)');
  });

  it('gives the shipped snapshot the same folders, files and bytes as tar extracting it', () => {
    const snap = readVerified(join(SHIPPED_DIR, snapshotName()));
    if (!('bytes' in snap)) throw new Error(snap.problem);
    const out = mkdtempSync(join(tmpdir(), 'sd-gnu-tar-'));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    execFileSync('tar', ['-xf', join(SHIPPED_DIR, snapshotName()), '-C', out]);
    const { dirs, files, target } = recorder();
    unpackTar(target, '/root', new Uint8Array(snap.bytes));
    const ours = [...dirs.slice(1), ...files.keys()].map((p) => p.slice('/root/'.length)).sort();
    const theirs = filesUnder(out).sort();
    expect(ours).toEqual(theirs);
    expect(files.size).toBeGreaterThan(400);
    for (const [p, data] of files) {
      const path = join(out, p.slice('/root/'.length));
      expect(statSync(path).isFile()).toBe(true);
      expect(Buffer.compare(Buffer.from(data), readFileSync(path)), p).toBe(0);
    }
  });
});

describe('the shipped snapshot is trimmed', () => {
  it('holds one database, the WAL segment of its checkpoint and nothing recycled, in under 16 MiB', () => {
    const file = join(SHIPPED_DIR, snapshotName());
    const snap = readVerified(file);
    if (!('bytes' in snap)) throw new Error(`${file}: ${snap.problem}`);
    const names = tarEntries(snap.bytes).map((e) => e.name.replace(/^\//, ''));
    const wal = names.filter((n) => /^pg_wal\/[0-9A-F]{24}$/.test(n));
    expect(wal).toHaveLength(1);
    const databases = new Set(names.filter((n) => /^base\/\d+\//.test(n)).map((n) => n.split('/')[1]));
    expect(databases.size).toBe(1);
    expect(snap.bytes.length).toBeLessThan(16 << 20);
  });

  it('drops only the WAL segments after the one given', () => {
    const tar = tarOf([
      ['/pgdata/pg_wal/000000010000000000000002', 'keep'],
      ['/pgdata/pg_wal/000000010000000000000003', 'drop'],
      ['/pgdata/base/5/1259', 'keep too'],
    ]);
    const out = withoutRecycledWal(tar, '000000010000000000000002');
    expect(tarEntries(out).map((e) => e.name)).toEqual([
      '/pgdata/pg_wal/000000010000000000000002',
      '/pgdata/base/5/1259',
    ]);
    expect(() => withoutRecycledWal(tar, '../../etc')).toThrow(/not a WAL segment/);
  });
});
