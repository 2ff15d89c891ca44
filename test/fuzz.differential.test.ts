/**
 * Differential fuzzing against Supabase's generator. Each trial builds a random schema (test/support/randomSchema.ts),
 * writes types.ts with the generator, and requires `check` to be silent on the untouched database; then it makes
 * one random change, writes types.ts again, and requires findings exactly on the objects whose generated types
 * changed (old vs new file, object by object), none elsewhere.
 *
 * Trials are cheap: each lane keeps one database and one connection for all its trials and resets the schemas
 * between them (no CREATE DATABASE, no connection per statement); the schema goes over in one round trip; the
 * generator runs in-process on the lane's pool; `check` is the command's own comparison (`structuralFindings`,
 * what `runCheck` runs after reading the source) over one catalog read in a read-only transaction on the same
 * connection, with the types text parsed once per trial. Lanes run concurrently (the work is mostly the server's).
 *
 * FUZZ_TRIALS sets the number of trials (default 24, ~3 s), FUZZ_SEED the first seed (default: random, printed; trial i
 * uses seed FUZZ_SEED + i, whichever lane runs it), FUZZ_LANES the number of lanes (default 2);
 * FUZZ_DEBUG=1 prints each changed object's text before and after, and the schema;
 * FUZZ_GENERATORS=all draws the generator release per trial from all five instead of postgrest-typegen only.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structuralFindings } from '../src/commands/check.js';
import { readCatalog, type CatalogReader } from '../src/introspect/catalog.js';
import { parseDeclaration, parseTypesText } from '../src/typeparse/parseTypes.js';
import type { TypeTree } from '../src/typeparse/typeTree.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { GENERATORS, generateWith, type Generator } from './support/generators.js';
import { buildSchema, EXPOSED, randomMutation, rng } from './support/randomSchema.js';

const server = await resolveServer();
if (!server) console.warn('skipping differential fuzzing: no PostgreSQL server');
const TRIALS = Number(process.env.FUZZ_TRIALS ?? 24);
const LANES = Math.max(1, Math.min(TRIALS, Number(process.env.FUZZ_LANES ?? 2)));
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const POOL: readonly Generator[] = process.env.FUZZ_GENERATORS === 'all' ? GENERATORS : ['postgrest-typegen'];

const RESET = `
  drop schema if exists public, app, hidden cascade;
  drop table if exists auth.users cascade;
  create schema public; create schema app; create schema hidden; create schema if not exists auth;
  create table auth.users (id uuid primary key, email text);`;

/** Canonical text of a type tree (members sorted: order is not part of a TS object type). */
function show(t: TypeTree): string {
  switch (t.kind) {
    case 'object':
      return `{${t.members
        .map((m) => `${JSON.stringify(m.name)}${m.optional ? '?' : ''}:${show(m.type)}`)
        .sort()
        .join(';')}}`;
    case 'union':
    case 'intersection':
      return t.types
        .map(show)
        .sort()
        .join(t.kind === 'union' ? '|' : '&');
    case 'array':
      return `(${show(t.element)})[]`;
    case 'tuple':
      return `[${t.elements.map(show).join(',')}]`;
    case 'paren':
      return show(t.type);
    case 'string':
      return JSON.stringify(t.value);
    case 'leaf':
      return t.text;
  }
}

const EMPTY_TUPLE: TypeTree = { kind: 'tuple', elements: [], line: 0 };
const membersOf = (t: TypeTree | undefined) => (t?.kind === 'object' ? t.members : []);
const partOf = (t: TypeTree, name: string) => membersOf(t).find((m) => m.name === name)?.type;
const namesOf = (t: TypeTree | undefined) =>
  membersOf(t)
    .map((m) => m.name)
    .sort()
    .join(',');

/**
 * Each object of a generated file, keyed `schema.name`, as canonical text, attributed the way `check` reports a
 * change once: a computed field (a Row member named after a function of the schema) belongs to its function; a
 * function returning a relation's rows shows only their names (the relation's columns are its own); a foreign
 * key the generator repeats through a view of the referenced table is the table's key, and so are the keys a view's
 * own Relationships repeat from its base table.
 */
function objectsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const schema of parseDeclaration(text, 'types.ts').members) {
    if (schema.type.kind !== 'object') continue;
    const sections = new Map(schema.type.members.map((m) => [m.name, m.type]));
    const functions = new Set(membersOf(sections.get('Functions')).map((m) => m.name));
    const views = new Set(membersOf(sections.get('Views')).map((m) => m.name));
    // A relation's columns, without its computed fields (a function returning its rows returns only the columns).
    const columnsOf = (row: TypeTree | undefined): TypeTree | undefined =>
      row?.kind === 'object' ? { ...row, members: row.members.filter((c) => !functions.has(c.name)) } : row;
    const rowShapes = new Set(
      [...membersOf(sections.get('Tables')), ...membersOf(sections.get('Views'))].map((m) =>
        namesOf(columnsOf(partOf(m.type, 'Row'))),
      ),
    );
    for (const [section, node] of sections) {
      if (node.kind !== 'object') continue;
      for (const m of node.members) {
        if (m.name.startsWith('[')) continue;
        let t = m.type;
        if ((section === 'Tables' || section === 'Views') && t.kind === 'object') {
          t = {
            ...t,
            members: t.members.map((part) => {
              if (part.name === 'Row' && part.type.kind === 'object') {
                return {
                  ...part,
                  type: { ...part.type, members: part.type.members.filter((c) => !functions.has(c.name)) },
                };
              }
              // A view's Relationships repeat its base table's foreign keys: a change there is the table's.
              if (part.name === 'Relationships' && section === 'Views') return { ...part, type: EMPTY_TUPLE };
              if (part.name === 'Relationships' && part.type.kind === 'tuple') {
                const viaView = (el: TypeTree) => {
                  const r = partOf(el, 'referencedRelation');
                  return r?.kind === 'string' && views.has(r.value);
                };
                return { ...part, type: { ...part.type, elements: part.type.elements.filter((el) => !viaView(el)) } };
              }
              return part;
            }),
          };
        }
        if (section === 'Functions') {
          const overloads = t.kind === 'union' ? t.types : [t];
          t = {
            kind: 'union',
            types: overloads.map((o) => {
              const returns = partOf(o, 'Returns');
              const rows = returns?.kind === 'array' ? returns.element : returns;
              if (rows?.kind !== 'object' || !rowShapes.has(namesOf(rows))) return o;
              return {
                ...o,
                members: membersOf(o).map((p) =>
                  p.name === 'Returns'
                    ? {
                        ...p,
                        type: {
                          kind: 'leaf',
                          text: `rows(${namesOf(rows)})${returns?.kind === 'array' ? '[]' : ''}`,
                        } as TypeTree,
                      }
                    : p,
                ),
              } as TypeTree;
            }),
          };
        }
        const key = `${schema.name}.${m.name}`;
        out.set(key, `${out.get(key) ?? ''}${section}:${show(t)}`);
      }
    }
  }
  return out;
}

function changedObjects(before: string, after: string): Set<string> {
  const a = objectsOf(before);
  const b = objectsOf(after);
  const out = new Set<string>();
  for (const [k, v] of a) if (b.get(k) !== v) out.add(k);
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
  return out;
}

/**
 * A change `check` leaves alone by design: something the generator wrote as `unknown` retyped to `interval`.
 * Releases before postgrest-typegen wrote every interval as `unknown`, so `unknown` against an interval in the
 * database is accepted (LATE_MAPPED in src/diff/same.ts): from a types file alone, "an old release's interval" and
 * "stale types" read the same. Counted and printed, not failed.
 */
function toleratedByDesign(before: string | undefined, after: string | undefined, sql: string): boolean {
  if (before === undefined || after === undefined || !/ type interval( |$)/.test(sql)) return false;
  const asString = (t: string) =>
    t.replace(/\bnull\|string\b|\bstring\|null\b/g, 'string').replace(/\bunknown\b/g, 'string');
  return before.includes('unknown') && asString(before) === asString(after);
}

interface Outcome {
  seed: number;
  generator: Generator;
  kind: string;
  sql: string;
  baseFindings: string[];
  falsePositives: string[];
  falseNegatives: string[];
  /** Changed objects `check` leaves alone by design (`toleratedByDesign`). */
  tolerated: string[];
  changed: number;
}

/** Milliseconds spent per phase, summed over every lane (printed, to see where a trial's time goes). */
const spent = { build: 0, generate: 0, check: 0, mutate: 0, compare: 0 };
async function timed<T>(phase: keyof typeof spent, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    spent[phase] += performance.now() - t0;
  }
}

/** One database with one open connection (and a one-connection pool for the generator), reset per trial. */
class Lane {
  private constructor(
    readonly db: TestDatabase,
    private readonly client: pg.Client,
    private readonly pool: pg.Pool,
  ) {}

  static async open(): Promise<Lane> {
    const db = await createTestDatabase('sd_fuzz');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    return new Lane(db, client, new pg.Pool({ connectionString: db.url, max: 1 }));
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
    await this.pool.end().catch(() => {});
    await this.db.drop();
  }

  exec(sql: string): Promise<unknown> {
    return this.client.query(sql);
  }

  generate(generator: Generator): Promise<string> {
    return generateWith(generator, this.db.url, [...EXPOSED], { pool: this.pool });
  }

