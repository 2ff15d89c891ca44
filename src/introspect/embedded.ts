/**
 * The embedded database: PGlite (real PostgreSQL in WASM) with the Supabase baseline, migrations replayed into
 * it, then read with the same catalog code as a live server. No server, no Docker.
 *
 * The baseline starts from a data-directory snapshot built with the package (dist/snapshot/), else from one in
 * the user's cache, else it is built (seconds) and cached. PGlite runs in a worker thread so a statement that
 * never ends can be stopped, and so types.ts is parsed on the main thread meanwhile.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { PGLITE_CONTRIB } from '../supabase/extensions.js';
import { quickWasmStart } from '../wasmStart.js';
import { readCatalog, type CatalogReader } from './catalog.js';
import {
  applyMigrations,
  extensionsNamedIn,
  extensionsUsed,
  listMigrations,
  parseMigrationTexts,
  readMigrationTexts,
  StatementTimeoutError,
  type MigrationText,
  type ParsedMigration,
} from './migrations.js';
import { hasCachedReplay, readCachedReplay, replayCacheEnabled, replayKey, writeCachedReplay } from './replayCache.js';
import { BASELINE_EXTENSIONS, bundlesNeeded, dumpEngine, openEngine } from './pglite-engine.js';
import {
  cacheDir,
  DIST_INTROSPECT,
  evictOthers,
  readVerified,
  SHIPPED_DIR,
  snapshotName,
  writeSnapshot,
} from './pglite-snapshot.js';
import type {
  WorkerCall,
  WorkerInit,
  WorkerReady,
  WorkerReply,
  WorkerRequest,
  WorkerStarted,
} from './pglite-worker.js';
import type { CatalogSnapshot, ReadOptions, ReplayOptions } from './source.js';

export { cacheDir } from './pglite-snapshot.js';

const LABEL = 'the embedded PostgreSQL (PGlite)';

/** Snapshot files to try, best first: the one shipped with the package, then the user's cache. */
function candidates(): string[] {
  return [join(SHIPPED_DIR, snapshotName()), join(cacheDir(), snapshotName())];
}

/** Caches a baseline that had to be built; why it could not, otherwise. */
function cacheBuilt(bytes: Uint8Array): string | undefined {
  const dir = cacheDir();
  try {
    writeSnapshot(dir, bytes);
    evictOthers(dir);
    return undefined;
  } catch (err) {
    return `could not cache the baseline in ${dir}: ${(err as Error).message}`;
  }
}

/**
 * A statement stopped by the replay's time bound. It carries PostgreSQL's query_canceled code, so the replay
 * reports it as it reports a server's statement timeout: file, line, statement, bound.
 */
export class EmbeddedTimeoutError extends StatementTimeoutError {
  readonly code = '57014';
  constructor(ms: number) {
    super('time');
    this.message = `canceling statement due to statement timeout (${ms / 1000} s)`;
  }
}

const WORKER_URL = new URL('./pglite-worker.js', DIST_INTROSPECT);

/**
 * Engine threads kept, idle, for this process's next engines (diff and audit run two at once, two or three in all;
 * the tests hundreds): a thread that has run an engine has Node's thread start, the loading of PGlite's code, its
 * compiled WebAssembly (PGlite caches it per thread) and their warm-up behind it. Measured on two cores, replays in
 * one process: 235 ms and 315 ms of CPU each instead of 433 ms and 511 ms in a new thread each time.
 * At most two, one per engine a command runs at once. They never keep the process alive (unreferenced while idle)
 * and are forgotten if they end.
 */
const MAX_SPARES = 2;
const spares: Array<{ worker: Worker; forget: () => void }> = [];

function takeSpare(): Worker | undefined {
  const taken = spares.pop();
  if (!taken) return undefined;
  taken.worker.off('exit', taken.forget).off('error', taken.forget);
  taken.worker.ref();
  return taken.worker;
}

