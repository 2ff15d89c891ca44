/**
 * Property: for random schemas (hostile names included) written by Supabase's generator into types.ts, against an
 * empty or partly matching database, the planned migration applied twice leaves no structural finding.
 * PROPERTY_RUNS sets the number of cases (default 8; `npm run test:long`, which CI runs, 200).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareModels } from '../src/diff/compare.js';
import { pairModels } from '../src/diff/pair.js';
import { planFix } from '../src/emit/plan.js';
import { renderMigration } from '../src/emit/render.js';
import { buildModel } from '../src/introspect/catalog.js';
import { applyMigrations, listMigrations, parseMigrations } from '../src/introspect/migrations.js';
import { readSource } from '../src/introspect/source.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../src/model/quote.js';
import { parseTypesFile } from '../src/typeparse/parseTypes.js';
import { createTestDatabase, emptySchema, resolveServer, type TestDatabase } from './support/db.js';
import { generateTypes } from './support/typegen.js';

const server = await resolveServer();
if (!server) console.warn('skipping the fix property test: no PostgreSQL server');
const RUNS = Number(process.env.PROPERTY_RUNS ?? 8);

const TABLE_NAMES = ['posts', 'Users', 'with space', 'x"y', 'select', 'ünï'];
const COLUMN_NAMES = [
  'a',
  'B',
  'two words',
  'q"q',
  'order',
  'é',
  'n_count',
  'created_at',
  'price_usd',
  'ref_id',
  'semi;colon',
];
const ENUM_NAMES = ['mood', 'Kind', 'sta"te'];
const LABELS = ['a', 'b', 'C', "it's", 'd e', '--', 'ü'];
const BASE_TYPES = [
  'text',
  'integer',
  'numeric',
  'boolean',
  'jsonb',
  'uuid',
  'timestamptz',
  'date',
  'text[]',
  'integer[]',
];
const DEFAULTS: Record<string, string> = {
  text: "''",
  integer: '0',
  numeric: '1.5',
  boolean: 'true',
  jsonb: "'{}'",
  uuid: 'gen_random_uuid()',
  timestamptz: 'now()',
  date: 'current_date',
  'text[]': "'{}'",
  'integer[]': "'{}'",
};

interface ColumnSpec {
  name: string;
  type: number;
  nullable: boolean;
  withDefault: boolean;
  keep: boolean;
}
interface TableSpec {
  name: string;
  id: 'uuid' | 'identity' | 'none';
  columns: ColumnSpec[];
  ref: boolean;
  keep: boolean;
}
interface EnumSpec {
  name: string;
  labels: string[];
  keep: boolean[];
  present: boolean;
}
interface SchemaSpec {
  enums: EnumSpec[];
  tables: TableSpec[];
  empty: boolean;
}

const enumArb: fc.Arbitrary<EnumSpec> = fc.record({
  name: fc.constantFrom(...ENUM_NAMES),
  labels: fc.uniqueArray(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 4 }),
  keep: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  present: fc.boolean(),
});
const columnArb: fc.Arbitrary<ColumnSpec> = fc.record({
  name: fc.constantFrom(...COLUMN_NAMES),
  type: fc.nat(40),
  nullable: fc.boolean(),
  withDefault: fc.boolean(),
  keep: fc.boolean(),
});
const tableArb: fc.Arbitrary<TableSpec> = fc.record({
  name: fc.constantFrom(...TABLE_NAMES),
  id: fc.constantFrom('uuid' as const, 'identity' as const, 'none' as const),
  columns: fc.uniqueArray(columnArb, { minLength: 1, maxLength: 5, selector: (c) => c.name }),
  ref: fc.boolean(),
  keep: fc.boolean(),
});
const schemaArb: fc.Arbitrary<SchemaSpec> = fc.record({
  enums: fc.uniqueArray(enumArb, { maxLength: 2, selector: (e) => e.name }),
  tables: fc.uniqueArray(tableArb, { minLength: 1, maxLength: 3, selector: (t) => t.name }),
  empty: fc.boolean(),
});

/** The SQL for the whole schema (`partial`: only what the database already has). */
function schemaSql(s: SchemaSpec, partial: boolean): string {
  const out: string[] = [];
  const enums = s.enums.filter((e) => !partial || (!s.empty && e.present));
  for (const e of enums) {
    const labels = partial ? e.labels.filter((_, i) => i === 0 || e.keep[i]) : e.labels; // the first label is a default
    out.push(`create type ${quoteQualified('public', e.name)} as enum (${labels.map(quoteLiteral).join(', ')})`);
  }
  // A column has the same type on both sides; the database lacks a column whose enum it lacks.
  const kinds = [
    ...BASE_TYPES,
    ...s.enums.flatMap((e) => [quoteQualified('public', e.name), `${quoteQualified('public', e.name)}[]`]),
  ];
  const typeOf = (c: ColumnSpec) => kinds[c.type % kinds.length];
  const known = new Set([
    ...BASE_TYPES,
    ...enums.flatMap((e) => [quoteQualified('public', e.name), `${quoteQualified('public', e.name)}[]`]),
  ]);
  const allEnums = s.enums;
  const defaultOf = (type: string) => {
    if (type in DEFAULTS) return DEFAULTS[type];
    if (type.endsWith('[]')) return "'{}'";
    const e = allEnums.find((x) => quoteQualified('public', x.name) === type)!;
    return quoteLiteral(e.labels[0]);
  };
  const tables = s.tables.filter((t) => !partial || (!s.empty && t.keep));
  let previous: TableSpec | undefined;
  for (const t of tables) {
    const cols: string[] = [];
    if (t.id === 'uuid') cols.push(`id uuid primary key default gen_random_uuid()`);
    if (t.id === 'identity') cols.push(`id bigint generated by default as identity primary key`);
    for (const c of t.columns.filter((c) => c.name !== 'id' && (!partial || (c.keep && known.has(typeOf(c)))))) {
      const type = typeOf(c);
      cols.push(
        `${quoteIdent(c.name)} ${type}${c.nullable ? '' : ' not null'}${!c.nullable && c.withDefault ? ` default ${defaultOf(type)}` : ''}`,
      );
    }
    if (t.ref && previous && previous.id === 'uuid' && !partial)
      cols.push(`${quoteIdent('parent_ref')} uuid references ${quoteQualified('public', previous.name)} (id)`);
    out.push(`create table ${quoteQualified('public', t.name)} (${cols.join(', ')})`);
    previous = t;
  }
  return out.join(';\n');
}