  /** `check --only structural` of a parsed types file against the database as it is now. */
  async check(types: ReturnType<typeof parseTypesText>): Promise<string[]> {
    const reader: CatalogReader = {
      roundTrips: 0,
      readJsonResults: async (sql) => {
        const res = (await this.client.query(
          `begin transaction isolation level repeatable read read only;\n${sql}\nrollback;`,
        )) as unknown as pg.QueryResult[];
        return res.slice(1, -1).map((r) => r.rows[0]?.rows);
      },
    };
    const rows = await readCatalog(reader);
    const fs = structuralFindings(types, rows);
    if (process.env.FUZZ_DEBUG) for (const f of fs) console.log(f.message);
    return fs.map((f) => `${f.schema}.${f.object}`);
  }

  async trial(seed: number): Promise<Outcome> {
    const r = rng(seed);
    const generator = r.pick(POOL);
    const { sql, state } = buildSchema(r);
    await timed('build', () => this.exec([RESET, ...sql].join(';\n')));
    const before = await timed('generate', () => this.generate(generator));
    const types = parseTypesText(before, `base-${seed}.ts`);
    const baseFindings = await timed('check', () => this.check(types));

    // A change that applies (some random ones do not, e.g. a type change PostgreSQL cannot cast).
    let mutation = randomMutation(r, state);
    await timed('mutate', async () => {
      for (let tries = 0; ; tries++) {
        try {
          await this.exec(`begin; ${mutation.sql}; commit;`);
          break;
        } catch {
          await this.exec('rollback').catch(() => {});
          if (tries > 20) throw new Error(`seed ${seed}: no mutation applies`);
          mutation = randomMutation(r, state);
        }
      }
    });
    const after = await timed('generate', () => this.generate(generator));
    const found = new Set(await timed('check', () => this.check(types)));
    const changed = await timed('compare', () => changedObjects(before, after));
    const [a, b] = [objectsOf(before), objectsOf(after)];
    if (process.env.FUZZ_DEBUG) {
      for (const k of changed) console.log(`${k}\n  before: ${a.get(k)}\n  after:  ${b.get(k)}`);
      console.log(`schema:\n${sql.join(';\n')}`);
    }
    const missed = [...changed].filter((k) => !found.has(k));
    const tolerated = missed.filter((k) => toleratedByDesign(a.get(k), b.get(k), mutation.sql));
    return {
      seed,
      generator,
      kind: mutation.kind,
      sql: mutation.sql,
      baseFindings,
      falsePositives: [...found].filter((k) => !changed.has(k)),
      falseNegatives: missed.filter((k) => !tolerated.includes(k)),
      tolerated,
      changed: changed.size,
    };
  }
}

describe.runIf(server)('differential fuzzing against the generator', () => {
  const lanes: Lane[] = [];

  beforeAll(async () => {
    for (let i = 0; i < LANES; i++) lanes.push(await Lane.open());
    console.log(
      `fuzz: ${TRIALS} trials from seed ${FIRST_SEED} on ${LANES} lanes (FUZZ_SEED=${FIRST_SEED} replays them)`,
    );
  });

  afterAll(async () => {
    for (const lane of lanes) await lane.close();
  });

  it(
    `${TRIALS} trials: silent on the untouched database, findings exactly where the generated types changed`,
    async () => {
      const started = performance.now();
      const outcomes: Outcome[] = [];
      let next = 0;
      await Promise.all(
        lanes.map(async (lane) => {
          while (next < TRIALS) outcomes.push(await lane.trial(FIRST_SEED + next++));
        }),
      );
      outcomes.sort((a, b) => a.seed - b.seed);
      const seconds = (performance.now() - started) / 1000;
      const base = outcomes.filter((o) => o.baseFindings.length);
      const fp = outcomes.filter((o) => o.falsePositives.length);
      const fn = outcomes.filter((o) => o.falseNegatives.length);
      const visible = outcomes.filter((o) => o.changed > 0).length;
      const rate = (n: number) => `${n}/${TRIALS} (${((100 * n) / TRIALS).toFixed(1)}%)`;
      console.log(
        `fuzz: seed ${FIRST_SEED}, ${TRIALS} trials in ${seconds.toFixed(1)} s (${((1000 * seconds) / TRIALS).toFixed(0)} ms per trial, ${LANES} lanes), ` +
          `${visible} changes visible in the generated types; untouched databases with findings: ${rate(base.length)}; ` +
          `false positives: ${rate(fp.length)}; false negatives: ${rate(fn.length)}; ` +
          `left alone by design (unknown → interval): ${outcomes.filter((o) => o.tolerated.length).length}`,
      );
      console.log(
        `fuzz: time by phase (summed over lanes): ${Object.entries(spent)
          .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
          .join(', ')}`,
      );
      const bad = outcomes.filter((o) => o.baseFindings.length || o.falsePositives.length || o.falseNegatives.length);
      for (const o of bad) console.log(`fuzz failure (FUZZ_SEED=${o.seed} FUZZ_TRIALS=1): ${JSON.stringify(o)}`);
      expect(bad).toEqual([]);
    },
    Math.max(600_000, TRIALS * 30_000),
  );
});
