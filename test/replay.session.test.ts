/**
 * A session's later replay continues the first: migrations replayed in two parts (the first part read, the rest
 * replayed onto the same database with `skip`) leave the catalog one replay of all of them leaves. `audit` relies on
 * it when a branch only adds migrations; so do the proofs of `fix` and `diff --emit`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listMigrations } from '../src/introspect/migrations.js';
import { readSource, type DatabaseSource } from '../src/introspect/source.js';
import type { CatalogRows } from '../src/introspect/sql/rows.js';
import { buildModel } from '../src/introspect/catalog.js';
import { resolveServer } from './support/db.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/creator-platform/supabase/migrations', import.meta.url));
const COMPLETION = fileURLToPath(new URL('../migrations', import.meta.url));
const DIRS = [FIXTURE, COMPLETION];
const quiet = () => {};
/** Every schema's model: what the commands compare (a server's OIDs differ from one database to the next). */
const model = (rows: CatalogRows) =>
  buildModel(
    rows,
    rows.SCHEMAS.map((s) => s.name),
  );
const server = await resolveServer();

/** The catalog after replaying DIRS in two parts: the first `split` migrations, then the rest onto the session. */
async function inTwoParts(source: DatabaseSource, split: number): Promise<{ first: CatalogRows; all: CatalogRows }> {
  let all: CatalogRows | undefined;
  const first = await readSource(source, {
    notice: quiet,
    allowEmpty: true,
    alsoReplays: DIRS,
    session: async (db) => {
      await db.replay!(DIRS, split);
      all = (await db.readCatalog()).rows;
    },
  });
  return { first: first.rows, all: all! };
}

const engines: Array<[string, (dirs: string[]) => DatabaseSource]> = [
  ['embedded', (dirs) => ({ kind: 'migrations', dirs })],
];
if (server) engines.push(['--shadow-db', (dirs) => ({ kind: 'shadow', dirs, url: server })]);

describe.each(engines)('a session replay continues the first one (%s)', (_name, sourceOf) => {
  const files = listMigrations(DIRS, quiet);

  it('the example and its completion, split after the example: the same catalog as one replay', async () => {
    const whole = await readSource(sourceOf(DIRS), { notice: quiet });
    const fixtureOnly = await readSource(sourceOf([FIXTURE]), { notice: quiet });
    const split = listMigrations([FIXTURE], quiet).length;
    expect(split).toBeLessThan(files.length);
    const parts = await inTwoParts(sourceOf([FIXTURE]), split);
    expect(model(parts.first)).toEqual(model(fixtureOnly.rows));
    expect(model(parts.all)).toEqual(model(whole.rows));
  }, 120_000);
});
