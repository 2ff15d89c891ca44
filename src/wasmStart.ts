/**
 * The WebAssembly this tool runs (PGlite's PostgreSQL, ~9 MB of code, and libpg-query) is compiled by V8's baseline
 * compiler only. By default V8 also recompiles hot functions with its optimizing compiler in the background: for a
 * run of a second or two on two cores that work competes with the replay and never pays back. Measured: the
 * example's embedded check 1.06 s instead of 1.64 s and 231 MiB instead of 318 MiB; a 300-table replay the same
 * time with 100 MiB less; `check --db` on 300 tables 0.61 s instead of 0.68 s. The flag is process-wide and must
 * be set before the first module is compiled; SCHEMA_DRIFT_WASM_TIERUP=1 keeps V8's default.
 */
import { setFlagsFromString } from 'node:v8';

let done = false;

export function quickWasmStart(): void {
  if (done || process.env.SCHEMA_DRIFT_WASM_TIERUP) return;
  done = true;
  setFlagsFromString('--liftoff-only');
}
