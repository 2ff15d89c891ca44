#!/usr/bin/env node
// The benchmark (not a test): builds a 300-table schema on the server, generates its types with Supabase's
// generator, and measures `check` as a user runs it (whole process: start-up, parse, introspect, diff, report),
// catalog round trips at 30 and 300 tables, and migration replay (the embedded database cold and warm, beside
// --shadow-db on the same server) on the example project and on a generated 50-table, 33-migration project.
// Usage: npm run bench [-- --runs 7 --url postgres://postgres@127.0.0.1:5432/postgres]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { introspect } from '@supabase/postgrest-typegen/introspection';
import { generateTypescript, sortGeneratorMetadata } from '@supabase/postgrest-typegen/generation';
import { openReadOnly } from '../dist/introspect/live.js';
import { readCatalog } from '../dist/introspect/catalog.js';
import { quoteIdent } from '../dist/model/quote.js';
import { SUPABASE_BASELINE } from '../dist/supabase/baseline/index.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(flag('--runs', 7));
const ADMIN = flag('--url', process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'dist/cli.js');
const PEAK_RSS = join(root, 'bench/peak-rss.cjs');
const work = mkdtempSync(join(tmpdir(), 'sd-bench-'));

function schemaSql(tables) {
  const out = [`create type public.bench_state as enum ('new', 'open', 'closed');`];
  for (let i = 0; i < tables; i++) {
    const t = `t${String(i).padStart(3, '0')}`;
    const ref = i > 0 ? `t${String(i - 1).padStart(3, '0')}` : null;
    out.push(`create table public.${t} (
      id bigint generated always as identity primary key,
      parent_id bigint ${ref ? `references public.${ref} (id)` : ''},
      owner_id uuid not null,
      name text not null, description text, state public.bench_state not null default 'new',
      amount numeric(12, 2), ratio double precision, tags text[] not null default '{}', data jsonb,
      is_active boolean not null default true, due date, created_at timestamptz not null default now(),
      updated_at timestamptz, counter integer not null default 0);
    create index ${t}_parent_idx on public.${t} (parent_id);
    create index ${t}_owner_idx on public.${t} (owner_id, created_at desc);
    alter table public.${t} enable row level security;
    create policy ${t}_own on public.${t} for select using (owner_id = (select nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid);`);
  }
  return out.join('\n');
}

/**
 * The mutated copy for `diff`: a few columns dropped and added, indexes dropped, added and changed, policies
 * dropped, added and changed, functions added and changed. Returns the SQL and how many findings diff must give.
 */
function mutationSql() {
  const t = (i) => `public.t${String(i).padStart(3, '0')}`;
  const n = (i) => `t${String(i).padStart(3, '0')}`;
  const sql = [];
  let findings = 0;
  for (const i of [10, 50, 90, 130, 170]) { sql.push(`alter table ${t(i)} drop column description;`); findings++; }
  for (const i of [20, 60, 100, 140, 180]) { sql.push(`alter table ${t(i)} add column note text;`); findings++; }
  for (const i of [30, 70]) { sql.push(`drop index public.${n(i)}_parent_idx;`); findings++; }
  for (const i of [31, 71]) { sql.push(`create index ${n(i)}_name_idx on ${t(i)} (name);`); findings++; }
  for (const i of [32, 72]) { sql.push(`drop index public.${n(i)}_owner_idx; create index ${n(i)}_owner_idx on ${t(i)} (owner_id);`); findings++; }
  for (const i of [40, 80]) { sql.push(`drop policy ${n(i)}_own on ${t(i)};`); findings++; }
  for (const i of [41, 81]) { sql.push(`create policy ${n(i)}_insert on ${t(i)} for insert with check (is_active);`); findings++; }
  for (const i of [42, 82]) { sql.push(`drop policy ${n(i)}_own on ${t(i)}; create policy ${n(i)}_own on ${t(i)} for select using (is_active);`); findings++; }
  sql.push(`create function public.bench_total(p bigint) returns numeric language sql stable as 'select sum(amount) from public.t000 where id = p';`);
  sql.push(`create or replace function public.bench_touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;`);
  findings += 2;
  return { sql: sql.join('\n'), findings };
}
const BENCH_FUNCTION = `create function public.bench_touch() returns trigger language plpgsql as $$ begin return new; end $$;`;

