/**
 * Before any test file: makes sure a PostgreSQL server answers. When neither TEST_DATABASE_URL nor
 * 127.0.0.1:5432 does, one is started from the npm-shipped binaries and TEST_DATABASE_URL points every test file
 * at it, so the whole suite runs on a machine with nothing installed but Node.
 */
import { canConnect, LOCAL_URL } from './db.js';
import { startEmbeddedPostgres, type Server } from './embedded-server.js';

let server: Server | undefined;

export async function setup(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured && (await canConnect(configured))) return;
  if (!configured && (await canConnect(LOCAL_URL))) return;
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

export function teardown(): void {
  server?.stop();
}