function park(worker: Worker): boolean {
  if (spares.length >= MAX_SPARES) return false;
  const spare = {
    worker,
    forget: () => {
      const i = spares.indexOf(spare);
      if (i >= 0) spares.splice(i, 1);
    },
  };
  worker.on('exit', spare.forget).on('error', spare.forget);
  worker.unref();
  spares.push(spare);
  return true;
}

/** The replay thread, seen from the main thread: requests, each with a watchdog. */
class EngineThread {
  private worker: Worker;
  private next = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  readonly ready: Promise<WorkerStarted>;
  private started!: { resolve: (m: WorkerStarted) => void; reject: (e: unknown) => void };
  /** Whether the engine is up (its `ready` answered): only then is a close worth waiting for. */
  private opened = false;
  /** Closing or closed: no more requests, whatever happens to the thread. */
  private closing = false;
  dead = false;
  /** A kept thread, not a new one (SCHEMA_DRIFT_TIMING says so). */
  readonly reused: boolean;

  constructor(init: WorkerInit) {
    const spare = takeSpare();
    this.reused = spare !== undefined;
    this.worker = spare ?? new Worker(WORKER_URL);
    this.ready = new Promise((resolve, reject) => (this.started = { resolve, reject }));
    this.ready.catch(() => {});
    this.worker.on('message', this.onMessage).on('error', this.onError).on('exit', this.onExit);
    const open: WorkerRequest = { op: 'open', init };
    this.worker.postMessage(open);
  }

  private onMessage = (m: WorkerReply | WorkerReady) => {
    if (!('id' in m)) {
      if (m.ready) {
        this.opened = true;
        this.started.resolve(m);
      } else this.started.reject(new Error(m.message));
      return;
    }
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (m.ok) p?.resolve(m.value);
    else p?.reject(Object.assign(new Error(m.error.message), m.error));
  };

  private onError = (err: unknown) => this.failAll(err);
  private onExit = () => this.failAll(new Error('the embedded database stopped'));

  private failAll(err: unknown): void {
    this.dead = true;
    this.started.reject(err);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  async request(body: WorkerCall, timeoutMs: number): Promise<unknown> {
    await this.ready;
    if (this.dead || (this.closing && body.op !== 'close')) throw new Error('the embedded database stopped');
    const id = this.next++;
    return new Promise((resolve, reject) => {
      // --statement-timeout 0: no bound.
      const watchdog =
        timeoutMs > 0
          ? setTimeout(() => {
              this.pending.delete(id);
              this.dead = true;
              void this.worker.terminate();
              reject(new EmbeddedTimeoutError(timeoutMs));
            }, timeoutMs)
          : undefined;
      const done =
        <T>(fn: (v: T) => void) =>
        (v: T) => {
          clearTimeout(watchdog);
          fn(v);
        };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      this.worker.postMessage({ id, ...body } satisfies WorkerRequest);
    });
  }

  /**
   * Closes the engine, keeping the thread for a next one while fewer than MAX_SPARES are kept and the thread is
   * sound: up, alive, with no request left unanswered. A thread still opening (a replay that failed before it
   * needed the engine) is stopped at once. The close itself is bounded even under --statement-timeout 0.
   */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    if (this.opened && !this.dead && this.pending.size === 0 && spares.length < MAX_SPARES) {
      try {
        await this.request({ op: 'close' }, timeoutMs > 0 ? timeoutMs : CLOSE_BOUND_MS);
        this.worker.off('message', this.onMessage).off('error', this.onError).off('exit', this.onExit);
        if (park(this.worker)) return;
      } catch {
        /* not closed cleanly: the thread goes */
      }
    }
    await this.worker.terminate();
  }
}

/** How long closing an engine may take when statements have no bound. */
const CLOSE_BOUND_MS = 10_000;

/**
 * The replay target. A statement stopped by the watchdog takes the thread with it; the next statement starts a
 * new thread and replays what had succeeded, so a batch that timed out can be retried statement by statement and
 * the statement at fault named.
 */