async function applyFile(db: TestDatabase, text: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sd-prop-'));
  writeFileSync(join(dir, '1_fix.sql'), text);
  writeFileSync(join(dir, '2_fix_again.sql'), text);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await applyMigrations(
      { exec: async (sql) => void (await client.query(sql)), hasExtension: () => true, label: db.name },
      await parseMigrations(listMigrations([dir], () => {})),
      { notice: () => {} },
    );
  } finally {
    await client.end();
  }
}

describe.runIf(server)('fix property', () => {
  // Two databases for every run, public emptied after each: `target` has the whole random schema (the types are
  // generated from it), `base` the part of it the database already has.
  let target: TestDatabase;
  let base: TestDatabase;

  beforeAll(async () => {
    [target, base] = await Promise.all([createTestDatabase('sd_prop_t'), createTestDatabase('sd_prop_b')]);
  });

  afterAll(async () => {
    await Promise.all([target?.drop(), base?.drop()]);
  });

  it(`random types.ts vs an empty or partial database: fix, apply twice, no structural finding (${RUNS} runs)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-prop-types-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(schemaArb, async (s) => {
        try {
          await target.exec(schemaSql(s, false));
          const typesFile = join(dir, `types${n++}.ts`);
          writeFileSync(typesFile, await generateTypes(target.url, ['public']));
          const types = await parseTypesFile(typesFile);
          const partialSql = schemaSql(s, true);
          if (partialSql) await base.exec(partialSql);
          const before = await readSource({ kind: 'live', url: base.url });
          const db = buildModel(before.rows, ['public']);
          const plan = planFix(
            pairModels(db, types, ['public']),
            db,
            types,
            new Set(before.rows.SCHEMAS.map((x) => x.name)),
          );
          await applyFile(base, renderMigration(plan.statements, { allowDestructive: false, header: ['property'] }));
          const after = buildModel((await readSource({ kind: 'live', url: base.url })).rows, ['public']);
          expect(compareModels(types, after, ['public'])).toEqual([]);
        } finally {
          await Promise.all([emptySchema(target, 'public'), emptySchema(base, 'public')]);
        }
      }),
      { numRuns: RUNS },
    );
  }, 1_800_000);
});
