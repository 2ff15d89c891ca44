/**
 * The baseline cache as the command line meets it, in a packed copy without a snapshot of its own: a cold run builds
 * and caches the baseline, a warm one uses it silently; a damaged entry (random bytes, a directory in its place) or a
 * cache folder that cannot be created (/proc) never crashes a run nor leaves temporary files; a run says so in one
 * line at most and replays from a rebuilt baseline. Each case builds the baseline in a process of its own (about
 * 4 s of CPU), so this file runs in the long tier (`npm run test:long`).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVerified, snapshotName } from '../src/introspect/pglite-snapshot.js';
import { FIXTURE_TYPES } from './support/fixture.js';
import { distWithoutSnapshot, filesUnder, runCli, type Run } from './support/package-copy.js';

const tmp = mkdtempSync(join(tmpdir(), 'sd-cache-runs-'));
const MIGRATIONS = join(tmp, 'migrations');
mkdirSync(MIGRATIONS);
writeFileSync(
  join(MIGRATIONS, '20240101000000_t.sql'),
  'create table public.t (id bigint primary key, owner uuid references auth.users (id));',
);
const TYPES = join(tmp, 'types.ts');
writeFileSync(TYPES, readFileSync(FIXTURE_TYPES, 'utf8'));

describe('a package without a snapshot, run by the command line', () => {
  let pkg: ReturnType<typeof distWithoutSnapshot>;
  const runs = new Map<string, Run>();
  // A damaged entry is one class (checksum mismatch; zeros are covered above, without a build): random bytes here.
  const caches = {
    random: join(tmp, 'c-random'),
    directory: join(tmp, 'c-directory'),
  };
  const check = (cache: string) =>
    runCli(pkg.cli, ['check', '--migrations', MIGRATIONS, '--types', TYPES, '--fail-on', 'never'], {
      SCHEMA_DRIFT_CACHE_DIR: cache,
      // These runs are about the baseline snapshot: each must start PostgreSQL, not read an earlier replay.
      SCHEMA_DRIFT_NO_CACHE: '1',
    });

  beforeAll(async () => {
    pkg = distWithoutSnapshot();
    // One good run fills a cache; the damaged ones are made from it (full size, right name, checksum of the good one).
    const good = join(tmp, 'c-good');
    runs.set('cold', await check(good));
    const entry = readFileSync(join(good, snapshotName()));
    const sum = readFileSync(join(good, `${snapshotName()}.sha256`));
    for (const [form, dir] of Object.entries(caches)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${snapshotName()}.sha256`), sum);
      if (form === 'random') writeFileSync(join(dir, snapshotName()), randomBytes(entry.length));
      if (form === 'directory') mkdirSync(join(dir, snapshotName()));
    }
    const [random, directory, proc, warm] = await Promise.all([
      check(caches.random),
      check(caches.directory),
      check('/proc/schema-drift-cache'),
      check(good),
    ]);
    Object.entries({ random, directory, proc, warm }).forEach(([k, v]) => runs.set(k, v));
  }, 600_000);

  afterAll(() => {
    pkg?.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a cold run builds the baseline, caches it, and a warm run uses it silently', () => {
    for (const name of ['cold', 'warm']) {
      const r = runs.get(name)!;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/database:/);
      expect(r.stderr).toBe('');
    }
  });

  it('a cache entry of random bytes is rebuilt with one notice, then verifies', () => {
    for (const form of ['random'] as const) {
      const r = runs.get(form)!;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/rebuilt a damaged baseline snapshot .*checksum mismatch/),
      ]);
      expect(readVerified(join(caches[form], snapshotName()))).toHaveProperty('bytes');
      expect(filesUnder(caches[form]).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
  });

  it("a directory in the entry's place: the run works, says the cache cannot be written, leaves no .tmp", () => {
    const r = runs.get('directory')!;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/could not cache the baseline in /)]);
    // The stale checksum is removed before writing (it vouched for nothing); the directory stays, no .tmp.
    expect(filesUnder(caches.directory)).toEqual([snapshotName()]);
  });

  it('a cache folder under /proc: the run works with one notice', () => {
    const r = runs.get('proc')!;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/could not cache the baseline in \/proc\/schema-drift-cache/),
    ]);
  });
});
