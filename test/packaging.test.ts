/**
 * The package as npm publishes it: `npm pack` ships the compiled CLI with the prebuilt baseline snapshot, and the
 * packed CLI replays the example's migrations with an empty, read-only home and no cache, writing nothing at all.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmCommand, tmpdirEnv } from './support/platform.js';
import { COMPLETING_MIGRATIONS, FIXTURE_MIGRATIONS, FIXTURE_TYPES } from './support/fixture.js';
import { filesUnder, ROOT, runCli } from './support/package-copy.js';

mkdirSync(join(ROOT, '.cache'), { recursive: true });
// Inside the checkout, so the unpacked package resolves its dependencies from the checkout's node_modules.
const unpacked = mkdtempSync(join(ROOT, '.cache', 'pack-'));
const home = mkdtempSync(join(tmpdir(), 'sd-home-'));
const scratch = mkdtempSync(join(tmpdir(), 'sd-tmp-'));

afterAll(() => {
  chmodSync(home, 0o755);
  for (const d of [unpacked, home, scratch]) rmSync(d, { recursive: true, force: true });
});

describe('the packed package', () => {
  let files: string[] = [];

  it('ships the CLI, the replay worker and a checksummed baseline snapshot, and no sources', () => {
    const [packed] = JSON.parse(
      execFileSync(...npmCommand(['pack', '--ignore-scripts', '--json', '--pack-destination', unpacked]), {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed.files.map((f) => f.path);
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/introspect/pglite-worker.js');
    expect(files).toContainEqual(expect.stringMatching(/^dist\/snapshot\/baseline-[0-9a-f]{16}\.tar$/));
    expect(files).toContainEqual(expect.stringMatching(/^dist\/snapshot\/baseline-[0-9a-f]{16}\.tar\.sha256$/));
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    execFileSync('tar', ['xzf', join(unpacked, packed.filename), '-C', unpacked]);
  }, 120_000);

  it('runs on an empty cache and a read-only home, and writes nothing but its replay cache', async () => {
    chmodSync(home, 0o555);
    const env = {
      HOME: home,
      USERPROFILE: home,
      ...tmpdirEnv(scratch),
      XDG_CACHE_HOME: undefined,
      SCHEMA_DRIFT_CACHE_DIR: undefined,
    };
    const r = await runCli(
      join(unpacked, 'package', 'dist', 'cli.js'),
      ['check', '--migrations', FIXTURE_MIGRATIONS, '--migrations', COMPLETING_MIGRATIONS, '--types', FIXTURE_TYPES],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/In sync/);
    expect(r.stderr).toBe('');
    // The shipped snapshot is used as it is; the only write is the catalog the replay produced, in the cache
    // (where a home is truly read-only, as for a user other than root, not even that: the write fails silently).
    const written = filesUnder(home).filter((f) => !['.cache', '.cache/schema-drift'].includes(f));
    expect(
      written.every((f) => /^\.cache[/\\]schema-drift[/\\]replay-[0-9a-f]{32}\.json$/.test(f)),
      written.join(),
    ).toBe(true);
    expect(filesUnder(scratch)).toEqual([]);
  }, 240_000);
});