class EmbeddedEngine {
  private thread: EngineThread;
  private done: string[] = [];

  constructor(
    private init: WorkerInit,
    private timeoutMs: number,
  ) {
    this.thread = new EngineThread(init);
  }

  /** Whether the engine runs on a thread an earlier engine had (see `spares`). */
  get reusedThread(): boolean {
    return this.thread.reused;
  }

  /** Resolves once the engine is up; reports a baseline it had to build, so it is cached. */
  async start(opts: ReadOptions): Promise<void> {
    const ready = await this.thread.ready;
    if (!ready.built) return;
    // Later threads (after a timeout) start from what was built, not by building again. One line at most.
    this.init = { ...this.init, candidates: [join(cacheDir(), snapshotName()), ...this.init.candidates] };
    const failed = cacheBuilt(ready.built);
    if (failed) opts.notice?.(failed);
    else if (ready.problems.length) opts.notice?.(`rebuilt a damaged baseline snapshot (${ready.problems.join('; ')})`);
  }

  private async live(): Promise<EngineThread> {
    if (!this.thread.dead) return this.thread;
    this.thread = new EngineThread(this.init);
    for (const sql of this.done) await this.thread.request({ op: 'exec', sql }, this.timeoutMs);
    return this.thread;
  }

  async exec(sql: string): Promise<void> {
    await (await this.live()).request({ op: 'exec', sql }, this.timeoutMs);
    this.done.push(sql);
  }

  async rows(sql: string): Promise<any[]> {
    return (await (await this.live()).request({ op: 'rows', sql }, this.timeoutMs)) as any[];
  }

  async json(sql: string): Promise<unknown[]> {
    return (await (await this.live()).request({ op: 'json', sql }, this.timeoutMs)) as unknown[];
  }

  close(): Promise<void> {
    return this.thread.close(this.timeoutMs);
  }
}

/** Whether a replay of these migrations (as `readMigrationTexts` gives them) would be read from the replay cache. */
export function replayIsCached(texts: readonly MigrationText[]): boolean {
  return replayCacheEnabled() && hasCachedReplay(replayKey(texts));
}