/** A new empty database `name` on the server (dropped first if there), with `sqls` run in it in order; its URL. */
async function freshDb(name, sqls) {
  await dropDb(name);
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`create database ${quoteIdent(name)}`);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  const url = u.toString();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const sql of sqls) await c.query(sql);
  await c.end();
  return url;
}

const createDb = (name, tables, extra = '') => freshDb(name, [schemaSql(tables), ...(extra ? [extra] : [])]);

/**
 * Waits for the server to write out what the benchmark's own databases left dirty (a CHECKPOINT, run until done):
 * otherwise its checkpointer writes them during the next measurement, on the same two cores.
 */
async function settle() {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  try {
    await admin.query('checkpoint');
  } catch {
    // Not a superuser (nor pg_checkpoint on PostgreSQL 15+): measured without it.
  } finally {
    await admin.end();
  }
}

async function dropDb(name) {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  await admin.end();
}

async function generate(url) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const meta = await introspect(pool, { includedSchemas: ['public'] });
  await pool.end();
  return generateTypescript(sortGeneratorMetadata(meta), {});
}

/**
 * One whole-process run of the CLI: wall seconds (spawn to exit, as a user waits) and peak RSS (MiB), which the
 * preloaded peak-rss.cjs reports (GNU time's -f is Linux-only).
 */
