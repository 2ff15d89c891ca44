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
  /** Bound on each replayed statement (`--statement-timeout`); 0 = none. Default 60 s. */
  statementTimeoutMs?: number;
  /** A migrations folder without migrations is accepted (`--allow-empty`) instead of being an error. */
  allowEmpty?: boolean;
  /**
   * Called with the open database (live connection, PGlite instance, shadow database) after the catalog is read
   * and before it is closed, for the rest of a command that needs the database the source built: Supabase's type
   * generator (`types`), the proof of a new migration (`fix`).
   */
  session?: (db: Session, snapshot: CatalogSnapshot) => Promise<void>;
  /**
   * Migration folders the session will replay as well (`audit` replays a branch's new files onto its base): they
   * are read and parsed with the source's own, so the embedded engine starts with every library they need.
   */
  alsoReplays?: string[];
}

/** What a session hands out: the structural interface postgrest-typegen (and pg, and PGlite) share. */
export interface Queryable {
  query(sql: string): Promise<{ rows: any[] }>;
}

/** The open database of a source, for as long as the command needs it. */
export interface Session extends Queryable {
  /**
   * Replays more migration folders onto the database, as the source replayed its own (replayed sources only: a
   * live database is only ever read, so it has none). Fails like a replay: file, line, statement. `skip`: the
   * first migrations of these folders (in replay order) are on the database already.
   */
  replay?(dirs: string[], skip?: number): Promise<void>;
  /** Reads the catalog again (after `replay`). */
  readCatalog(): Promise<CatalogSnapshot>;
}

/** One query at a time on a single connection (pg deprecates queueing concurrent queries on one client). */
export function oneAtATime(db: Queryable): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query(sql) {
      const next = last.then(() => db.query(sql));
      last = next.catch(() => {});
      return next;
    },
  };
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

/** What the replaying sources are given: `notice` and the statement timeout always set. */
export type ReplayOptions = ReadOptions & { notice: (msg: string) => void; statementTimeoutMs: number };

const stderrNotice = (msg: string) => void process.stderr.write(`schema-drift: ${escapeControl(msg)}\n`);

export async function readSource(source: DatabaseSource, options: ReadOptions = {}): Promise<CatalogSnapshot> {
  const opts: ReplayOptions = {
    ...options,
    notice: options.notice ?? stderrNotice,
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  };
  switch (source.kind) {
    case 'live': {
      const { openReadOnly } = await import('./live.js');
      const conn = await openReadOnly(source.url);
      try {
        const snapshot = { rows: await readCatalog(conn.reader), roundTrips: conn.reader.roundTrips };
        await options.session?.(
          {
            ...oneAtATime(conn.client),
            readCatalog: async () => ({ ...snapshot, rows: await readCatalog(conn.reader) }),
          },
          snapshot,
        );
        return snapshot;
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

/**
 * Two replayed sources read with one engine where one continues the other (a branch that only adds migrations,
 * either way round): the shorter is replayed and read, then the rest of the other is replayed onto the same
 * database and read. Each side's files are read once, for both comparisons and the replay cache's keys. The
 * snapshots come back in the order asked; undefined when neither continues the other (or the two are not replayed
 * the same way): read each on its own then.
 */
export async function readContinued(
  a: DatabaseSource,
  b: DatabaseSource,
  options: ReadOptions = {},
): Promise<[CatalogSnapshot, CatalogSnapshot] | undefined> {
  if (a.kind === 'live' || b.kind === 'live' || a.kind !== b.kind) return undefined;
  if (a.kind === 'shadow' && b.kind === 'shadow' && a.url !== b.url) return undefined;
  const { continuation, listMigrations, readMigrationTexts } = await import('./migrations.js');
  const [textsA, textsB] = [a.dirs, b.dirs].map((dirs) => readMigrationTexts(listMigrations(dirs, () => {}, true)));
  const forward = continuation(textsA, textsB);
  const shared = forward ?? continuation(textsB, textsA);
  if (!shared) return undefined;
  if (a.kind === 'migrations') {
    // A side the replay cache holds is read from it, no replay at all; the first part's catalog is kept for next time.
    const { replayIsCached } = await import('./embedded.js');
    if (replayIsCached(textsA) || replayIsCached(textsB)) return undefined;
  }
  const [first, later] = forward ? [a, b] : [b, a];
  let second: CatalogSnapshot | undefined;
  const snapshot = await readSource(first, {
    ...options,
    alsoReplays: later.dirs,
    session: async (db, read) => {
      if (shared.added === 0) {
        listMigrations(later.dirs, options.notice ?? stderrNotice, options.allowEmpty); // its notices, as its replay gives
        second = read;
      } else {
        await db.replay!(later.dirs, shared.kept);
        second = await db.readCatalog();
      }
    },
  });
  return forward ? [snapshot, second!] : [second!, snapshot];
}
