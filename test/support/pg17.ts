/**
 * A throw-away PostgreSQL 17 server for the cross-version tests, from the npm-shipped binaries (no system
 * package of 17 exists for this machine's Debian): see embedded-server.ts.
 */
import { startEmbeddedPostgres, type Server } from './embedded-server.js';

export type { Server };

export function startPostgres17(password: string): Promise<Server | string> {
  return startEmbeddedPostgres(password);
}
