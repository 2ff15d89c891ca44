/**
 * Where the database picture comes from, and reading it: a live server, migrations replayed into the
 * embedded PostgreSQL, or migrations replayed into a temporary database on a server.
 */
import { redactUrl } from '../errors.js';
import { escapeControl } from '../report/escape.js';
import { readCatalog } from './catalog.js';

export type DatabaseSource =
  | { kind: 'live'; url: string }
  | { kind: 'migrations'; dirs: string[] }
  | { kind: 'shadow'; url: string; dirs: string[] };

export interface CatalogSnapshot {
  rows: Awaited<ReturnType<typeof readCatalog>>;
  /** Round trips the catalog read took (the bench checks it does not grow with the schema). */
  roundTrips: number;
}

export function describeSource(source: DatabaseSource): string {
  switch (source.kind) {
    case 'live':
      return redactUrl(source.url);
    case 'migrations':
      return source.dirs.join(', ');
    case 'shadow':
      return `${source.dirs.join(', ')} on ${redactUrl(source.url)}`;
  }
}

export interface ReadOptions {
  /** Which migration is being applied (shown on a terminal only). */
  progress?: (msg: string) => void;
  /** Things the user should know that are not errors (skipped files, extension stand-ins). Default: stderr. */
  notice?: (msg: string) => void;
}

/** What the replaying sources are given: `notice` always set. */
export type ReplayOptions = ReadOptions & { notice: (msg: string) => void };

export async function readSource(source: DatabaseSource, options: ReadOptions = {}): Promise<CatalogSnapshot> {
  const opts: ReplayOptions = { ...options, notice: options.notice ?? ((msg) => process.stderr.write(`schema-drift: ${escapeControl(msg)}\n`)) };
  switch (source.kind) {
    case 'live': {
      const { openReadOnly } = await import('./live.js');
      const conn = await openReadOnly(source.url);
      try {
        const rows = await readCatalog(conn.reader);
        return { rows, roundTrips: conn.reader.roundTrips };
      } finally {
        await conn.close();
      }
    }
    case 'migrations': {
      const { readMigrationsEmbedded } = await import('./embedded.js');
      return readMigrationsEmbedded(source.dirs, opts);
    }
    case 'shadow': {
      const { readMigrationsShadow } = await import('./shadow.js');
      return readMigrationsShadow(source.url, source.dirs, opts);
    }
  }
}
