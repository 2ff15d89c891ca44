/**
 * Names that plain objects mistake for their own members (`constructor`, `__proto__`, `toString`) are just names,
 * and enum names holding quotes or backslashes compare by value: types written by Supabase's own generator for
 * such a database give no finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGLITE_CONTRIB, STAND_INS } from '../../src/supabase/extensions.js';
import { normalizeTsType } from '../../src/model/tsType.js';
import { parseTypesText } from '../../src/typeparse/parseTypes.js';
import { createTestDatabase, resolveServer, type TestDatabase } from '../support/db.js';
import { generateTypes } from '../support/typegen.js';
import { runCli, scratch } from './cli.js';

const server = await resolveServer();
if (!server) console.warn('skipping the server half of the collision tests: no PostgreSQL server');

const ODD_SCHEMAS = ['constructor', '__proto__', 'toString'];
const ODD_ENUMS = ['a"b', "c'd", 'e\\f', 'g\\"h', "i''j"];

describe('names that are Object members', () => {
  it('extension tables know no "constructor" or "__proto__"', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(PGLITE_CONTRIB[name]).toBeUndefined();
      expect(name in STAND_INS).toBe(false);
    }
  });

  it('a types file with schemas named constructor and __proto__ reads them as schemas', () => {
    const text = `export type Database = {\n  constructor: { Tables: { t: { Row: { a: number }; Insert: { a: number }; Update: {}; Relationships: [] } } }\n  __proto__: { Tables: {} }\n}\n`;
    const model = parseTypesText(text, 'odd.ts');
    expect(model.schemas).toEqual(['constructor', '__proto__']);
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['constructor.t']);
    expect(Object.getPrototypeOf(model.sections)).toBeNull();
    expect(model.sections!.__proto__).toEqual(['Tables']);
  });

  it('create extension "constructor" is an unknown extension (exit 2, one line), not a crash', async () => {
    const m = scratch('sd-ext-ctor-');
    m.file('001_ext.sql', 'create extension "constructor";\n');
    const r = await runCli([
      'check',
      '--migrations',
      m.dir,
      '--types',
      m.file('t.ts', 'export type Database = { public: { Tables: {} } }\n'),
    ]);
    expect(r.code).toBe(2);
    expect(r.errorLines).toEqual([
      `schema-drift: ${m.dir}/001_ext.sql:1: extension "constructor" is not available in the embedded PostgreSQL (PGlite) and has no stand-in`,
    ]);
  });
});

describe('string literals in type text compare by value', () => {
  it.each([
    [`Database["public"]["Enums"]['a"b'] | null`, `Database["public"]["Enums"]["a\\"b"]|null`],
    [`Database["public"]["Enums"]["c'd"]`, `Database["public"]["Enums"]["c'd"]`],
    [`Database["public"]["Enums"]["\\u0063'd"]`, `Database["public"]["Enums"]["c'd"]`],
    [`( Database["public"]["Enums"]["x\\")y"] )[]`, `Database["public"]["Enums"]["x\\")y"][]`],
    [`"a | b" | 'c  d'`, `"a | b"|"c  d"`],
  ])('%s', (input, normal) => {
    expect(normalizeTsType(input)).toBe(normal);
  });
});

describe.runIf(server)('odd names against a real database and the generator', () => {
  let db: TestDatabase;
  const s = scratch('sd-collide-');
  beforeAll(async () => {
    db = await createTestDatabase('sd_collide');
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
    const l = (n: string) => `'${n.replace(/'/g, "''")}'`;
    await db.exec(
      [
        ...ODD_SCHEMAS.map(
          (n) => `create schema ${q(n)}; create table ${q(n)}.t (id int primary key, constructor text);`,
        ),
        ...ODD_ENUMS.map((n, i) => `create type public.${q(n)} as enum (${l(n)}, 'v${i}');`),
        `create table public.uses (id int primary key, ${ODD_ENUMS.map((n, i) => `c${i} public.${q(n)}, d${i} public.${q(n)}[] not null`).join(', ')});`,
      ].join('\n'),
    );
  });
  afterAll(async () => db?.drop());

  it('enum names with quotes and backslashes: no false column_type_mismatch', async () => {
    const types = s.file('enums.ts', await generateTypes(db.url, ['public']));
    const r = await runCli(['check', '--db', db.url, '--types', types, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('--schema constructor / __proto__ / toString compare those schemas', async () => {
    const types = s.file('odd.ts', await generateTypes(db.url, ['public', ...ODD_SCHEMAS]));
    const r = await runCli([
      'check',
      '--db',
      db.url,
      '--types',
      types,
      ...ODD_SCHEMAS.flatMap((n) => ['--schema', n]),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The generator sorts schemas: the first Row is __proto__.t's. Its column gone, that schema has drift.
    const dropped = s.file(
      'odd-dropped.ts',
      (await generateTypes(db.url, ['public', ...ODD_SCHEMAS])).replace(/constructor: string \| null\n/, ''),
    );
    const drift = await runCli([
      'check',
      '--db',
      db.url,
      '--types',
      dropped,
      '--schema',
      '__proto__',
      '--schema',
      'constructor',
      '--format',
      'json',
    ]);
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout).findings).toMatchObject([
      { code: 'column_missing_in_types', schema: '__proto__', object: 't', column: 'constructor' },
    ]);
  });
});