function timeCli(cliArgs, env = {}) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', PEAK_RSS, CLI, ...cliArgs], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const secs = (performance.now() - started) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`check failed (${r.status}): ${r.stderr}`);
  const kib = Number([...r.stderr.matchAll(/sd-bench-peak-kib (\d+)/g)].pop()?.[1]);
  if (!kib) throw new Error(`no peak memory reported: ${r.stderr.slice(-300)}`);
  return { secs, mib: kib / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function roundTrips(url) {
  const conn = await openReadOnly(url);
  const started = performance.now();
  await readCatalog(conn.reader);
  const ms = performance.now() - started;
  await conn.close();
  return { trips: conn.reader.roundTrips, ms };
}

/** A Supabase-style project: 33 migration files creating 50 tables (enums, FKs, indexes, RLS, functions). */
function projectMigrations() {
  const files = [];
  const name = (i) => `p${String(i).padStart(2, '0')}`;
  files.push(`create type public.p_state as enum ('draft', 'live', 'gone');\ncreate extension if not exists pg_trgm with schema extensions;`);
  for (let f = 0; f < 25; f++) {
    const sql = [];
    for (const i of [2 * f, 2 * f + 1]) {
      const ref = i > 0 ? `references public.${name(i - 1)} (id) on delete cascade` : '';
      sql.push(`create table public.${name(i)} (
        id uuid primary key default gen_random_uuid(), parent_id uuid ${ref},
        owner_id uuid not null references auth.users (id), title text not null, body text,
        state public.p_state not null default 'draft', price numeric(10, 2), tags text[] not null default '{}',
        meta jsonb not null default '{}', created_at timestamptz not null default now(), updated_at timestamptz);
      create index ${name(i)}_owner on public.${name(i)} (owner_id, created_at desc);
      alter table public.${name(i)} enable row level security;
      create policy ${name(i)}_own on public.${name(i)} for all to authenticated using ((select auth.uid()) = owner_id);`);
    }
    files.push(sql.join('\n'));
  }
  for (let f = 0; f < 7; f++) {
    const sql = [];
    for (let i = f * 7; i < Math.min(50, f * 7 + 7); i++) {
      sql.push(`alter table public.${name(i)} add column score integer not null default 0;
      create index ${name(i)}_title_trgm on public.${name(i)} using gin (title extensions.gin_trgm_ops);`);
    }
    sql.push(`create or replace function public.touch_${f}() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$;`);
    sql.push(`create view public.v_${f} as select id, title, state from public.${name(f)} where state = 'live';`);
    files.push(sql.join('\n'));
  }
  return files;
}

async function generatedProject() {
  const dir = join(work, 'generated-migrations');
  mkdirSync(dir);
  const files = projectMigrations();
  files.forEach((sql, i) => writeFileSync(join(dir, `2024010${String(i).padStart(8, '0')}_step_${i}.sql`), sql));
  const name = 'sd_bench_generated';
  const url = await freshDb(name, [SUPABASE_BASELINE, ...files]);
  const types = join(work, 'generated-types.ts');
  writeFileSync(types, await generate(url));
  await dropDb(name);
  return { dir, types, files: files.length };
}

/** Embedded cold (an empty cache each run), warm, and --shadow-db, each the median of RUNS_REPLAY whole runs. */
function replayRuns(source) {
  const cmd = ['check', ...source, '--fail-on', 'never'];
  const cold = Array.from({ length: RUNS_REPLAY }, (_, i) => timeCli(cmd, { SCHEMA_DRIFT_CACHE_DIR: join(work, `cold-${Math.random()}-${i}`) }));
  const cache = join(work, 'warm-cache');
  timeCli(cmd, { SCHEMA_DRIFT_CACHE_DIR: cache });
  const warm = Array.from({ length: RUNS_REPLAY }, () => timeCli(cmd, { SCHEMA_DRIFT_CACHE_DIR: cache }));
  // Warm with the replay cache off: what a run costs when a migration changed (PostgreSQL starts and replays).
  const replayed = Array.from({ length: RUNS_REPLAY }, () => timeCli(cmd, { SCHEMA_DRIFT_CACHE_DIR: cache, SCHEMA_DRIFT_NO_CACHE: '1' }));
  const shadow = Array.from({ length: RUNS_REPLAY }, () => timeCli([...cmd, '--shadow-db', ADMIN]));
  const m = (rs) => median(rs.map((r) => r.secs));
  return {
    coldSecs: m(cold), warmSecs: m(warm), replayedSecs: m(replayed), shadowSecs: m(shadow),
    peakMiB: Math.max(...cold.map((r) => r.mib), ...replayed.map((r) => r.mib)), warmPeakMiB: Math.max(...warm.map((r) => r.mib)),
    shadowPeakMiB: Math.max(...shadow.map((r) => r.mib)),
  };
}

const RUNS_REPLAY = Number(flag('--replay-runs', 5));
const ONLY = flag('--only', null);
const results = {};

/** `diff --from URL --to URL` of two 300-table databases, whole process, median of 5; and its --emit. */
async function diffBench() {
  const mutation = mutationSql();
  const from = await createDb('sd_bench_diff_from', 300, BENCH_FUNCTION);
  const to = await createDb('sd_bench_diff_to', 300, `${BENCH_FUNCTION}\n${mutation.sql}`);
  try {
    const cmd = ['diff', '--from', from, '--to', to, '--format', 'json'];
    const check = spawnSync(process.execPath, [CLI, ...cmd], { encoding: 'utf8' });
    const found = JSON.parse(check.stdout).findings.length;
    if (check.status !== 1 || found !== mutation.findings)
      throw new Error(`diff gave ${found} findings (exit ${check.status}), expected ${mutation.findings}`);
    timeCli(cmd);
    const runs = Array.from({ length: 5 }, () => timeCli(cmd));
    const emit = Array.from({ length: 5 }, () => timeCli(['diff', '--from', from, '--to', to, '--emit', '--stdout', '--quiet']));
    return {
      findings: found,
      medianSecs: median(runs.map((r) => r.secs)),
      minSecs: Math.min(...runs.map((r) => r.secs)),
      maxSecs: Math.max(...runs.map((r) => r.secs)),
      peakMiB: Math.max(...runs.map((r) => r.mib)),
      emitMedianSecs: median(emit.map((r) => r.secs)),
    };
  } finally {
    await dropDb('sd_bench_diff_from');
    await dropDb('sd_bench_diff_to');
  }
}

function printDiff(d) {
  console.log(`diff --from URL --to URL, 300 tables each (${d.findings} differences), whole process, 5 runs: median ${d.medianSecs.toFixed(2)} s (min ${d.minSecs.toFixed(2)}, max ${d.maxSecs.toFixed(2)}), peak RSS ${d.peakMiB.toFixed(0)} MiB; with --emit --stdout: median ${d.emitMedianSecs.toFixed(2)} s`);
}

/** The example (the fixture and `migrations/`: 13 files) and a generated 33-file project, each replayed. */
async function replayBench() {
  const example = ['--migrations', join(root, 'fixtures/creator-platform/supabase/migrations'), '--migrations', join(root, 'migrations'),
    '--types', join(root, 'fixtures/creator-platform/lib/supabase/types.ts')];
  await settle();
  results.example = replayRuns(example);
  const generated = await generatedProject();
  await settle();
  results.generated = replayRuns(['--migrations', generated.dir, '--types', generated.types]);
}

function printReplays() {
  for (const [label, r] of [['example (fixture + migrations/, 13 files)', results.example], ['generated (33 files, 50 tables)', results.generated]]) {
    console.log(`replay, ${label}, median of ${RUNS_REPLAY}: embedded cold ${r.coldSecs.toFixed(2)} s (empty cache), replayed again ${r.replayedSecs.toFixed(2)} s (replay cache off), warm ${r.warmSecs.toFixed(2)} s (replay cache hit), peak RSS ${r.peakMiB.toFixed(0)} MiB replaying / ${r.warmPeakMiB.toFixed(0)} MiB warm; --shadow-db ${r.shadowSecs.toFixed(2)} s (peak RSS ${r.shadowPeakMiB.toFixed(0)} MiB); embedded/shadow ${(r.coldSecs / r.shadowSecs).toFixed(2)}x cold, ${(r.replayedSecs / r.shadowSecs).toFixed(2)}x replayed, ${(r.warmSecs / r.shadowSecs).toFixed(2)}x warm`);
  }
}

if (ONLY === 'replay') {
  try {
    await replayBench();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  printReplays();
  process.exit(0);
}

if (ONLY === 'diff') {
  printDiff(await diffBench());
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

// The replays first, before the 300-table databases exist: the server analyses those in the background for a while
// after they are made (autovacuum), on the same two cores. `--only replay` measures just these.
await replayBench();
const small = await createDb('sd_bench_30', 30);
const large = await createDb('sd_bench_300', 300);
try {
  const types = await generate(large);
  const typesFile = join(work, 'types.ts');
  writeFileSync(typesFile, types);
  results.typesLines = types.split('\n').length;

  await settle();
  timeCli(['check', '--db', large, '--types', typesFile]); // warm the OS file cache
  const runs = Array.from({ length: RUNS }, () => timeCli(['check', '--db', large, '--types', typesFile]));
  results.check300 = { medianSecs: median(runs.map((r) => r.secs)), minSecs: Math.min(...runs.map((r) => r.secs)), maxSecs: Math.max(...runs.map((r) => r.secs)), peakMiB: Math.max(...runs.map((r) => r.mib)) };

  const rt30 = await roundTrips(small);
  const rt300 = await roundTrips(large);
  results.roundTrips = { at30: rt30.trips, at300: rt300.trips, catalogMsAt30: Math.round(rt30.ms), catalogMsAt300: Math.round(rt300.ms) };

  results.diff300 = await diffBench();
} finally {
  await dropDb('sd_bench_30');
  await dropDb('sd_bench_300');
  rmSync(work, { recursive: true, force: true });
}

console.log(`types.ts for 300 tables: ${results.typesLines} lines (written by @supabase/postgrest-typegen)`);
console.log(`check --db, 300 tables, whole process, ${RUNS} runs: median ${results.check300.medianSecs.toFixed(2)} s (min ${results.check300.minSecs.toFixed(2)}, max ${results.check300.maxSecs.toFixed(2)}), peak RSS ${results.check300.peakMiB.toFixed(0)} MiB`);
console.log(`catalog round trips: ${results.roundTrips.at30} at 30 tables, ${results.roundTrips.at300} at 300 tables (catalog read ${results.roundTrips.catalogMsAt30} ms / ${results.roundTrips.catalogMsAt300} ms)`);
printReplays();
printDiff(results.diff300);
if (results.roundTrips.at30 !== results.roundTrips.at300) {
  console.error('round trips grow with the schema');
  process.exitCode = 1;
}
