/**
 * A connection string, read once: the driver's configuration, the label every report and message shows, and the
 * secrets to scrub from anything the server or the driver says. Both forms psql takes are accepted: a URL
 * (`postgres://user:pw@host:5432/db?sslmode=require`, parsed by `pg-connection-string`, the parser node-postgres
 * uses) and libpq's key=value pairs (`host=db.example.com port=5432 dbname=app password='p w'`).
 *
 * `sslmode` has libpq's meaning and is applied here rather than by the driver (which prints a deprecation warning
 * for some values and treats `require` as `verify-full`): see `sslAttempts`.
 */
import { readFileSync } from 'node:fs';
import { parse as parseUrl } from 'pg-connection-string';
import { InputError } from '../errors.js';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** The subset of `pg.ClientConfig` this tool sets. */
export interface ClientSettings {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  options?: string;
  application_name: string;
  connectionTimeoutMillis: number;
}

/** TLS options for one connection attempt, or false for a plain connection. */
export type SslAttempt =
  | false
  | {
      rejectUnauthorized: boolean;
      ca?: string;
      cert?: string;
      key?: string;
      passphrase?: string;
      checkServerIdentity?: () => undefined;
    };

export interface ParsedConnection {
  settings: ClientSettings;
  sslmode: SslMode;
  /** What to try, in order (`prefer`: TLS, then plain if the server has no TLS). */
  sslAttempts: SslAttempt[];
  /** The string with every secret replaced by `***`. */
  label: string;
  /** The secrets it holds (password, sslpassword), to scrub from messages. */
  secrets: string[];
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** The keywords libpq accepts that mean something here; any other is an error, as in psql. */
const KEYWORDS = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'options',
  'application_name',
  'fallback_application_name',
  'connect_timeout',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'sslpassword',
  'client_encoding',
  'target_session_attrs',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'gssencmode',
]);
const SECRET_KEYS = new Set(['password', 'sslpassword']);

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const HINT =
  'percent-encode special characters in the user name and password (%40 for an at sign, %3A for :, %2F for /, %23 for #, %20 for a space), or give key=value pairs: host=… port=… dbname=… user=…';

/** Parses either form; throws an InputError that never quotes a secret. */
export function parseConnectionString(input: string): ParsedConnection {
  const text = input.trim();
  if (text === '') throw new InputError('the connection string is empty');
  const params = URL_SCHEME.test(text) ? urlParams(text) : text.includes('=') ? keywordParams(text) : undefined;
  if (!params)
    throw new InputError(
      `the connection string is neither a URL (postgres://…) nor key=value pairs: ${roughRedact(text)}`,
    );
  return fromParams(params, labelOf(text, params));
}

/** URL → libpq-style parameters. */
function urlParams(text: string): Map<string, string> {
  const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new InputError(
      `the connection URL must start with postgres:// or postgresql://, not ${scheme}:// (${roughRedact(text)})`,
    );
  }
  // The query is read here, not by the URL parser: it reads sslrootcert files itself and warns about sslmode.
  const q = text.indexOf('?');
  const params = new Map<string, string>(new URLSearchParams(q < 0 ? '' : text.slice(q + 1)));
  let parsed: Record<string, unknown>;
  try {
    parsed = parseUrl(q < 0 ? text : text.slice(0, q)) as Record<string, unknown>;
  } catch {
    throw new InputError(`the connection URL is not a valid URL: ${roughRedact(text)} (hint: ${HINT})`);
  }
  if (parsed.port !== undefined && parsed.port !== '' && !/^\d+$/.test(String(parsed.port))) {
    throw new InputError(`the connection URL has an invalid port: ${roughRedact(text)} (hint: ${HINT})`);
  }
  // Query parameters win over the URL's own parts, as in libpq.
  for (const [key, name] of [
    ['host', 'host'],
    ['port', 'port'],
    ['user', 'user'],
    ['password', 'password'],
    ['database', 'dbname'],
  ] as const) {
    const value = parsed[key];
    if (typeof value === 'string' && value !== '' && !params.has(name)) params.set(name, value);
  }
  return params;
}

/** libpq's key=value syntax: `key = value`, values optionally single-quoted, backslash escapes `\'` and `\\`. */
function keywordParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const fail = (what: string): never => {
    throw new InputError(
      `the connection string is not valid key=value pairs (${what}): ${roughRedact(text)} (hint: put a value that holds spaces in single quotes)`,
    );
  };
  while (i < text.length) {
    while (/\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const key = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0];
    if (!key) fail(`expected a keyword at character ${i + 1}`);
    i += key!.length;
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] !== '=') fail(`missing "=" after "${key}"`);
    i++;
    while (/\s/.test(text[i] ?? '')) i++;
    let value = '';
    if (text[i] === "'") {
      i++;
      for (;;) {
        if (i >= text.length) fail(`unterminated quoted value of "${key}"`);
        const ch = text[i++];
        if (ch === "'") break;
        value += ch === '\\' && i < text.length ? text[i++] : ch;
      }
    } else {
      while (i < text.length && !/\s/.test(text[i])) {
        const ch = text[i++];
        value += ch === '\\' && i < text.length ? text[i++] : ch;
      }
    }
    if (!KEYWORDS.has(key!)) fail(`unknown keyword "${key}"`);
    params.set(key!, value);
  }
  return params;
}

