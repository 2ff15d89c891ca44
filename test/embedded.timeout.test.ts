/**
 * PGlite honours no statement_timeout (it runs PostgreSQL on one thread in WASM), so the replay runs it in a
 * worker thread that a watchdog terminates: a statement that never ends fails the replay with its file and
 * line, within about the bound, and what ran before it still counts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { readMigrationsEmbedded } from '../src/introspect/embedded.js';
import type { ReplayOptions } from '../src/introspect/source.js';

const tmp = mkdtempSync(join(tmpdir(), 'sd-timeout-'));

function folder(name: string, sql: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, '20240101000000_a.sql'), 'create table public.a (id int primary key);');
  writeFileSync(join(dir, '20240102000000_b.sql'), sql);
  return dir;
}

// The statements here take milliseconds; 3 s leaves room for a loaded machine (the bound is wall time).
const BOUND_MS = 3_000;
const opts = { notice: () => {}, statementTimeoutMs: BOUND_MS } as ReplayOptions;

async function failure(dir: string): Promise<{ err: unknown; ms: number }> {
  const started = Date.now();
  try {
    await readMigrationsEmbedded([dir], opts);
  } catch (err) {
    return { err, ms: Date.now() - started };
  }
  throw new Error('the replay did not fail');
}

// The cases wait out their bounds side by side (each replay has an engine thread of its own).
describe.concurrent('the embedded replay time bound', () => {
  it.each([
    // In a batch: the batch runs once, then statement by statement to name the culprit (two bounds).
    [
      'an endless loop inside a batch',
      'create table public.b (id int);\ncreate index on public.b (id);\ndo $$ begin loop end loop; end $$;\ncreate table public.c (id int);',
      3,
      2,
    ],
    // Alone in its file: one bound.
    ['pg_sleep(100000) alone', '\n\nselect pg_sleep(100000);', 3, 1],
  ])(
    '%s fails with file:line after the bound',
    async (name, sql, line, bounds) => {
      const { err, ms } = await failure(folder(name.replace(/\W+/g, '-'), sql));
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(
        new RegExp(`20240102000000_b\\.sql:${line}: .*(statement timeout|ran longer than)`),
      );
      expect((err as Error).message.split('\n')).toHaveLength(1);
      expect(ms).toBeGreaterThanOrEqual(bounds * BOUND_MS);
      expect(ms).toBeLessThan(bounds * BOUND_MS + 60_000);
    },
    300_000,
  );

  it('statements before and after a slow one that ends within the bound all apply', async () => {
    const dir = folder(
      'slow-but-ok',
      'create table public.b (id int);\nselect pg_sleep(0.2);\ncreate table public.c (id int);',
    );
    const snapshot = await readMigrationsEmbedded([dir], opts);
    const names = snapshot.rows.RELATIONS.filter((r) => r.schema === 'public')
      .map((r) => r.name)
      .sort();
    expect(names).toEqual(['a', 'b', 'c']);
  }, 300_000);
});
