/**
 * Differential fuzzing against Supabase's generator. Each trial builds a random schema (test/support/randomSchema.ts),
 * writes types.ts with the generator, and requires `check` to be silent on the untouched database; then it makes
 * one random change, writes types.ts again, and requires findings exactly on the objects whose generated types
 * changed (old vs new file, object by object), none elsewhere.
 *
 * FUZZ_TRIALS sets the number of trials (default 12), FUZZ_SEED the first seed (default: random, printed);
 * FUZZ_GENERATORS=all draws the generator release per trial from all five instead of postgrest-typegen only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { parseDeclaration } from '../src/typeparse/parseTypes.js';
import type { TypeTree } from '../src/typeparse/typeTree.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { GENERATORS, generateWith, type Generator } from './support/generators.js';
import { buildSchema, EXPOSED, randomMutation, rng } from './support/randomSchema.js';

const server = await resolveServer();
if (!server) console.warn('skipping differential fuzzing: no PostgreSQL server');
const TRIALS = Number(process.env.FUZZ_TRIALS ?? 12);
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
 * key the generator repeats through a view of the referenced table is the table's key.
 */
function objectsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const schema of parseDeclaration(text, 'types.ts').members) {
    if (schema.type.kind !== 'object') continue;
    const sections = new Map(schema.type.members.map((m) => [m.name, m.type]));
    const functions = new Set(membersOf(sections.get('Functions')).map((m) => m.name));
    const views = new Set(membersOf(sections.get('Views')).map((m) => m.name));
    const rowShapes = new Set(
      [...membersOf(sections.get('Tables')), ...membersOf(sections.get('Views'))].map((m) =>
        namesOf(partOf(m.type, 'Row')),
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

interface Outcome {
  seed: number;
  generator: Generator;
  kind: string;
  sql: string;
  baseFindings: string[];
  falsePositives: string[];
  falseNegatives: string[];
  changed: number;
}

describe.runIf(server)('differential fuzzing against the generator', () => {
  let db: TestDatabase;
  let dir: string;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('sd_fuzz');
    dir = mkdtempSync(join(tmpdir(), 'sd-fuzz-'));
    console.log(`fuzz: ${TRIALS} trials from seed ${FIRST_SEED} (FUZZ_SEED=${FIRST_SEED} replays them)`);
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function exec(sql: string): Promise<void> {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  }

  async function check(text: string, name: string): Promise<string[]> {
    const file = join(dir, name);
    writeFileSync(file, text);
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'live', url: db.url },
      typesFile: file,
      config: {},
    });
    return report.findings.map((f) => `${f.schema}.${f.object}`);
  }

  it(
    `${TRIALS} trials: silent on the untouched database, findings exactly where the generated types changed`,
    async () => {
      const started = Date.now();
      for (let i = 0; i < TRIALS; i++) {
        const seed = FIRST_SEED + i;
        const r = rng(seed);
        const generator = r.pick(POOL);
        const { sql, state } = buildSchema(r);
        await exec(RESET);
        for (const statement of sql) await exec(statement);
        const before = await generateWith(generator, db.url, [...EXPOSED]);
        const baseFindings = await check(before, `base-${seed}.ts`);

        // A change that applies (some random ones do not, e.g. a type change PostgreSQL cannot cast).
        let mutation = randomMutation(r, state);
        for (let tries = 0; ; tries++) {
          try {
            await exec(`begin; ${mutation.sql}; commit;`);
            break;
          } catch {
            await exec('rollback').catch(() => {});
            if (tries > 20) throw new Error(`seed ${seed}: no mutation applies`);
            mutation = randomMutation(r, state);
          }
        }
        const after = await generateWith(generator, db.url, [...EXPOSED]);
        const changed = changedObjects(before, after);
        const found = new Set(await check(before, `stale-${seed}.ts`));
        outcomes.push({
          seed,
          generator,
          kind: mutation.kind,
          sql: mutation.sql,
          baseFindings,
          falsePositives: [...found].filter((k) => !changed.has(k)),
          falseNegatives: [...changed].filter((k) => !found.has(k)),
          changed: changed.size,
        });
      }
      const ms = (Date.now() - started) / TRIALS;
      const base = outcomes.filter((o) => o.baseFindings.length);
      const fp = outcomes.filter((o) => o.falsePositives.length);
      const fn = outcomes.filter((o) => o.falseNegatives.length);
      const visible = outcomes.filter((o) => o.changed > 0).length;
      console.log(
        `fuzz: ${TRIALS} trials, ${ms.toFixed(0)} ms per trial, ${visible} changes visible in the generated types; untouched databases with findings: ${base.length}; ` +
          `mutations with false positives: ${fp.length}, with false negatives: ${fn.length}`,
      );
      const bad = outcomes.filter((o) => o.baseFindings.length || o.falsePositives.length || o.falseNegatives.length);
      for (const o of bad) console.log(`fuzz failure (FUZZ_SEED=${o.seed} FUZZ_TRIALS=1): ${JSON.stringify(o)}`);
      expect(bad).toEqual([]);
    },
    Math.max(600_000, TRIALS * 60_000),
  );
});
