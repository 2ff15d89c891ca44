/**
 * Fuzzing types.ts input along the code path `check` runs: random bytes, and random deletions, insertions and
 * duplications in the fixture's generated types.ts. Whatever the input: no crash (only an InputError, which the
 * CLI turns into exit 2), every error one line, and a model that compares and renders. A few cases also run
 * through the CLI in a child process: exit 0, 1 or 2 only, at most one line on stderr besides notices.
 *
 * FUZZ_CASES sets the number of in-process cases; FUZZ_SEED replays a run. The default (200) keeps this file near
 * 15 s on a busy 2-core machine (most mutations are syntax errors, which go to the TypeScript compiler); CI's long
 * run sets FUZZ_CASES=1000 or more.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/config.js';
import { compareModels, defaultSchemas } from '../../src/diff/compare.js';
import { InputError } from '../../src/errors.js';
import { buildModel } from '../../src/introspect/catalog.js';
import { readSource, type CatalogSnapshot } from '../../src/introspect/source.js';
import { renderJson } from '../../src/report/json.js';
import { renderText } from '../../src/report/text.js';
import { parseTypesText } from '../../src/typeparse/parseTypes.js';
import { createTestDatabase, resolveServer, type TestDatabase } from '../support/db.js';
import { applyProject, FIXTURE_MIGRATIONS, FIXTURE_TYPES } from '../support/fixture.js';
import { runCli, scratch } from './cli.js';

const CASES = Number(process.env.FUZZ_CASES || 200);
const SEED = Number(process.env.FUZZ_SEED || Date.now() % 1_000_000);
const CHILD_CASES = 4;
const server = await resolveServer();
if (!server) console.warn('skipping types.ts fuzzing: no PostgreSQL server to compare against');

/** mulberry32: small, seeded, good enough to spread mutations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that matter to the parsers: brackets, quotes, escapes, comments, keywords, odd characters. */
const FRAGMENTS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '|',
  '&',
  ':',
  ';',
  ',',
  '?',
  '"',
  "'",
  '`',
  '\\',
  '\\u{110000}',
  '\\x',
  '/*',
  '*/',
  '//',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u202e',
  '\ufeff',
  '\x1b[2K',
  'Database',
  'export type Database = {',
  'interface Database {',
  'never',
  'null',
  'string',
  'number',
  '[_ in never]: never',
  'Database["public"]["Enums"]["x"]',
  'readonly ',
  'constructor',
  '__proto__',
  'Row: {',
  'Insert: {',
  'Relationships: [',
  'Functions: {',
  '| null',
  '💥',
  '-1',
  '1e309',
  '${',
  'typeof ',
];

function mutate(base: string, next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const at = () => Math.floor(next() * (text.length + 1));
  let text = base;
  const kind = next();
  if (kind < 0.1) {
    // Random bytes, read as the file reader would (UTF-8 with replacement).
    const bytes = Buffer.alloc(Math.floor(next() * 3000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    return bytes.toString('utf8');
  }
  const edits = 1 + Math.floor(next() * 8);
  for (let e = 0; e < edits; e++) {
    const op = next();
    const i = at();
    if (op < 0.35) {
      const len = Math.floor(next() * (next() < 0.8 ? 20 : 2000));
      text = text.slice(0, i) + text.slice(i + len);
    } else if (op < 0.75) {
      text = text.slice(0, i) + pick(FRAGMENTS).repeat(next() < 0.05 ? 300 : 1) + text.slice(i);
    } else if (op < 0.9) {
      const len = Math.floor(next() * 400);
      text = text.slice(0, i) + text.slice(i, i + len) + text.slice(i);
    } else {
      text = text.slice(0, i) + String.fromCharCode(Math.floor(next() * 0x3000)) + text.slice(i);
    }
  }
  return text;
}

describe.runIf(server)('types.ts fuzzing', () => {
  let db: TestDatabase;
  let snapshot: CatalogSnapshot;
  const base = readFileSync(FIXTURE_TYPES, 'utf8');
  const s = scratch('sd-fuzz-');

  beforeAll(async () => {
    db = await createTestDatabase('sd_fuzz');
    await applyProject(db, [FIXTURE_MIGRATIONS]);
    snapshot = await readSource({ kind: 'live', url: db.url });
  });
  afterAll(async () => db?.drop());

  it(
    `${CASES} mutated files (seed ${SEED}): no crash, one-line errors, models that compare and render`,
    async () => {
      const next = rng(SEED);
      const outcomes = { parsed: 0, refused: 0 };
      const started = Date.now();
      for (let n = 0; n < CASES; n++) {
        // Let the test runner's messages through now and then: a long synchronous loop starves them.
        if (n % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
        const text = mutate(base, next);
        const where = `case ${n} of seed ${SEED} (FUZZ_SEED=${SEED} FUZZ_CASES=${n + 1} replays it)`;
        try {
          const types = parseTypesText(text, 'types.ts');
          const schemas = defaultSchemas(types);
          const model = buildModel(snapshot.rows, [...new Set([...types.schemas, ...schemas])]);
          const findings = applyConfig(compareModels(types, model, schemas), {}, () => {});
          const report = { database: { kind: 'live' as const, label: 'db' }, types: 'types.ts', findings };
          renderText(report);
          JSON.parse(renderJson(report));
          outcomes.parsed++;
        } catch (err) {
          if (!(err instanceof InputError))
            throw new Error(`${where}: crashed with ${(err as Error)?.stack ?? err}`, { cause: err });
          expect(err.message, where).not.toMatch(/\n/);
          expect(err.message, where).toMatch(/^types\.ts(:\d+)?: /);
          outcomes.refused++;
        }
      }
      console.log(
        `types.ts fuzz: ${CASES} cases in ${Date.now() - started} ms (seed ${SEED}): ${outcomes.parsed} parsed, ${outcomes.refused} refused`,
      );
      expect(outcomes.parsed + outcomes.refused).toBe(CASES);
    },
    CASES * 250 + 30_000,
  );

  it(`${CHILD_CASES} mutated files through the CLI: exit 0, 1 or 2 only, at most one line on stderr`, async () => {
    const next = rng(SEED + 1);
    for (let n = 0; n < CHILD_CASES; n++) {
      const file = s.file(
        `fuzz-${n}.ts`,
        n === 0 ? Buffer.from(Array.from({ length: 4000 }, () => Math.floor(next() * 256))) : mutate(base, next),
      );
      const r = await runCli(['check', '--db', db.url, '--types', file]);
      const where = `child case ${n} of seed ${SEED}: ${r.stderr}`;
      expect([0, 1, 2], where).toContain(r.code);
      expect(r.errorLines.length, where).toBeLessThanOrEqual(1);
      expect(r.stderr, where).not.toMatch(/internal error|\n\s+at /);
    }
  }, 120_000);
});
