/**
 * Hostile or unlucky migration input through the CLI's embedded replay: each is one clear line and exit 2 naming
 * the file (and line), or is accepted where a Supabase project would accept it.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itWhere, onWindows } from '../support/platform.js';
import { check, errorLines, folder } from './replay-helpers.js';

async function expectTrouble(args: string[], message: RegExp) {
  const r = await check(args);
  expect(r.code, r.stderr).toBe(2);
  const lines = errorLines(r.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

describe('migration input', async () => {
  it('a migration entry that is a directory is named', async () => {
    const dir = folder({ '001_a.sql': 'create table public.a (id int);' });
    mkdirSync(join(dir, '002_dir.sql'));
    await expectTrouble(['--migrations', dir], /002_dir\.sql: is a directory or special file, not a migration file$/);
  });

  itWhere(!onWindows, 'a symbolic link needs administrator rights or Developer Mode')(
    'a broken symbolic link is named',
    async () => {
      const dir = folder({ '001_a.sql': 'create table public.a (id int);' });
      symlinkSync(join(dir, 'nowhere.sql'), join(dir, '002_link.sql'));
      await expectTrouble(['--migrations', dir], /002_link\.sql: broken symbolic link/);
    },
  );

  it('an empty migrations folder is exit 2 unless --allow-empty', async () => {
    const dir = folder({ 'README.md': 'nothing here' });
    await expectTrouble(['--migrations', dir], /no migrations in this folder .*--allow-empty/);
    const ok = await check(['--migrations', dir, '--allow-empty']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/In sync/);
  });

  it('a UTF-8 byte-order mark at the start of a migration is accepted', async () => {
    const dir = folder({
      '001_bom.sql': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('create table public.bom (id int);\n'),
      ]),
    });
    const r = await check(['--migrations', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/bom/); // the table is found, so the first statement ran
  });

  it('invalid UTF-8 names the file and line', async () => {
    const dir = folder({
      '001_bad.sql': Buffer.concat([
        Buffer.from('create table public.a (id int);\n-- caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    });
    await expectTrouble(['--migrations', dir], /001_bad\.sql:2: not valid UTF-8/);
  });

  it('a UTF-16 file is named as such', async () => {
    const dir = folder({
      '001_u16.sql': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('select 1;', 'utf16le')]),
    });
    await expectTrouble(['--migrations', dir], /001_u16\.sql: is UTF-16; migrations must be UTF-8/);
  });

  it('a NUL byte (PostgreSQL would stop reading there) names file and line', async () => {
    const dir = folder({ '001_nul.sql': 'create table public.a (id int);\n\n\0 drop table public.a;\n' });
    await expectTrouble(['--migrations', dir], /001_nul\.sql:3: contains a NUL byte/);
  });

  it('COPY … FROM stdin with its data is unsupported, at its line', async () => {
    const dir = folder({
      '001_copy.sql':
        'create table public.c (id int, t text);\n\ncopy public.c (id, t) from stdin;\n1\tone\n2\ttwo\n\\.\n',
    });
    await expectTrouble(['--migrations', dir], /001_copy\.sql:3: COPY … FROM stdin is not supported/);
  });

  it('COPY … TO stdout is unsupported too', async () => {
    const dir = folder({ '001_copy.sql': 'create table public.c (id int);\ncopy public.c to stdout;\n' });
    await expectTrouble(['--migrations', dir], /001_copy\.sql:2: COPY … TO stdout is not supported/);
  });

  it('a migration with only comments and whitespace applies as a no-op', async () => {
    const dir = folder({
      '001_a.sql': 'create table public.a (id int);',
      '002_empty.sql': '-- nothing yet\n\n/* still /* nothing */ */\n   \n',
      '003_blank.sql': '',
      '004_b.sql': 'create table public.b (id int);',
    });
    const r = await check(['--migrations', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(errorLines(r.stderr)).toEqual([]);
    expect(r.stdout).toMatch(/\bb\b/);
  });

  it('an unterminated quote or comment names the line it starts on', async () => {
    await expectTrouble(
      [
        '--migrations',
        folder({
          '001_q.sql':
            "create table public.a (id int);\ninsert into public.a values (1);\ninsert into x values ('oops);\n",
        }),
      ],
      /001_q\.sql:3: unterminated quoted string/,
    );
    await expectTrouble(
      ['--migrations', folder({ '001_c.sql': 'select 1;\n/* open\n' })],
      /001_c\.sql:2: unterminated comment/,
    );
    await expectTrouble(
      ['--migrations', folder({ '001_d.sql': 'create function f() returns int as $body$\nselect 1;\n' })],
      /001_d\.sql:1: unterminated dollar-quoted string/,
    );
  });

  it('a syntax error in a data statement is still named by file and line (the engine reports it)', async () => {
    const dir = folder({ '001_a.sql': 'create table public.a (id int);\n\ninsert into public.a valuez (1);\n' });
    await expectTrouble(
      ['--migrations', dir],
      /001_a\.sql:3: migration failed at `insert into public\.a valuez \(1\)`: syntax error at or near "valuez"/,
    );
  });
});
