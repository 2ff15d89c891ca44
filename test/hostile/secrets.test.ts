/**
 * Passwords never appear in output or messages, whatever form the connection string takes (URL user-info,
 * `?password=`, `?sslpassword=`, libpq key=value), and a failing role statement is quoted with its literals
 * masked. Key=value strings are supported as psql supports them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSecrets, maskSecretsIn } from '../../src/errors.js';
import { parseConnectionString, redactMessage, withDatabaseName } from '../../src/introspect/connectionString.js';
import { createTestDatabase, resolveServer, type TestDatabase } from '../support/db.js';
import { EMPTY_TYPES, runCli, scratch } from './cli.js';

const SECRET = 'Hunter2-s3cr3t';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const server = await resolveServer();
if (!server) console.warn('skipping the server half of the secrets tests: no PostgreSQL server');

describe('one parse of the connection string drives redaction', () => {
  const forms: Array<[string, string, string]> = [
    ['URL user-info', `postgres://me:${SECRET}@db.example.com:5432/app`, 'postgres://me:***@db.example.com:5432/app'],
    ['percent-encoded user-info', `postgres://me:${encodeURIComponent('p@ss:w/rd')}@h/app`, 'postgres://me:***@h/app'],
    ['?password=', `postgres://me@h/app?password=${SECRET}`, 'postgres://me@h/app?password=***'],
    [
      '?sslpassword=',
      `postgres://me@h/app?sslmode=disable&sslpassword=${SECRET}`,
      'postgres://me@h/app?sslmode=disable&sslpassword=***',
    ],
    [
      'key=value',
      `host=h port=5432 dbname=app user=me password=${SECRET}`,
      'host=h port=5432 dbname=app user=me password=***',
    ],
    [
      'key=value, quoted with a space',
      `host=h dbname=app password='${SECRET} x\\'y'`,
      'host=h dbname=app password=***',
    ],
  ];
  for (const [name, input, label] of forms) {
    it(`${name}: the label hides it, and so does any message quoting it`, () => {
      const parsed = parseConnectionString(input);
      expect(parsed.label).toBe(label);
      expect(parsed.secrets.length).toBeGreaterThan(0);
      for (const secret of parsed.secrets) {
        expect(
          redactMessage(`server said: ${secret} and ${encodeURIComponent(secret)} (${input})`, input),
        ).not.toContain(secret);
      }
    });
  }

  it('key=value pairs become the same settings as the URL', () => {
    const kv = parseConnectionString(`host=h port=6543 dbname=app user=me password=${SECRET} sslmode=disable`);
    const url = parseConnectionString(`postgres://me:${SECRET}@h:6543/app?sslmode=disable`);
    expect(kv.settings).toEqual(url.settings);
    expect(kv.sslAttempts).toEqual([false]);
  });

  it('malformed strings are refused in one line with a hint, never quoting the password', () => {
    for (const bad of [
      `postgres://me:${SECRET} x@h:port/app`,
      `postgres://me:pa#${SECRET}@h/app`,
      `host=h password='${SECRET}`,
      `host=h bogus=1 password=${SECRET}`,
      `mysql://me:${SECRET}@h/app`,
    ]) {
      let message = '';
      try {
        parseConnectionString(bad);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, bad).not.toBe('');
      expect(message).not.toContain(SECRET);
      expect(message).not.toContain('\n');
    }
  });

  it('the shadow database is addressed in the same form', () => {
    expect(withDatabaseName('postgres://me:pw@h/app?sslmode=disable', 'shadow_1')).toBe(
      'postgres://me:pw@h/shadow_1?sslmode=disable',
    );
    expect(
      parseConnectionString(withDatabaseName("host=h dbname=app password='a b'", 'shadow_1')).settings.database,
    ).toBe('shadow_1');
  });
});

describe('role and password statements are quoted masked', () => {
  it.each([
    [`create role app login password '${SECRET}'`, "create role app login password '***'"],
    [`ALTER USER app WITH PASSWORD E'${SECRET}'`, "ALTER USER app WITH PASSWORD '***'"],
    [
      `create user mapping for app server s options (user 'u', password '${SECRET}')`,
      "create user mapping for app server s options (user '***', password '***')",
    ],
    [`do $$ begin execute 'alter role app password ''${SECRET}'''; end $$`, 'do $$***$$'],
  ])('%s', (sql, masked) => {
    expect(maskSecrets(sql)).toBe(masked);
    expect(maskSecretsIn(`invalid value "${SECRET}"`, sql)).not.toContain(SECRET);
  });

  it('other statements are quoted as they are', () => {
    expect(maskSecrets("insert into t values ('visible')")).toBe("insert into t values ('visible')");
  });

  it('a failing migration never quotes the password (embedded replay, CLI)', async () => {
    const m = scratch('sd-secret-migration-');
    m.file(
      '001_roles.sql',
      `create role app_user login password '${SECRET}';\nalter role app_user password '${SECRET}' valid until 'not a date';\n`,
    );
    const r = await runCli(['check', '--migrations', m.dir, '--types', m.file('t.ts', EMPTY_TYPES)]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toHaveLength(1);
    expect(r.errorLines[0]).toMatch(/001_roles\.sql:2: migration failed at `alter role app_user password '\*\*\*'/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});

describe.runIf(server)('no secret in reports or errors (live server)', () => {
  let db: TestDatabase;
  const s = scratch('sd-secret-');
  const types = s.file('t.ts', EMPTY_TYPES);
  beforeAll(async () => {
    db = await createTestDatabase('sd_secret');
  });
  afterAll(async () => db?.drop());

  it('?password= and ?sslpassword= never reach the text header or the JSON label (trust auth ignores them)', async () => {
    const url = `${db.url}?password=${SECRET}&sslpassword=${SECRET}x`;
    const text = await runCli(['check', '--db', url, '--types', types]);
    const json = await runCli(['check', '--db', url, '--types', types, '--format', 'json']);
    expect(text.code).toBe(0);
    expect(JSON.parse(json.stdout).database.label).toMatch(/\?password=\*\*\*&sslpassword=\*\*\*$/);
    expect(text.stdout + text.stderr + json.stdout + json.stderr).not.toContain(SECRET);
  });

  it('a key=value connection string connects, as in psql, and is shown redacted', async () => {
    const u = new URL(db.url);
    const kv = `host=${u.hostname} port=${u.port || 5432} dbname=${db.name} user=${decodeURIComponent(u.username)} password='${SECRET} x'`;
    const r = await runCli(['check', '--db', kv, '--types', types, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).database.label).toBe(
      `host=${u.hostname} port=${u.port || 5432} dbname=${db.name} user=${decodeURIComponent(u.username)} password=***`,
    );
    expect(r.stdout).not.toContain(SECRET);
  });

  it('an error about a key=value connection never quotes the password', async () => {
    // The server the tests use (on a machine without one, the harness's own on another port).
    const u = new URL(db.url);
    const server = `host=${u.hostname} port=${u.port || 5432}`;
    const user = decodeURIComponent(u.username);
    const r = await runCli([
      'check',
      '--db',
      `${server} dbname=no_such_db_here user=${user} password=${SECRET}`,
      '--types',
      types,
    ]);
    expect(r.code).toBe(2);
    // A trust server says the database is missing; one that checks passwords refuses this one first.
    expect(r.errorLines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^schema-drift: cannot connect to ${escapeRegExp(`${server} dbname=no_such_db_here user=${user} password=***`)}: (database does not exist|password authentication failed)`,
        ),
      ),
    ]);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
  });
});
