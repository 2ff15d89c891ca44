/**
 * Fuzzing migration text: random SQL fragments, random bytes, and cut or spliced copies of the example
 * migrations. In-process (reading, splitting, PostgreSQL's grammar, the --shadow-db guard) for FUZZ_CASES cases
 * (default 1,000): each ends in statements or one InputError line naming the file, never any other exception.
 * Through the CLI's full embedded replay for FUZZ_CLI_CASES of them (default 4): exit 0, 1 or 2, never more than
 * one line on stderr besides notices, no stack trace.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseMigrations } from '../../src/introspect/replay/apply.js';
import { screenForShadow } from '../../src/introspect/replay/guard.js';
import { check, errorLines, folder } from './replay-helpers.js';

const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const CLI_CASES = Number(process.env.FUZZ_CLI_CASES ?? 4);

const EXAMPLES = [
  new URL('../../fixtures/creator-platform/supabase/migrations/', import.meta.url),
  new URL('../../migrations/', import.meta.url),
].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8')),
);

const FRAGMENTS = [
  'create table public.t (id int primary key, name text)',
  'create table',
  'alter table public.t add column x int',
  "insert into public.t values (1, 'a')",
  'select 1',
  'select pg_sleep(0)',
  ';',
  ';;',
  '(',
  ')',
  "'",
  '"',
  "''",
  '$$',
  '$a$',
  '$1',
  '--',
  '-- c\n',
  '/*',
  '*/',
  '/* /* */ */',
  '\n',
  '\r\n',
  '\t',
  ' ',
  'begin',
  'commit',
  'rollback',
  'begin atomic',
  'end',
  'case when true then 1 end',
  'create function public.f() returns int language sql',
  'create or replace procedure public.p() language sql',
  'as $$ select 1 $$',
  'do $$ begin perform 1; end $$',
  'copy public.t from stdin',
  'copy public.t to stdout',
  '\\.',
  "E'\\''",
  "U&'\\0041'",
  "x'ff'",
  'create extension if not exists vector with schema extensions',
  'create extension no_such_ext',
  'create index concurrently i on public.t (id)',
  "create type public.e as enum ('a')",
  "alter type public.e add value 'b'",
  'vacuum',
  'create role r',
  'alter role postgres superuser',
  'create database d',
  "alter database postgres set x = '1'",
  'grant select on public.t to anon',
  '\uFEFF',
  'é',
  '😀',
  '\u0000',
  '\u202e',
];

/** A migration's bytes: fragments, random bytes, or an example cut, spliced or sprinkled with fragments. */
const migrationBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => Buffer.from(parts.join(' '))),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc
    .tuple(fc.constantFrom(...EXAMPLES), fc.nat(), fc.nat())
    .map(([text, a, b]) => Buffer.from(text.slice(Math.min(a, b) % text.length, Math.max(a, b) % (text.length + 1)))),
  fc
    .tuple(
      fc.constantFrom(...EXAMPLES),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...FRAGMENTS), fc.nat(20)), { maxLength: 8 }),
    )
    .map(([text, edits]) => {
      let out = text;
      for (const [at, insert, remove] of edits) {
        const i = at % (out.length + 1);
        out = out.slice(0, i) + insert + out.slice(i + remove);
      }
      return Buffer.from(out);
    }),
  fc
    .tuple(fc.constantFrom(...EXAMPLES), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }))
    .map(([text, at, bytes]) => {
      const b = Buffer.from(text);
      const i = at % (b.length + 1);
      return Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]);
    }),
);

describe('fuzzing migration text', () => {
  it(`${CASES} cases in-process: statements or one InputError line naming the file`, async () => {
    const dir = folder({});
    const path = join(dir, '001_fuzz.sql');
    let errors = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(migrationBytes, async (bytes) => {
        writeFileSync(path, bytes);
        try {
          const files = await parseMigrations([{ path, version: '001' }]);
          for (const s of files[0].statements) {
            expect(s.line).toBeGreaterThanOrEqual(1);
            expect(s.sql.trim()).not.toBe('');
          }
          screenForShadow(files, () => {});
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          errors++;
          expect(err.message.startsWith(path)).toBe(true);
          expect(err.message).not.toMatch(/[\n\r]/);
        }
      }),
      { numRuns: CASES },
    );
    console.log(`fuzz: ${CASES} cases in-process in ${Date.now() - started} ms, ${errors} refused with one line`);
  }, 300_000);

  it(`${CLI_CASES} cases through the CLI's embedded replay: exit 0/1/2, one line at most`, async () => {
    const samples = fc.sample(migrationBytes, { numRuns: CLI_CASES, seed: Number(process.env.FUZZ_SEED ?? 42) });
    for (const bytes of samples) {
      const r = await check(['--migrations', folder({ '001_fuzz.sql': bytes })]);
      expect([0, 1, 2], r.stderr).toContain(r.code);
      expect(errorLines(r.stderr).length, r.stderr).toBeLessThanOrEqual(1);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  }, 900_000);
});
