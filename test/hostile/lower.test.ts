/**
 * The lower items of the trust issue, each one clear line and exit 2 (or a quiet 0): deep nesting and two
 * Database declarations in types.ts, malformed URLs, libpq's sslmode without driver warnings, help, EPIPE, and
 * --shadow-db without CREATEDB.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itWhere, onWindows } from '../support/platform.js';
import { quoteIdent } from '../../src/model/quote.js';
import { parseTypesText } from '../../src/typeparse/parseTypes.js';
import { createTestDatabase, resolveServer, type TestDatabase } from '../support/db.js';
import { CLI, EMPTY_TYPES, runCli, scratch } from './cli.js';

const server = await resolveServer();
if (!server) console.warn('skipping the server half of the lower-item tests: no PostgreSQL server');
const s = scratch('sd-lower-');
const types = s.file('t.ts', EMPTY_TYPES);

const wrap = (type: string) =>
  `export type Database = {\n  public: {\n    Tables: {\n      t: {\n        Row: { a: ${type} }\n        Insert: {}\n        Update: {}\n        Relationships: []\n      }\n    }\n  }\n}\n`;
const DEEP: Array<[string, string]> = [
  ['parentheses', `${'('.repeat(1000)}string${')'.repeat(1000)}`],
  ['object types', `${'{ b: '.repeat(1000)}string${' }'.repeat(1000)}`],
  ['tuples', `${'['.repeat(1000)}string${']'.repeat(1000)}`],
  ['generics', `${'Array<'.repeat(1000)}string${'>'.repeat(1000)}`],
  ['unbalanced (the compiler path)', `${'('.repeat(1000)}string${')'.repeat(999)}`],
  ['after a template literal (the compiler path)', `\`x\` | ${'('.repeat(1000)}string${')'.repeat(1000)}`],
];

describe('types.ts', () => {
  for (const [name, type] of DEEP) {
    it(`1,000 levels of ${name}: one error with file:line, no stack overflow`, () => {
      expect(() => parseTypesText(wrap(type), 'deep.ts')).toThrow(
        /^deep\.ts:5: types nested (more than 200 levels deep|too deeply to read \(more than 200 levels\))$/,
      );
    });
  }

  it('the compiler path gives the same error once the compiler is warm (its frames then fit deeper input)', () => {
    const nested = (n: number) => wrap(`\`x\` | ${'('.repeat(n)}string${')'.repeat(n)}`);
    for (let i = 0; i < 300; i++) parseTypesText(nested(150), 'warm.ts');
    for (const [, type] of DEEP.slice(4))
      expect(() => parseTypesText(wrap(type), 'deep.ts')).toThrow(
        /^deep\.ts:5: types nested more than 200 levels deep$/,
      );
  });

  it('through the CLI: exit 2, one line', async () => {
    const r = await runCli([
      'check',
      '--db',
      'postgres://u@127.0.0.1:1/x',
      '--types',
      s.file('deep.ts', wrap(DEEP[0][1])),
    ]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toEqual([`schema-drift: ${s.dir}/deep.ts:5: types nested more than 200 levels deep`]);
  });

  it('the nesting a generator writes is far inside the bound', () => {
    expect(
      parseTypesText(wrap(`${'('.repeat(150)}string${')'.repeat(150)}`), 'ok.ts').tables[0].columns[0].tsType,
    ).toBe('string');
  });

  it.each([
    [
      'two type aliases',
      'export type Database = { public: { Tables: {} } }\n\nexport type Database = { other: { Tables: {} } }\n',
    ],
    [
      'a type and an interface',
      'export type Database = { public: { Tables: {} } }\nexport interface Database { other: { Tables: {} } }\n',
    ],
    [
      'two, on the compiler path',
      'const x = `t`\nexport type Database = { public: { Tables: {} } }\nexport type Database = { other: { Tables: {} } }\n',
    ],
  ])('%s: exit 2 naming both lines', (_, text) => {
    const lines = text.split('\n').flatMap((l, i) => (/Database/.test(l) ? [i + 1] : []));
    expect(() => parseTypesText(text, 'two.ts')).toThrow(
      `two.ts:${lines[1]}: two Database declarations, at lines ${lines[0]} and ${lines[1]}: keep one`,
    );
  });
});

describe('the command line', () => {
  it('bare schema-drift and `help` print help and exit 0', async () => {
    for (const args of [[], ['help'], ['help', 'check']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: schema-drift/);
      expect(r.stderr).toBe('');
    }
  });

  it.each([
    [
      'a space in the password',
      'postgres://me:pa ss@h:port/app',
      /the connection URL is not a valid URL: postgres:\/\/me:\*\*\*@h:port\/app \(hint: percent-encode/,
    ],
    [
      'a # in the password',
      'postgres://me:pa#ss@127.0.0.1/app',
      /not a valid URL: postgres:\/\/me:\*\*\*@127\.0\.0\.1\/app \(hint:/,
    ],
    ['a port that is not a number', 'postgres://me@h:54x2/app', /not a valid URL: postgres:\/\/me@h:54x2\/app \(hint:/],
    ['another scheme', 'mysql://me:pw@h/app', /must start with postgres:\/\/ or postgresql:\/\/, not mysql:\/\//],
    ['neither form', 'just-a-hostname', /neither a URL \(postgres:\/\/…\) nor key=value pairs/],
    [
      'an unknown sslmode',
      'postgres://me@127.0.0.1:1/app?sslmode=maybe',
      /sslmode "maybe" is not one of disable, allow, prefer, require, verify-ca, verify-full/,
    ],
  ])('malformed connection string (%s): exit 2, one line with a hint, no password', async (_, url, message) => {
    const r = await runCli(['check', '--db', url, '--types', types]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toHaveLength(1);
    expect(r.errorLines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/pa ss|pa#ss|:pw@/);
  });
});

describe.runIf(server)('sslmode with libpq meaning, against a server without TLS', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sd_ssl');
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query('show ssl');
    await c.end();
    if (rows[0].ssl !== 'off') console.warn('the test server has TLS on: the "no TLS" cases below prove less');
  });
  afterAll(async () => db?.drop());
  const withMode = (mode: string) => `${db.url}?sslmode=${mode}`;

  it.each(['disable', 'allow', 'prefer'])(
    'sslmode=%s connects in plain (prefer falls back), no driver warning',
    async (mode) => {
      const r = await runCli(['check', '--db', withMode(mode), '--types', types]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    },
  );

  itWhere(!onWindows, 'the pipe is made by bash')(
    'a reader that closes the pipe early (`| true`, `| head`) ends the run quietly, exit 0',
    () => {
      // The reader is gone before the report is written: the write fails with EPIPE.
      for (const args of [`check --db "${db.url}" --types "${types}" --format json`, 'inspect --help']) {
        const r = spawnSync(
          'bash',
          [
            '-c',
            `"${process.execPath}" "${CLI}" ${args} 2>"${s.dir}/epipe.err" | true; echo "\${PIPESTATUS[0]}"; cat "${s.dir}/epipe.err"`,
          ],
          { encoding: 'utf8' },
        );
        expect(r.stdout, args).toBe('0\n');
      }
    },
  );

  it('no sslmode means prefer, as in psql', async () => {
    const r = await runCli(['check', '--db', db.url, '--types', types]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each(['require', 'verify-ca', 'verify-full'])(
    'sslmode=%s refuses a server without TLS: exit 2, one line, no warning',
    async (mode) => {
      const r = await runCli(['check', '--db', withMode(mode), '--types', types]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`the server does not support TLS, and sslmode=${mode} requires it`)),
      ]);
    },
  );
});

describe.runIf(server)('--shadow-db without the rights it needs', () => {
  let db: TestDatabase;
  const role = `sd_nocreatedb_${process.pid}`;
  beforeAll(async () => {
    db = await createTestDatabase('sd_rights');
    await db.exec(`create role ${quoteIdent(role)} login nocreatedb`);
  });
  afterAll(async () => {
    await db?.exec(`drop role if exists ${quoteIdent(role)}`);
    await db?.drop();
  });

  it('says the role lacks CREATEDB, in one line', async () => {
    const m = scratch('sd-rights-m-');
    m.file('001_t.sql', 'create table public.t (id int);\n');
    const u = new URL(db.url);
    u.username = role;
    const r = await runCli(['check', '--shadow-db', u.toString(), '--migrations', m.dir, '--types', types]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toEqual([
      expect.stringMatching(/cannot create a shadow database on .*: the role lacks the CREATEDB right/),
    ]);
  });
});
