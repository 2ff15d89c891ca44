/**
 * `schema-drift diff`: two databases built from SQL pairs give exactly the expected findings, per case on
 * PostgreSQL 15 and all cases at once on the embedded database (PostgreSQL 18 in PGlite); and the example app's
 * completed database compared with its own migrations is empty.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSourceSpec, runDiff } from '../src/commands/diff.js';
import { quoteIdent } from '../src/model/quote.js';
import { CASES, SETUP_ROLES } from './corpus-diff/cases.js';
import { runInProcess } from './support/cli.js';
import { DatabasePool, onServer } from './support/databases.js';
import { emptySchema, serverOrSkipReason, type TestDatabase } from './support/db.js';

const server = await serverOrSkipReason();
const FIXTURE = fileURLToPath(new URL('../fixtures/creator-platform/supabase/migrations', import.meta.url));
const COMPLETION = fileURLToPath(new URL('../migrations', import.meta.url));

const keys = (findings: { key: string }[]) => findings.map((f) => f.key).sort();

/** A folder holding one migration with this text. */
function folder(sql: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sd-diff-'));
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm', '20240101000000_case.sql'), sql);
  return join(dir, 'm');
}

describe.runIf(server)('diff on PostgreSQL 15, one case at a time', () => {
  const pool = new DatabasePool();
  beforeAll(() => onServer(SETUP_ROLES));
  afterAll(() => pool.dropAll());

  /** Back to a new database: public's objects dropped, and the publications a case makes outside any schema. */
  async function empty(db: TestDatabase): Promise<void> {
    await emptySchema(db, 'public');
    const pubs = await db.query<{ pubname: string }>('select pubname from pg_publication');
    if (pubs.length) await db.exec(pubs.map((p) => `drop publication ${quoteIdent(p.pubname)}`).join(';\n'));
  }

  // The cases share one FROM and one TO, emptied after each case (no CREATE and DROP DATABASE per case: a drop
  // forces a checkpoint on the shared server). A pair that cannot be emptied is left for the next case to replace.
  let shared: Promise<TestDatabase[]> | undefined;
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    shared ??= Promise.all([pool.create('sd_diff_from'), pool.create('sd_diff_to')]);
    const [from, to] = await shared;
    try {
      await Promise.all([c.before && from.exec(c.before), c.after && to.exec(c.after)]);
      const { report } = await runDiff({ from: parseSourceSpec(from.url), to: parseSourceSpec(to.url), config: {} });
      expect(keys(report.findings)).toEqual([...c.expected].sort());
      // Each finding shows both sides where both exist.
      for (const f of report.findings) {
        if (f.code.endsWith('_differs')) expect(f.expected !== undefined && f.actual !== undefined, f.key).toBe(true);
      }
    } finally {
      await Promise.all([empty(from), empty(to)]).catch(() => (shared = undefined));
    }
  });

  it('a database compared with itself is empty, and the CLI exits 0 on it, 1 on a difference', async () => {
    const [a, b] = await Promise.all([pool.create('sd_diff_a'), pool.create('sd_diff_b')]);
    const all = CASES.map((c) => c.after).join('\n');
    await Promise.all([a.exec(all), b.exec(`${all}\ncreate table extra (id int);`)]);
    // The two runs are independent: side by side.
    const [same, differ] = await Promise.all([
      runInProcess(['diff', '--from', a.url, '--to', a.url]),
      runInProcess(['diff', '--from', a.url, '--to', b.url, '--format', 'json']),
    ]);
    expect(same.stdout).toContain('In sync');
    expect(same.status).toBe(0);
    expect(differ.status).toBe(1);
    const report = JSON.parse(differ.stdout);
    expect(report.findings.map((f: { key: string }) => f.key)).toEqual(['table_missing_in_from:public.extra']);
    expect(report.to.kind).toBe('live');
  });
});

