/**
 * The command line as CI runs it: the built `dist/cli.js` in a child process, exit codes 0/1/2, one clear line
 * on bad input, reports on stdout, no password anywhere. How flags and the config file decide severities and the
 * exit code is not about the process: those runs are in process (a child costs 0.2–0.3 s), and the parity test
 * at the end holds the two ways to the same output.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './support/cli.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { generateTypes } from './support/typegen.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const server = await resolveServer();
if (!server) console.warn('skipping CLI tests that need a database: no PostgreSQL server');

function run(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', SUPABASE_DB_URL: '', NO_COLOR: '', FORCE_COLOR: '', ...env },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/**
 * The same program in this process (test/support/cli.ts), for what is not about the process itself: how flags and
 * the config file decide. The last test here checks that both give the same exit code, stdout and stderr.
 */
async function inProcess(args: string[]) {
  const r = await runInProcess(args, { env: { NO_COLOR: '', FORCE_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sd-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('the command line without a database', () => {
  it('--help lists the commands and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check/);
    expect(r.stdout).toMatch(/inspect/);
  });

  it('an unknown flag exits 2', () => {
    expect(run(['check', '--frobnicate']).code).toBe(2);
  });

  it('a missing types file exits 2 with one line naming it', () => {
    const r = run(['check', '--db', 'postgres://u@127.0.0.1:1/x', '--types', join(dir, 'nope.ts')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nope.ts: no such file');
  });

  it('a file without a Database type exits 2', () => {
    const r = run([
      'check',
      '--db',
      'postgres://u@127.0.0.1:1/x',
      '--types',
      file('plain.ts', 'export type Foo = { a: string }\n'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plain\.ts: not a Supabase types file/);
  });

  it('a TypeScript syntax error exits 2 with file:line', () => {
    const bad = file(
      'bad.ts',
      'export type Database = {\n  public: {\n    Tables: {\n      t: { Row: { a: string\n }\n',
    );
    const r = run(['check', '--db', 'postgres://u@127.0.0.1:1/x', '--types', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.ts:\d+: TypeScript syntax error/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('with no source and no supabase/migrations here, says what to give', () => {
    const r = spawnSync(
      process.execPath,
      [CLI, 'check', '--types', file('t.ts', 'export type Database = { public: { Tables: {} } }\n')],
      {
        encoding: 'utf8',
        cwd: dir,
        env: { ...process.env, DATABASE_URL: '', SUPABASE_DB_URL: '' },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /no database to read: no supabase\/migrations \(or supabase\/schemas\) in this project; give --db URL, --local, --migrations DIR or set DATABASE_URL/,
    );
  });

  it('a config file with an unknown key or finding code exits 2', () => {
    const types = file('cfg-types.ts', 'export type Database = { public: { Tables: {} } }\n');
    const badKey = file('bad-key.json', JSON.stringify({ failon: 'warning' }));
    expect(run(['check', '--db', 'postgres://u@127.0.0.1:1/x', '--types', types, '--config', badKey]).stderr).toMatch(
      /bad-key\.json: \/failon: unknown key "failon"/,
    );
    const badCode = file('bad-code.json', JSON.stringify({ severity: { table_gone: 'off' } }));
    const r = run(['check', '--db', 'postgres://u@127.0.0.1:1/x', '--types', types, '--config', badCode]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown finding code "table_gone"/);
  });

  it('an unreachable database exits 2 quickly and never prints the password', () => {
    const types = file('ok.ts', 'export type Database = { public: { Tables: {} } }\n');
    const r = run(['check', '--db', 'postgres://me:hunter2secret@127.0.0.1:1/app', '--types', types]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/connection refused/);
    expect(r.stderr + r.stdout).not.toContain('hunter2secret');
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe.runIf(server)('the command line against the server', () => {
  let db: TestDatabase;
  let typesFile: string;
  const pw = 'pa55:w@rd/secret';
  const urlWithPassword = () => {
    const u = new URL(db.url);
    u.password = encodeURIComponent(pw);
    return u.toString();
  };

  /** `check --only structural` of this database against a types file, in process. */
  const structural = (types: string, ...more: string[]) =>
    inProcess(['check', '--only', 'structural', '--db', db.url, '--types', types, ...more]);

  beforeAll(async () => {
    db = await createTestDatabase('sd_cli');
    await db.exec(readFileSync(new URL('./fixtures/features.sql', import.meta.url), 'utf8'));
    typesFile = file('types.ts', await generateTypes(db.url, ['public', 'billing']));
  });
  afterAll(async () => db?.drop());

  it('in sync → exit 0 with a one-line summary', () => {
    const r = run(['check', '--only', 'structural', '--db', db.url, '--types', typesFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/In sync: no drift found\./);
  });

  it('drift → exit 1; JSON report as DESIGN.md says, with file and line; no password', async () => {
    const drifted = file(
      'drifted.ts',
      readFileSync(typesFile, 'utf8').replace('nick: string | null', 'nick: string | null\n          nickname: string'),
    );
    const r = run(['check', '--only', 'structural', '--db', urlWithPassword(), '--types', drifted, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.database.kind).toBe('live');
    expect(report.database.label).toContain('***');
    expect(r.stdout).not.toContain('secret');
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0 });
    const [f] = report.findings;
    expect(f).toMatchObject({
      code: 'column_missing_in_database',
      severity: 'error',
      kind: 'column',
      key: 'column_missing_in_database:public.authors.nickname',
      schema: 'public',
      object: 'authors',
      column: 'nickname',
    });
    const line = readFileSync(drifted, 'utf8').split('\n')[f.location.line - 1];
    expect(line).toContain('nickname: string');
  });

  it('--fail-on controls the exit code', async () => {
    const extra = file('missing-col.ts', readFileSync(typesFile, 'utf8').replace(/\n\s+nick: string \| null/, ''));
    expect((await structural(extra)).code).toBe(1); // stale types: an error by default
    const asWarning = file('as-warning.json', JSON.stringify({ severity: { column_missing_in_types: 'warning' } }));
    expect((await structural(extra, '--config', asWarning)).code).toBe(0); // a warning only
    expect((await structural(extra, '--config', asWarning, '--fail-on', 'warning')).code).toBe(1);
  });

  it('colour only when forced, never under NO_COLOR', () => {
    const extra = file('colour.ts', readFileSync(typesFile, 'utf8').replace(/\n\s+nick: string \| null/, ''));
    expect(run(['check', '--only', 'structural', '--db', db.url, '--types', extra]).stdout).not.toContain('\x1b[');
    expect(
      run(['check', '--only', 'structural', '--db', db.url, '--types', extra], { FORCE_COLOR: '1' }).stdout,
    ).toContain('\x1b[');
    expect(
      run(['check', '--only', 'structural', '--db', db.url, '--types', extra], { FORCE_COLOR: '1', NO_COLOR: '1' })
        .stdout,
    ).not.toContain('\x1b[');
  });

  it('config severities and ignores apply, flags win over the file', async () => {
    const drifted = file(
      'cfg-drifted.ts',
      readFileSync(typesFile, 'utf8')
        .replace(/\n\s+nick: string \| null/, '')
        .replace('name: string\n', 'name: string\n          ghost: string\n'),
    );
    const base = await structural(drifted, '--format', 'json');
    const codes = JSON.parse(base.stdout)
      .findings.map((f: { code: string }) => f.code)
      .sort();
    expect(codes).toEqual(['column_missing_in_database', 'column_missing_in_types']);
    expect(base.code).toBe(1);
    const config = file(
      'cfg.json',
      JSON.stringify({
        severity: { column_missing_in_types: 'info' },
        ignore: ['public.authors.ghost'],
        failOn: 'never',
      }),
    );
    const r = await structural(drifted, '--format', 'json', '--config', config);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { code: string; severity: string }) => [f.code, f.severity])).toEqual([
      ['column_missing_in_types', 'info'],
    ]);
    expect(r.code).toBe(0); // failOn: never from the file
    expect((await structural(drifted, '--config', config, '--fail-on', 'warning')).code).toBe(0); // an info only
    const config2 = file('cfg2.json', JSON.stringify({ ignore: ['public.authors.ghost'], failOn: 'never' }));
    expect((await structural(drifted, '--config', config2, '--fail-on', 'error')).code).toBe(1); // the flag wins
  });

  it('an unknown database exits 2 and names it without the password', () => {
    const u = new URL(urlWithPassword());
    u.pathname = '/no_such_database_here';
    const r = run(['check', '--db', u.toString(), '--types', typesFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no_such_database_here: database does not exist/);
    expect(r.stderr).not.toContain('secret');
  });

  it('a rejected login (no pg_hba entry for ::1) exits 2 without the password', () => {
    const u = new URL(urlWithPassword());
    u.hostname = '[::1]';
    const r = run(['check', '--db', u.toString(), '--types', typesFile]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('secret');
  });

  it('an unknown --schema exits 2', () => {
    const r = run(['check', '--only', 'structural', '--db', db.url, '--types', typesFile, '--schema', 'nonesuch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--schema nonesuch: no such schema/);
  });

  it('the program run in process (as the other test files run it) gives what the process gives', async () => {
    const cases: [string[], Record<string, string>][] = [
      [['check', '--db', db.url, '--types', typesFile, '--format', 'json'], {}],
      [['check', '--types', typesFile], { DATABASE_URL: db.url }],
      [['check', '--types', join(dir, 'missing.ts'), '--db', db.url], {}],
      [['nonesuch'], {}],
    ];
    const before = { cwd: process.cwd(), env: { ...process.env }, exitCode: process.exitCode };
    for (const [args, env] of cases) {
      const child = run(args, env);
      const inProcess = await runInProcess(args, { env: { NO_COLOR: '', FORCE_COLOR: '', ...env }, cwd: dir });
      expect({ code: inProcess.status, stdout: inProcess.stdout, stderr: inProcess.stderr }, args.join(' ')).toEqual({
        code: child.code,
        stdout: child.stdout,
        stderr: child.stderr,
      });
    }
    expect({ cwd: process.cwd(), env: process.env, exitCode: process.exitCode }).toEqual(before);
  });

  it('DATABASE_URL is used when no source flag is given', () => {
    expect(run(['check', '--types', typesFile], { DATABASE_URL: db.url }).code).toBe(0);
  });

  it('inspect --format json dumps the model', () => {
    const r = run(['inspect', '--db', db.url, '--schema', 'public']);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout);
    const authors = model.tables.find((t: { name: string }) => t.name === 'authors');
    expect(authors.rlsEnabled).toBe(true);
    expect(authors.policies[0].name).toBe('authors_read');
    expect(authors.triggers[0].name).toBe('authors_updated');
  });

  it('reads inside a read-only transaction', async () => {
    // The catalog read happens in a transaction that refuses writes: prove it on the same settings.
    const { openReadOnly } = await import('../src/introspect/live.js');
    const conn = await openReadOnly(db.url);
    await expect(conn.client.query('create table public.should_fail (id int)')).rejects.toThrow(
      /read-only transaction/,
    );
    await conn.close();
    const timeout = await (await import('../src/introspect/live.js')).openReadOnly(db.url);
    const [{ statement_timeout }] = (await timeout.client.query('show statement_timeout')).rows;
    expect(statement_timeout).toBe('30s');
    await timeout.close();
  });
});
