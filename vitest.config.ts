import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Files that must run with no other test file beside them: killing a shadow run leaves a database that any other
 * shadow run drops on sight (as it should), so the test of that cleanup runs after everything else, alone.
 */
const ALONE = ['test/hostile/replay-kill.test.ts'];

/**
 * Files that load the postgres-meta releases in process (test/support/generators.ts): those set node-postgres's
 * type parsers for the whole process (int8 as a number, dates as text), so each runs in a process of its own.
 */
const OWN_PROCESS = [
  'test/check.hazards.test.ts',
  'test/check.oracle.test.ts',
  'test/corpus.test.ts',
  'test/fuzz.differential.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker runs its files one after another in one process: the modules they share (the catalog reader, the
    // types parser, PGlite's loader) load once per worker instead of once per file, about a third of the CPU time
    // of the light files. Files restore what they change in process.env.
    isolate: false,
    // Vitest's default leaves a core idle (one worker on two cores), but most tests wait on a child process, a
    // replay thread or the server: one worker per core, at least two. TEST_WORKERS overrides.
    maxWorkers: Number(process.env.TEST_WORKERS) || Math.max(2, availableParallelism()),
    minWorkers: 1,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...ALONE, ...OWN_PROCESS] } },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, isolate: true } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
