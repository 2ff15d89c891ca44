/**
 * The corpus: small projects in the shapes real ones have (test/corpus/<case>/: migrations/, types.ts as a chosen
 * generator release wrote it, expected.json). Each gives exactly its expected findings from a live database
 * (PostgreSQL 15, Supabase baseline + migrations) and from the embedded database replaying its migrations.
 *
 * `npm run corpus:types` (SCHEMA_DRIFT_WRITE_CORPUS=1) writes each case's types.ts with its generator; the files
 * are committed, so a run without the variable only reads them.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import type { Finding } from '../src/findings/finding.js';
import { DatabasePool } from './support/databases.js';
import { resolveServer, type TestDatabase } from './support/db.js';
import { applyProject } from './support/fixture.js';
import { generateWith, type Generator } from './support/generators.js';

const CORPUS = fileURLToPath(new URL('./corpus', import.meta.url));
const WRITE = process.env.SCHEMA_DRIFT_WRITE_CORPUS === '1';
const server = await resolveServer();
if (!server) console.warn('skipping the corpus: no PostgreSQL server');

interface Case {
  about: string;
  generator: Generator;
  schemas: string[];
  /** Migration folders the types were generated from (the case's own, plus any not committed). */
  typesFrom: string[];
  /** Only migrations whose file names sort before this were applied when the types were generated. */
  typesBefore?: string;
  findings: Array<{ code: string; schema: string; object: string; column?: string }>;
}

const cases = readdirSync(CORPUS)
  .filter((d) => existsSync(join(CORPUS, d, 'expected.json')))
  .sort();
const load = (name: string) => JSON.parse(readFileSync(join(CORPUS, name, 'expected.json'), 'utf8')) as Case;
const project = (f: Finding) => ({
  code: f.code,
  schema: f.schema,
  object: f.object,
  ...(f.column !== undefined ? { column: f.column } : {}),
});
const order = <T extends { code: string; object: string; column?: string }>(xs: T[]) =>
  [...xs].sort((a, b) =>
    `${a.code} ${a.object} ${a.column ?? ''}`.localeCompare(`${b.code} ${b.object} ${b.column ?? ''}`),
  );

describe.runIf(server)('the corpus', () => {
  const pool = new DatabasePool();
  afterAll(() => pool.dropAll());

  async function databaseWith(dirs: string[]): Promise<TestDatabase> {
    const db = await pool.create('sd_corpus');
    await applyProject(db, dirs);
    return db;
  }
  // Each case's live database, made while the tests before it run (a failure is reported by the case's test).
  let live: Promise<TestDatabase>[];
  beforeAll(() => {
    live = pool.prepare(cases, (name) => databaseWith([join(CORPUS, name, 'migrations')]));
  });

  // Defined only when asked for (npm run corpus:types), so a normal run skips nothing.
  if (WRITE)
    it.each(cases)('%s: write types.ts with its generator', async (name) => {
      const c = load(name);
      let dirs = c.typesFrom.map((d) => join(CORPUS, name, d));
      if (c.typesBefore) {
        const only = mkdtempSync(join(tmpdir(), 'sd-corpus-'));
        for (const dir of dirs)
          for (const f of readdirSync(dir)) if (f < c.typesBefore) copyFileSync(join(dir, f), join(only, f));
        dirs = [only];
      }
      const db = await databaseWith(dirs);
      writeFileSync(join(CORPUS, name, 'types.ts'), await generateWith(c.generator, db.url, c.schemas));
    });

  it.each(cases.map((name, i) => [name, i] as const))(
    '%s: exactly the expected findings from a live database',
    async (name, i) => {
      const c = load(name);
      const db = await live[i];
      const report = await runCheck({
        only: 'structural',
        source: { kind: 'live', url: db.url },
        typesFile: join(CORPUS, name, 'types.ts'),
        config: {},
      });
      expect(order(report.findings.map(project))).toEqual(order(c.findings));
    },
  );

  it.each(cases)('%s: exactly the expected findings from the embedded database', async (name) => {
    const c = load(name);
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'migrations', dirs: [join(CORPUS, name, 'migrations')] },
      typesFile: join(CORPUS, name, 'types.ts'),
      config: {},
      notice: () => {},
    });
    expect(order(report.findings.map(project))).toEqual(order(c.findings));
  });
});

// Every case has what the runner needs (a case folder missing its types.ts is a corpus not yet written).
describe('corpus layout', () => {
  it.each(cases)('%s has migrations/ and types.ts', (name) => {
    expect(existsSync(join(CORPUS, name, 'migrations'))).toBe(true);
    expect(existsSync(join(CORPUS, name, 'types.ts')) || WRITE).toBe(true);
  });
});