describe('diff on the embedded database', () => {
  it('all cases at once give the union of their findings', async () => {
    const before = folder([SETUP_ROLES, ...CASES.map((c) => c.before)].join('\n'));
    const after = folder([SETUP_ROLES, ...CASES.map((c) => c.after)].join('\n'));
    const { report } = await runDiff({
      from: parseSourceSpec(before),
      to: parseSourceSpec(after),
      config: {},
      notice: () => {},
    });
    expect(keys(report.findings)).toEqual(CASES.flatMap((c) => c.expected).sort());
  }, 180_000);

  it('a folder that only adds migrations to the other is replayed onto its database, either way round (one PostgreSQL start)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sd-diff-cont-'));
    const write = (name: string, files: Record<string, string>) => {
      mkdirSync(join(root, name));
      for (const [file, sql] of Object.entries(files)) writeFileSync(join(root, name, file), sql);
      return join(root, name);
    };
    const first = { '20240101000000_a.sql': 'create table public.a (id int primary key);\n' };
    const main = write('main', first);
    const branch = write('branch', { ...first, '20240102000000_b.sql': 'create table public.b (id int);\n' });
    const early = write('early', { ...first, '20231231000000_e.sql': 'create table public.b (id int);\n' });
    // Without the replay cache (one run's replay would serve the next): what each run starts is the point here.
    const timing = { SCHEMA_DRIFT_TIMING: '1', SCHEMA_DRIFT_NO_CACHE: '1' };
    const starts = (stderr: string) => stderr.match(/timing: PostgreSQL ready/g)?.length;
    const found = (stdout: string) => JSON.parse(stdout).findings.map((f: { key: string }) => f.key);
    const [forward, backward, reordered] = await Promise.all([
      runInProcess(['diff', '--from', main, '--to', branch, '--format', 'json'], { env: timing }),
      runInProcess(['diff', '--from', branch, '--to', main, '--format', 'json'], { env: timing }),
      runInProcess(['diff', '--from', main, '--to', early, '--format', 'json'], { env: timing }),
    ]);
    expect([starts(forward.stderr), starts(backward.stderr), starts(reordered.stderr)]).toEqual([1, 1, 2]);
    expect(found(forward.stdout)).toEqual(['table_missing_in_from:public.b']);
    expect(found(backward.stdout)).toEqual(['table_missing_in_to:public.b']);
    expect(found(reordered.stdout)).toEqual(['table_missing_in_from:public.b']);
    // With the cache: the first run keeps FROM's catalog, the second reads it and keeps TO's, the third starts nothing.
    const cached = { SCHEMA_DRIFT_TIMING: '1', SCHEMA_DRIFT_CACHE_DIR: join(root, 'cache') };
    const runs = [];
    for (let i = 0; i < 3; i++)
      runs.push(await runInProcess(['diff', '--from', main, '--to', branch, '--format', 'json'], { env: cached }));
    expect(runs.map((r) => starts(r.stderr) ?? 0)).toEqual([1, 1, 0]);
    for (const r of runs) expect(found(r.stdout)).toEqual(['table_missing_in_from:public.b']);
  }, 120_000);

  it('the example app: the fixture vs the fixture + migrations/ lists what migrations/ adds; the same folders give nothing', async () => {
    const spec = (dirs: string[]) => ({ text: dirs.join('+'), source: { kind: 'migrations' as const, dirs } });
    const { report } = await runDiff({
      from: spec([FIXTURE]),
      to: spec([FIXTURE, COMPLETION]),
      config: {},
      notice: () => {},
    });
    const codes = new Set(report.findings.map((f) => f.code));
    // migrations/ adds tables (with their indexes and policies), profile columns (with their checks), enums,
    // functions and grants; the only thing it takes away is table-wide UPDATE on profiles (column grants instead).
    for (const code of [
      'table_missing_in_from',
      'column_missing_in_from',
      'enum_missing_in_from',
      'function_missing_in_from',
      'grant_missing_in_from',
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(
      report.findings.filter((f) => f.key.startsWith('column_missing_in_from:public.profiles.')).length,
    ).toBeGreaterThanOrEqual(14);
    // What it takes away are privileges only (table-wide UPDATE on profiles, TRUNCATE/TRIGGER/REFERENCES from the API roles).
    const removed = report.findings.filter((f) => /_missing_in_to$/.test(f.code));
    expect(removed.filter((f) => f.kind !== 'grant').map((f) => f.key)).toEqual([]);
    expect(removed.map((f) => f.key)).toContain('grant_missing_in_to:public.profiles."authenticated:UPDATE"');
    const same = await runDiff({
      from: spec([FIXTURE, COMPLETION]),
      to: spec([FIXTURE, COMPLETION]),
      config: {},
      notice: () => {},
    });
    expect(same.report.findings).toEqual([]);
  }, 240_000);
});
