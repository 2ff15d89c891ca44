/**
 * Terminal injection: names from the database and messages on stderr are printed with every control character
 * (C0, DEL, C1, ESC sequences, carriage return) and bidi override made visible, so a table named
 * `\r\x1b[2KIn sync: no drift found.` cannot hide a real finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../src/model/quote.js';
import { escapeControl, escapeControlKeepNewlines } from '../../src/report/escape.js';
import { createTestDatabase, resolveServer, type TestDatabase } from '../support/db.js';
import { EMPTY_TYPES, runCli, scratch } from './cli.js';

const server = await resolveServer();
if (!server) console.warn('skipping the server half of the escape tests: no PostgreSQL server');

/** Anything a terminal acts on rather than prints. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeControl', () => {
  it.each([
    ['carriage return', 'a\rb', 'a\\rb'],
    ['line feed', 'a\nb', 'a\\nb'],
    ['tab', 'a\tb', 'a\\tb'],
    ['NUL and BEL', 'a\u0000\u0007', 'a\\x00\\x07'],
    ['ESC sequence (erase line)', '\x1b[2KIn sync', '\\e[2KIn sync'],
    ['DEL', 'a\x7f', 'a\\x7f'],
    ['C1 CSI', 'a\u009b2K', 'a\\x9b2K'],
    ['right-to-left override', 'abc\u202edcb', 'abc\\u202edcb'],
    ['isolates and marks', '\u2066x\u2069\u200f', '\\u2066x\\u2069\\u200f'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
  ])('%s', (_, input, output) => {
    expect(escapeControl(input)).toBe(output);
  });

  it('leaves printable text alone, including non-Latin names', () => {
    expect(escapeControl('créateurs_stories "x" 作品 😀')).toBe('créateurs_stories "x" 作品 😀');
  });

  it('keeps only real line breaks where asked', () => {
    expect(escapeControlKeepNewlines('usage:\n  \x1b[31mred\r')).toBe('usage:\n  \\e[31mred\\r');
  });
});

describe.runIf(server)('names from the database on the terminal', () => {
  let db: TestDatabase;
  const s = scratch('sd-escape-');
  const types = s.file('t.ts', EMPTY_TYPES);
  const evilTable = 'evil\r\x1b[2KIn sync: no drift found.\x1b[8m';
  const evilColumn = 'c\u202eloh\x9b';
  beforeAll(async () => {
    db = await createTestDatabase('sd_escape');
    await db.exec(`create table public.${quoteIdent(evilTable)} (${quoteIdent(evilColumn)} int)`);
  });
  afterAll(async () => db?.drop());

  it('the text report shows the table name escaped, and the real finding and summary stay visible', async () => {
    const r = await runCli(['check', '--only', 'structural', '--db', db.url, '--types', types, '--fail-on', 'warning']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(UNSAFE);
    expect(r.stdout).toContain('public.evil\\r\\e[2KIn sync: no drift found.\\e[8m');
    // The summary, then the next command to run: nothing a name printed can hide them.
    expect(r.stdout).toMatch(/\n1 finding: 1 error, 0 warnings, 0 info\.\nNext: schema-drift types --out [^\n]*\n$/);
  });

  it('stderr messages escape names too', async () => {
    const r = await runCli(['check', '--db', db.url, '--types', types, '--schema', 'x\x1b[2K\rIn sync']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.errorLines).toEqual([
      'schema-drift: --schema x\\e[2K\\rIn sync: no such schema in the database or in ' + types,
    ]);
  });

  it('a notice about a migration file name is escaped', async () => {
    const m = scratch('sd-escape-m-');
    m.file('evil\x1b[2K.sql', 'select 1;');
    const r = await runCli(['check', '--shadow-db', db.url, '--migrations', m.dir, '--types', types]);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).toContain('evil\\e[2K.sql');
  });
});
