/**
 * Reads a live PostgreSQL: one connection, a read-only transaction with a statement timeout, one round trip
 * for the whole catalog. Connection failures become InputErrors that never quote the password.
 */
import type pg from 'pg';
import { InputError, redactText, redactUrl } from '../errors.js';
import type { CatalogReader } from './catalog.js';

export const CONNECT_TIMEOUT_MS = 5_000;
export const STATEMENT_TIMEOUT_MS = 30_000;

export interface LiveConnection {
  reader: CatalogReader;
  client: pg.Client;
  close(): Promise<void>;
}

/** What a session is started with besides the URL: its application_name and `-c name=value` settings. */
export interface SessionOptions {
  applicationName?: string;
  settings?: Record<string, number>;
}

export async function connect(url: string, session: SessionOptions = {}): Promise<pg.Client> {
  const { default: pgModule } = await import('pg');
  const settings = Object.entries(session.settings ?? {}).map(([k, v]) => `-c ${k}=${v}`);
  const client = new pgModule.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: session.applicationName ?? 'schema-drift',
    ...(settings.length ? { options: settings.join(' ') } : {}),
  });
  client.on('error', () => {
    /* a dropped connection surfaces on the pending query */
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new InputError(describeConnectError(err, url));
  }
  return client;
}

/** Opens `url` read-only: every statement runs inside `BEGIN READ ONLY` with a statement timeout. */
export async function openReadOnly(url: string): Promise<LiveConnection> {
  const client = await connect(url);
  const reader: CatalogReader = {
    roundTrips: 0,
    async readJsonResults(sql) {
      reader.roundTrips++;
      try {
        const res = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
        return (Array.isArray(res) ? res : [res]).map((r) => r.rows[0]?.rows);
      } catch (err) {
        throw new InputError(`reading the catalog of ${redactUrl(url)} failed: ${redactText(String((err as Error).message), url)}`);
      }
    },
  };
  try {
    await client.query(`begin transaction isolation level repeatable read read only; set local statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
  } catch (err) {
    await client.end().catch(() => {});
    throw new InputError(`${redactUrl(url)}: ${redactText((err as Error).message, url)}`);
  }
  return {
    reader,
    client,
    async close() {
      await client.query('rollback').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

function describeConnectError(err: unknown, url: string): string {
  const e = err as { code?: string; message?: string };
  const where = redactUrl(url);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${where}: connection refused (is the server running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${where}: unknown host`;
    case '28P01':
      return `cannot connect to ${where}: password authentication failed`;
    case '28000':
      return `cannot connect to ${where}: ${redactText(e.message ?? 'authentication rejected', url)}`;
    case '3D000':
      return `cannot connect to ${where}: database does not exist`;
    default:
      if (/timeout/i.test(e.message ?? '')) return `cannot connect to ${where}: timed out after ${CONNECT_TIMEOUT_MS / 1000} s`;
      return `cannot connect to ${where}: ${redactText(e.message ?? String(err), url)}`;
  }
}
