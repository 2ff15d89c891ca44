/**
 * Reads a live PostgreSQL: one connection, a read-only transaction with a statement timeout, one round trip
 * for the whole catalog. Connection failures become InputErrors that never quote the password.
 */
import type pg from 'pg';
import { InputError, redactText, redactUrl } from '../errors.js';
import type { CatalogReader } from './catalog.js';
import { parseConnectionString, type ParsedConnection, type SslAttempt } from './connectionString.js';

export const STATEMENT_TIMEOUT_MS = 30_000;

export interface LiveConnection {
  reader: CatalogReader;
  client: pg.Client;
  close(): Promise<void>;
}

/** Errors after which another sslmode attempt cannot help: the server is not there. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Connects as psql would: the connection string parsed once (URL or key=value), sslmode tried in libpq's order.
 * The driver is given settings, never the string, so it neither re-parses it nor warns about sslmode.
 */
/** What a session is started with besides the connection string: its application_name, `-c name=value` settings. */
export interface SessionOptions {
  applicationName?: string;
  settings?: Record<string, number>;
}

export async function connect(url: string, session: SessionOptions = {}): Promise<pg.Client> {
  const conn = parseConnectionString(url);
  const { default: pgModule } = await import('pg');
  // This tool's own settings come after the string's options, so they win.
  const options = [conn.settings.options, ...Object.entries(session.settings ?? {}).map(([k, v]) => `-c ${k}=${v}`)]
    .filter(Boolean)
    .join(' ');
  const settings = {
    ...conn.settings,
    application_name: session.applicationName ?? conn.settings.application_name,
    options: options || undefined,
  };
  let lastError: unknown;
  for (const ssl of conn.sslAttempts) {
    const client = new pgModule.Client({ ...settings, ssl });
    client.on('error', () => {
      /* a dropped connection surfaces on the pending query */
    });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => {});
      lastError = err;
      if (UNREACHABLE.has((err as { code?: string }).code ?? '') || /timeout/i.test((err as Error).message ?? ''))
        break;
    }
  }
  throw new InputError(describeConnectError(lastError, url, conn, conn.sslAttempts[conn.sslAttempts.length - 1]));
}

/** Opens `url` read-only: every statement runs inside `BEGIN READ ONLY` with a statement timeout. */
export async function openReadOnly(url: string): Promise<LiveConnection> {
  const client = await connect(url);
  const reader = catalogReader(client, url);
  try {
    await client.query(
      `begin transaction isolation level repeatable read read only; set local statement_timeout = ${STATEMENT_TIMEOUT_MS}`,
    );
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

function describeConnectError(err: unknown, url: string, conn: ParsedConnection, ssl: SslAttempt): string {
  const e = err as { code?: string; message?: string };
  const where = conn.label;
  const message = redactText(e.message ?? String(err), url);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${where}: connection refused (is the server running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${where}: unknown host`;
    case '28P01':
      return `cannot connect to ${where}: password authentication failed`;
    case '28000':
      return `cannot connect to ${where}: ${message}`;
    case '3D000':
      return `cannot connect to ${where}: database does not exist`;
    default:
      if (/timeout/i.test(e.message ?? ''))
        return `cannot connect to ${where}: timed out after ${conn.settings.connectionTimeoutMillis / 1000} s`;
      if (/does not support SSL/i.test(e.message ?? ''))
        return `cannot connect to ${where}: the server does not support TLS, and sslmode=${conn.sslmode} requires it (use sslmode=prefer or disable)`;
      if (ssl && /certificate|self[- ]signed|altnames|issuer/i.test(e.message ?? '')) {
        return `cannot connect to ${where}: the server's TLS certificate was not accepted under sslmode=${conn.sslmode}: ${message}`;
      }
      return `cannot connect to ${where}: ${message}`;
  }
}

/**
 * The catalog reader over a connection already open, in whatever transaction it is in (the tests read a
 * database inside the transaction that changed it). `url` only names the database in errors.
 */
export function catalogReader(client: pg.Client, url: string): CatalogReader {
  const reader: CatalogReader = {
    roundTrips: 0,
    async readJsonResults(sql) {
      reader.roundTrips++;
      try {
        const res = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
        return (Array.isArray(res) ? res : [res]).map((r) => r.rows[0]?.rows);
      } catch (err) {
        throw new InputError(
          `reading the catalog of ${redactUrl(url)} failed: ${redactText(String((err as Error).message), url)}`,
        );
      }
    },
  };
  return reader;
}