export async function readMigrationsEmbedded(dirs: string[], opts: ReplayOptions): Promise<CatalogSnapshot> {
  const lap = timer();
  const texts = readMigrationTexts(listMigrations(dirs, opts.notice, opts.allowEmpty));
  lap('read migrations');
  // A session needs the engine itself; a catalog alone may come from an earlier, identical replay. The catalog a
  // session starts from is that of a plain replay (read before the session runs), so it is kept either way.
  const key = replayCacheEnabled() ? replayKey(texts) : undefined;
  const hit = key && !opts.session ? readCachedReplay(key) : undefined;
  if (hit) {
    for (const n of hit.notices) opts.notice(n);
    lap('catalog from the replay cache');
    return { rows: hit.rows, roundTrips: 0 };
  }
  quickWasmStart();
  // PostgreSQL starts while the migrations are parsed, with the libraries their text names (a superset of
  // what they create); in the rare case the parse finds one more, it starts again with it.
  const text = texts.map((t) => t.text).join('\n');
  const laterTexts = opts.alsoReplays?.length
    ? readMigrationTexts(listMigrations(opts.alsoReplays, () => {}, true))
    : [];
  const allText = [text, ...laterTexts.map((t) => t.text)].join('\n');
  const predicted = bundlesNeeded(extensionsNamedIn(allText), allText);
  const timeoutMs = opts.statementTimeoutMs;
  let engine = new EmbeddedEngine({ candidates: candidates(), bundles: predicted }, timeoutMs);
  try {
    const files = await parseMigrationTexts(texts);
    // What the session will replay later is parsed too: the engine must start with every library it creates.
    const later = laterTexts.length ? await parseMigrationTexts(laterTexts) : [];
    lap('parse (PostgreSQL starting meanwhile)');
    const created = [...extensionsUsed(files), ...extensionsUsed(later)];
    let bundles = predicted;
    const needed = bundlesNeeded(created, allText);
    if (needed.some((b) => !predicted.includes(b))) {
      await engine.close();
      bundles = [...new Set([...predicted, ...needed])];
      engine = new EmbeddedEngine({ candidates: candidates(), bundles }, timeoutMs);
    }
    await engine.start(opts);
    lap(`PostgreSQL ready${engine.reusedThread ? ' (on a kept thread)' : ''}`);
    // The engine can create what it loaded (a replay onto the session may create one the first did not).
    const available = new Set([...BASELINE_EXTENSIONS, ...bundles.filter((n) => n in PGLITE_CONTRIB)]);
    const target = {
      exec: (sql: string) => engine.exec(sql),
      hasExtension: (n: string) => available.has(n),
      label: LABEL,
      standIns: new Set<string>(),
    };
    const notices: string[] = [];
    const notice = (msg: string) => {
      notices.push(msg);
      opts.notice(msg);
    };
    await applyMigrations(target, files, { ...opts, notice });
    lap('replay');
    const reader: CatalogReader = {
      roundTrips: 0,
      async readJsonResults(sql) {
        reader.roundTrips++;
        return engine.json(sql);
      },
    };
    const snapshot = { rows: await readCatalog(reader), roundTrips: reader.roundTrips };
    lap('catalog read');
    await opts.session?.(
      {
        query: async (sql) => ({ rows: await engine.rows(sql) }),
        async replay(more, skip = 0) {
          const listed = listMigrations(more, opts.notice).slice(skip);
          // The files announced in `alsoReplays` were parsed before the engine started: not read and parsed again.
          const parsedAhead =
            later.length - skip === listed.length && listed.every((f, i) => later[skip + i].path === f.path);
          const added = parsedAhead ? later.slice(skip) : await parseMigrationTexts(readMigrationTexts(listed));
          const missing = bundlesNeeded(extensionsUsed(added), migrationText(added)).filter(
            (b) => !bundles.includes(b),
          );
          if (missing.length) throw new Error(`the embedded database was started without ${missing.join(', ')}`);
          await applyMigrations(target, added, opts);
        },
        readCatalog: async () => ({ rows: await readCatalog(reader), roundTrips: reader.roundTrips }),
      },
      snapshot,
    );
    if (key) writeCachedReplay(key, { rows: snapshot.rows, notices });
    return snapshot;
  } finally {
    await engine.close();
  }
}

/** With SCHEMA_DRIFT_TIMING=1, each phase's wall time on stderr (where the time goes, for `npm run bench`). */
function timer(): (phase: string) => void {
  if (!process.env.SCHEMA_DRIFT_TIMING) return () => {};
  let last = performance.now();
  process.stderr.write(`schema-drift timing: process start to replay ${Math.round(last)} ms\n`);
  return (phase) => {
    const now = performance.now();
    process.stderr.write(`schema-drift timing: ${phase} ${Math.round(now - last)} ms\n`);
    last = now;
  };
}

function migrationText(files: ParsedMigration[]): string {
  return files.map((f) => f.statements.map((s) => s.sql).join('\n')).join('\n');
}

/**
 * A PGlite with the Supabase baseline on this thread (for tests and callers that query it directly): from a
 * verified snapshot, else built and cached.
 */
export async function openBaseline(extraExtensions: Iterable<string> = [], opts: ReadOptions = {}): Promise<PGlite> {
  const bundles = bundlesNeeded(extraExtensions, 'uuid-ossp pgcrypto');
  for (const file of candidates()) {
    const snap = readVerified(file);
    if ('problem' in snap) continue;
    try {
      return await openEngine(snap.bytes, bundles);
    } catch {
      /* damaged after all: try the next, or build */
    }
  }
  opts.progress?.('building the Supabase baseline (once; cached for later runs)');
  const db = await openEngine(undefined, bundles);
  const failed = cacheBuilt(await dumpEngine(db));
  if (failed) opts.notice?.(failed);
  return db;
}
