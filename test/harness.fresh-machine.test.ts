/**
 * On a machine with no PostgreSQL (nothing on 127.0.0.1:5432, TEST_DATABASE_URL pointing nowhere), the harness
 * starts one from the npm-shipped binaries and the server suites run instead of skipping.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/package-copy.js';

describe('a machine without a PostgreSQL server', () => {
  it('runs a server suite against a server the harness starts, skipping nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sd-fresh-')), 'result.json');
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        'test/harness.server.test.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile=${out}`,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        // Port 1 on loopback: nothing answers there. LOCAL is not tried when TEST_DATABASE_URL is set.
        env: {
          ...process.env,
          TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
          SCHEMA_DRIFT_REQUIRE_SERVER: '1',
        },
        timeout: 170_000,
      },
    );
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect({ passed: result.numPassedTests, failed: result.numFailedTests, skipped: result.numPendingTests }).toEqual({
      passed: 1,
      failed: 0,
      skipped: 0,
    });
    expect(r.stdout + r.stderr).toMatch(/started .*PostgreSQL\) 17\.\d+ for the tests/);
    expect(r.stdout + r.stderr).toMatch(/harness server: PostgreSQL 17\./);
  }, 180_000);
});
