/**
 * The embedded database's thread. PGlite runs PostgreSQL in WASM on the thread that calls it, and a statement that
 * never ends (`loop end loop`, `pg_sleep`) blocks that thread for good: PGlite honours no `statement_timeout`. Here
 * it blocks only this worker, which the main thread terminates when a statement outlives its bound. The main
 * thread meanwhile parses types.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { dumpEngine, openEngine } from './pglite-engine.js';
import { readSnapshot } from './pglite-snapshot.js';

export interface WorkerInit {
  /** Snapshot files to try in order; when none loads, the baseline is built (and its dump sent back to cache). */
  candidates: string[];
  /** Contrib libraries to load. */
  bundles: string[];
}

/**
 * What the starting thread sends: `open` an engine (the thread's first message, and again after `close`), a
 * statement for the open engine (`rows`: one statement's rows, for a session handed out to a caller: Supabase's
 * type generator), or `close` it, which keeps the thread for the next engine.
 */
export type WorkerCall = { op: 'exec' | 'json' | 'rows'; sql: string } | { op: 'close' };
export type WorkerRequest = { op: 'open'; init: WorkerInit } | (WorkerCall & { id: number });
export type WorkerReply =
  | { id: number; ok: true; value?: unknown }
  | { id: number; ok: false; error: { message: string; code?: string; position?: string } };
export type WorkerStarted = { ready: true; source: string; problems: string[]; built?: Uint8Array };
export type WorkerReady = WorkerStarted | { ready: false; message: string };

async function open(init: WorkerInit): Promise<{ db: PGlite; ready: WorkerStarted }> {
  const problems: string[] = [];
  for (const file of init.candidates) {
    const snap = readSnapshot(file);
    if ('problem' in snap) {
      if (snap.problem !== 'missing') problems.push(`${file}: ${snap.problem}`);
      continue;
    }
    try {
      return { db: await openEngine(snap.bytes, init.bundles), ready: { ready: true, source: file, problems } };
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  const db = await openEngine(undefined, init.bundles);
  return { db, ready: { ready: true, source: 'built', problems, built: await dumpEngine(db) } };
}

const port = parentPort!;
let db: PGlite | undefined;

async function answer(req: WorkerCall & { id: number }): Promise<WorkerReply> {
  try {
    if (!db) throw new Error('the embedded database is not open');
    if (req.op === 'close') {
      // Closing (not just dropping the engine) frees its memory: PostgreSQL's heap stays referenced otherwise.
      const closing = db;
      db = undefined;
      await closing.close();
      return { id: req.id, ok: true };
    }
    const results = req.op === 'rows' ? [await db.query(req.sql)] : await db.exec(req.sql);
    // A catalog query returns one JSON document per statement.
    const value =
      req.op === 'json'
        ? results.map((r) => (r.rows[0] as { rows?: unknown } | undefined)?.rows)
        : req.op === 'rows'
          ? results[0].rows
          : undefined;
    return { id: req.id, ok: true, value };
  } catch (err) {
    const e = err as { message?: string; code?: string; position?: string };
    return { id: req.id, ok: false, error: { message: e.message ?? String(err), code: e.code, position: e.position } };
  }
}

port.on('message', async (req: WorkerRequest) => {
  if (req.op !== 'open') {
    port.postMessage(await answer(req));
    return;
  }
  try {
    const opened = await open(req.init);
    db = opened.db;
    const { ready } = opened;
    port.postMessage(ready, ready.built ? [ready.built.buffer as ArrayBuffer] : []);
  } catch (err) {
    port.postMessage({ ready: false, message: (err as Error).message } satisfies WorkerReady);
  }
});
