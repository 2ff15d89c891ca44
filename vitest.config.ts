import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that must run with no other test file beside them: killing a shadow run leaves a database that any other
 * shadow run drops on sight (as it should), so the test of that cleanup runs after everything else, alone.
 */
const ALONE = ['test/hostile/replay-kill.test.ts'];

/**
 * The long tier (`npm run test:long`, run by `.ci/run` after `npm test`): files whose cost is waiting or whole-package
 * and whole-machine work rather than the code a change usually touches: `npm pack` and installs, statement bounds
 * waited out, a baseline built per case, a nested test run on a PostgreSQL started from npm's binaries. `npm test`
 * is the developer's loop (issue 14: at most 90 s on two cores); CI runs both.
 */
const LONG = [
  'test/harness.fresh-machine.test.ts',
  'test/packaging.test.ts',
  'test/packaging.app.test.ts',
  'test/embedded.cacheRuns.test.ts',
  'test/embedded.timeout.test.ts',
  'test/hostile/replay-timeout.test.ts',
];

/**
 * The fuzz, property, quoting and fix-mutation files: small counts (or a short list) in `npm test`, long ones again
 * in the long tier.
 */
const COUNTED = [
  'test/**/*fuzz*.test.ts',
  'test/**/*property*.test.ts',
  'test/quote.test.ts',
  'test/fix.mutation.test.ts',
];

/**
 * The long tier's counts, set here rather than in the npm script so `npm run test:long` runs the same on Windows;
 * a count already in the environment wins (`FUZZ_TRIALS=1000 npm run test:long`).
 */
const LONG_COUNTS: Record<string, string> = {
  FUZZ_TRIALS: process.env.FUZZ_TRIALS ?? '300',
  FUZZ_CASES: process.env.FUZZ_CASES ?? '1500',
  PROPERTY_RUNS: process.env.PROPERTY_RUNS ?? '200',
  MUTATION_CASES: process.env.MUTATION_CASES ?? 'all',
};

/**
 * Files that load the postgres-meta releases in process (test/support/generators.ts): those set node-postgres's
 * type parsers for all of the module graph they load into (int8 as a number, dates as text), so each runs in a
 * worker thread of its own (its own module graph). In the threads pool, beside the forks: a second project on the
 * forks pool, with other options, would wait until the first had run all its files (measured: 5 s later).
 */
const ISOLATED = [
  'test/check.hazards.test.ts',
  'test/check.oracle.test.ts',
  'test/corpus.test.ts',
  'test/fuzz.differential.test.ts',
];

/**
 * The longest files (measured alone: 17 to 3 s), started first, longest first: a long file that starts late runs on
 * alone at the end with the other core idle. Vitest orders by the last run's durations, which a run filtered to one
 * test rewrote (a developer's tree then started embedded.test.ts 74 s into an 82 s run), and a fresh clone has none.
 * The other files follow in Vitest's order.
 */
const LONGEST_FIRST = [
  'diff.emit',
  'embedded',
  'audit',
  'replay.session',
  'check.oracle',
  'diff.databases',
  'corpus',
  'cli',
  'embedded.replayCache',
  'check.hazards',
  'fix.mutation',
  'extensions.supabase',
  'lint.example',
  'platform.replay',
  'fix.example',
].map((name) => `/test/${name}.test.ts`);

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((suffix) => f.moduleId.endsWith(suffix));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const ordered = await super.sort(files);
    return ordered
      .map((file, i) => ({ file, i }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i)
      .map(({ file }) => file);
  }
}

/**
 * One worker per core, at least two (Vitest's default leaves one of two cores idle). One more than the cores was
 * measured too: on two cores a fresh clone's `.ci/run` took 9 min 17 s with 3 workers and 8 min 22 s with 2 (the
 * suite is CPU-bound there). TEST_WORKERS overrides (a whole number from 1; anything else is ignored).
 */
const asked = Math.floor(Number(process.env.TEST_WORKERS));
const WORKERS = asked >= 1 ? asked : Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker runs its files one after another in one process: the modules they share (the catalog reader, the
    // types parser, PGlite's loader) load once per worker instead of once per file, about a third of the CPU time
    // of the light files. Files restore what they change in process.env.
    isolate: false,
    maxWorkers: WORKERS,
    // As many as the most: with fewer, tinypool retires a worker that went idle while the others still run files,
    // and ends the run with "Unhandled Rejection: Terminating worker thread", leaving those workers running as
    // orphans (seen here with 3 workers and 3 files; vitest-dev/vitest#8564 reports the same).
    minWorkers: WORKERS,
    // `npm test` runs suite and isolated; `npm run test:long` runs long and alone.
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...ALONE, ...ISOLATED, ...LONG] },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true, pool: 'threads' } },
      // In a process of its own each: the counted files include the postgres-meta one (see ISOLATED).
      { extends: true, test: { name: 'long', include: [...LONG, ...COUNTED], isolate: true, env: LONG_COUNTS } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