function fromParams(params: Map<string, string>, label: string): ParsedConnection {
  const secrets = [...SECRET_KEYS].map((k) => params.get(k)).filter((v): v is string => Boolean(v));
  const get = (k: string) => params.get(k) || undefined;
  const port = get('port');
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw new InputError(`the connection string has an invalid port "${port}": ${label}`);
  const timeout = get('connect_timeout');
  if (timeout !== undefined && !/^\d+$/.test(timeout))
    throw new InputError(`connect_timeout must be a whole number of seconds: ${label}`);
  const mode = get('sslmode') ?? (process.env.PGSSLMODE || 'prefer');
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    throw new InputError(`sslmode "${mode}" is not one of ${SSL_MODES.join(', ')}: ${label}`);
  }
  const sslmode = mode as SslMode;
  const settings: ClientSettings = {
    host: get('hostaddr') ?? get('host'),
    port: port === undefined ? undefined : Number(port),
    user: get('user'),
    password: get('password'),
    database: get('dbname'),
    options: get('options'),
    application_name: get('application_name') ?? 'schema-drift',
    connectionTimeoutMillis:
      timeout !== undefined && Number(timeout) > 0 ? Number(timeout) * 1000 : DEFAULT_CONNECT_TIMEOUT_MS,
  };
  return { settings, sslmode, sslAttempts: sslAttempts(sslmode, params, label), label, secrets };
}

/**
 * libpq's sslmode: `disable` plain; `allow` plain, then TLS; `prefer` (the default) TLS without verification,
 * then plain when the server has no TLS; `require` TLS without verification (with `sslrootcert`, it verifies the
 * chain, as libpq does); `verify-ca` TLS with the chain verified (against `sslrootcert`, else the system's CAs)
 * but not the host name; `verify-full` both.
 */
function sslAttempts(mode: SslMode, params: Map<string, string>, label: string): SslAttempt[] {
  if (mode === 'disable') return [false];
  const read = (key: string) => {
    const path = params.get(key);
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new InputError(
        `${key} ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message} (${label})`,
      );
    }
  };
  const ca = read('sslrootcert');
  const files = {
    ...(ca ? { ca } : {}),
    ...optional('cert', read('sslcert')),
    ...optional('key', read('sslkey')),
    ...optional('passphrase', params.get('sslpassword')),
  };
  const noVerify = { rejectUnauthorized: false, ...files };
  const chainOnly = { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...files };
  switch (mode) {
    case 'allow':
      return [false, noVerify];
    case 'prefer':
      return [noVerify, false];
    case 'require':
      return [ca ? chainOnly : noVerify];
    case 'verify-ca':
      return [chainOnly];
    case 'verify-full':
      return [{ rejectUnauthorized: true, ...files }];
  }
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

/** The string as given, every secret replaced. */
function labelOf(text: string, params: Map<string, string>): string {
  if (URL_SCHEME.test(text)) {
    try {
      const u = new URL(text);
      if (u.password) u.password = '***';
      for (const key of SECRET_KEYS) if (u.searchParams.has(key)) u.searchParams.set(key, '***');
      return u.toString().replace(/\/$/, '');
    } catch {
      return roughRedact(text);
    }
  }
  return [...params]
    .map(
      ([k, v]) =>
        `${k}=${SECRET_KEYS.has(k) ? '***' : /[\s'\\]/.test(v) || v === '' ? `'${v.replace(/[\\']/g, '\\$&')}'` : v}`,
    )
    .join(' ');
}

/**
 * Redaction that needs no parse, for text that failed to parse or quotes a connection string: the user-info
 * password of anything URL-like and every `password=` / `sslpassword=` value.
 */
export function roughRedact(text: string): string {
  // Up to the last "@" on the line: an unencoded "@" or space in a password must not leave a tail visible.
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)(?!\*\*\*@)[^\n]*@/gi, '$1***@')
    .replace(/(\b(?:ssl)?password\s*=\s*)(?!\*\*\*)('(?:[^'\\]|\\.)*'?|[^\s&]*)/gi, '$1***');
}

/** The label of a connection string; never throws (an unparsable one is roughly redacted). */
export function redactConnection(input: string): string {
  try {
    return parseConnectionString(input).label;
  } catch {
    return roughRedact(input);
  }
}

/** Scrubs a message that may quote a connection string or one of its secrets (raw or percent-encoded). */
export function redactMessage(text: string, input?: string): string {
  let out = roughRedact(text);
  if (input !== undefined) {
    let secrets: string[] = [];
    try {
      secrets = parseConnectionString(input).secrets;
    } catch {
      /* unparsable: the rough pass is all there is */
    }
    for (const secret of secrets) {
      for (const form of new Set([secret, encodeURIComponent(secret)]))
        if (form.length > 0) out = out.split(form).join('***');
    }
  }
  return out;
}

/** The same connection with another database (for the shadow database on the user's server). */
export function withDatabaseName(input: string, database: string): string {
  const text = input.trim();
  if (!URL_SCHEME.test(text)) return `${text} dbname='${database.replace(/[\\']/g, '\\$&')}'`;
  const u = new URL(text);
  u.pathname = `/${encodeURIComponent(database)}`;
  u.searchParams.delete('dbname');
  return u.toString();
}
