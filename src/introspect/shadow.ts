/**
 * `--shadow-db URL`: replay the migrations into a uniquely named temporary database on that server, read it,
 * and drop it: on success, on failure, and on Ctrl-C or SIGTERM. (SIGKILL cannot be caught; the name says which
 * process made it: `schema_drift_shadow_<pid>_<random>`.)
 */
import { InputError, redactText, redactUrl } from '../errors.js';
import { quoteIdent } from '../model/quote.js';
import { SUPABASE_BASELINE } from './baseline/supabase.sql.js';
import { readCatalog } from './catalog.js';
import { withDatabaseName } from './connectionString.js';
import { connect, openReadOnly } from './live.js';
import { applyMigrations, listMigrations, parseMigrations } from './migrations.js';
import type { CatalogSnapshot, ReplayOptions } from './source.js';

export const SHADOW_PREFIX = 'schema_drift_shadow_';

export async function readMigrationsShadow(url: string, dirs: string[], opts: ReplayOptions): Promise<CatalogSnapshot> {
  // Read and split every file before touching the server: a syntax error creates nothing.
  const files = await parseMigrations(listMigrations(dirs, opts.notice));
  const name = `${SHADOW_PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const shadowUrl = withDatabaseName(url, name);

  const admin = await connect(url);
  try {
    await admin.query(`create database ${quoteIdent(name)}`);
  } catch (err) {
    await admin.end().catch(() => {});
    const denied = (err as { code?: string }).code === '42501';
    const why = denied ? 'the role lacks the CREATEDB right (ALTER ROLE … CREATEDB, or connect as a role that has it)' : redactText((err as Error).message, url);
    throw new InputError(`cannot create a shadow database on ${redactUrl(url)}: ${why}`);
  }

  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= admin
      .query(`drop database if exists ${quoteIdent(name)} with (force)`)
      .then(() => undefined, () => undefined)
      .finally(() => admin.end().catch(() => {})));
  const onSignal = (signal: NodeJS.Signals) => {
    void drop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.once(s, onSignal);

  try {
    const client = await connect(shadowUrl);
    try {
      await client.query(SUPABASE_BASELINE);
      const { rows } = await client.query<{ name: string }>('select name from pg_available_extensions');
      const available = new Set(rows.map((r) => r.name));
      const target = {
        exec: async (sql: string) => void (await client.query(sql)),
        hasExtension: (n: string) => available.has(n),
        label: `the shadow database on ${redactUrl(url)}`,
      };
      await applyMigrations(target, files, opts);
    } finally {
      await client.end().catch(() => {});
    }
    const conn = await openReadOnly(shadowUrl);
    try {
      const catalog = await readCatalog(conn.reader);
      return { rows: catalog, roundTrips: conn.reader.roundTrips };
    } finally {
      await conn.close();
    }
  } finally {
    await drop();
    for (const s of signals) process.removeListener(s, onSignal);
  }
}
