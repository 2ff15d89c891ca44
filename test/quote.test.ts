/**
 * The one quoting helper: hostile names and values round-trip through a real server unchanged and harmless.
 * PROPERTY_RUNS sets how many strings the server round-trip tries (default 100; `npm run test:long` runs 200).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { fitIdentifier, quoteIdent, quoteLiteral, quoteQualified } from '../src/model/quote.js';
import { indexName } from '../src/lint/remedies/foreignKeyIndex.js';
import { uniqueKeyName } from '../src/emit/uniqueKey.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';

const server = await resolveServer();
if (!server) console.warn('skipping quoting tests: no PostgreSQL server');
const RUNS = Number(process.env.PROPERTY_RUNS) || 100;

describe.runIf(server)('quoteIdent / quoteLiteral', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sd_quote');
    await db.exec('create table public.users (id int)');
  });
  afterAll(async () => db?.drop());

  it('a table named `x"; drop table users; --` is created under exactly that name, and users survives', async () => {
    const name = 'x"; drop table users; --';
    await db.exec(
      `create table ${quoteQualified('public', name)} (${quoteIdent('a\'b"c')} text default ${quoteLiteral("it's \\ fine")})`,
    );
    const rows = await db.query(
      "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1",
    );
    expect(rows.map((r) => r.relname)).toEqual(['users', name]);
  });

  it(`any string survives as a literal and as an identifier (${RUNS} runs)`, async () => {
    // One connection for every run (a connection per query cost more than the queries).
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const query = async (sql: string) => (await client.query(sql)).rows;
    try {
      await fc.assert(
        // PostgreSQL truncates identifiers beyond 63 bytes, and a NUL cannot be in either.
        fc.asyncProperty(
          fc
            .string({ minLength: 1, maxLength: 40, unit: 'binary' })
            .filter((s) => !s.includes('\u0000') && Buffer.byteLength(s) <= 63),
          async (value) => {
            const [literal] = await query(`select ${quoteLiteral(value)} as v`);
            expect(literal.v).toBe(value);
            const [ident] = await query(`select 1 as ${quoteIdent(value)}`);
            expect(Object.keys(ident)).toEqual([value]);
          },
        ),
        { numRuns: RUNS },
      );
    } finally {
      await client.end();
    }
  });
});

describe('names the tool makes up fit in 63 bytes, cut on a character boundary', () => {
  it('never keeps half a character, whatever the names (emoji, accents, CJK)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(80), (name, bytes) => {
        const out = fitIdentifier(name, bytes);
        expect(Buffer.byteLength(out)).toBeLessThanOrEqual(Math.max(bytes, 0));
        expect(name.startsWith(out)).toBe(true);
        expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out); // no lone surrogate
      }),
      { numRuns: 300 },
    );
  });

  it('index and unique-key names of tables named with emoji are whole characters', () => {
    const table = '😀'.repeat(20);
    const idx = indexName(
      { schema: 'public', name: table, columns: [] } as never,
      { columns: ['c'] } as never,
      new Set(),
    );
    const key = uniqueKeyName(table, ['c']);
    for (const n of [idx, key]) {
      expect(Buffer.byteLength(n)).toBeLessThanOrEqual(63);
      expect(Buffer.from(n, 'utf8').toString('utf8')).toBe(n);
    }
    expect(idx).toMatch(/^(😀)+$/u); // `<table>_c_idx` cut to 63 bytes, as PostgreSQL would
    expect(key).toMatch(/^(😀)+_key$/u);
  });
});
