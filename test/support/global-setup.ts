/**
 * Before any test file: makes sure a PostgreSQL server answers. When neither TEST_DATABASE_URL nor
 * 127.0.0.1:5432 does, one is started from the npm-shipped binaries and TEST_DATABASE_URL points every test file
 * at it, so the whole suite runs on a machine with nothing installed but Node.
 * The test databases the files drop are dropped here, after the last file (see `drop` in db.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, dropDatabases, LOCAL_URL } from './db.js';
import { startEmbeddedPostgres, type Server } from './embedded-server.js';

let server: Server | undefined;
let runDir: string | undefined;
let adminUrl: string | undefined;

export async function setup(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL;
  for (const url of configured ? [configured] : [LOCAL_URL])
    if (await canConnect(url)) {
      adminUrl = url;
      runDir = mkdtempSync(join(tmpdir(), 'sd-test-run-'));
      process.env.SCHEMA_DRIFT_TEST_RUN_DIR = runDir;
      return;
    }
  delete process.env.SCHEMA_DRIFT_TEST_RUN_DIR; // a nested run on a server of its own (harness.fresh-machine)
  const started = await startEmbeddedPostgres();
  if (typeof started === 'string') {
    console.warn(`no PostgreSQL server answers and none could be started: ${started}`);
    return;
  }
  server = started;
  process.env.TEST_DATABASE_URL = server.url;
  process.env.SCHEMA_DRIFT_TEST_SERVER = `started ${server.version} at ${server.url}`;
  console.log(`started ${server.version} for the tests at ${server.url}`);
}

export async function teardown(): Promise<void> {
  server?.stop();
  if (!runDir || !adminUrl) return;
  const names = readdirSync(runDir).flatMap((f) => readFileSync(join(runDir!, f), 'utf8').split('\n').filter(Boolean));
  try {
    await dropDatabases(adminUrl, names);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}
