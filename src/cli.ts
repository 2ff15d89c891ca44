#!/usr/bin/env node
/** The `schema-drift` process: runs the program (program.ts) on its arguments and exits with its code. */
import { main } from './program.js';
import { quickWasmStart } from './wasmStart.js';

// A reader that stops early (`| head`) closes the pipe: nothing more to say, and not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
  throw err;
});

quickWasmStart();
main(process.argv).then((code) => {
  process.exitCode = code;
});
