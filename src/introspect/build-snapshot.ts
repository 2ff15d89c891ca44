/**
 * Builds the baseline snapshot shipped with the package (dist/snapshot/), run by `npm run build`. Skipped when a
 * snapshot for the current baseline text and PGlite version is already there and verifies.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dumpEngine, openEngine } from './pglite-engine.js';
import { hashTree } from './replayCache.js';
import { evictOthers, readVerified, SHIPPED_DIR, snapshotName, writeSnapshot } from './pglite-snapshot.js';

const file = `${SHIPPED_DIR}${snapshotName()}`;
if ('problem' in readVerified(file)) {
  const started = Date.now();
  const db = await openEngine(undefined, []);
  const bytes = await dumpEngine(db);
  await db.close();
  writeSnapshot(SHIPPED_DIR, bytes, true);
  console.log(
    `schema-drift: built the baseline snapshot ${snapshotName()} (${(bytes.length / 1048576).toFixed(1)} MiB, ${Date.now() - started} ms)`,
  );
}
evictOthers(SHIPPED_DIR);
// The build's id, which keys the replay cache: entries from another build are never read.
writeFileSync(
  new URL('../build-id', import.meta.url),
  `${hashTree(fileURLToPath(new URL('../', import.meta.url)), '.js')}\n`,
);
