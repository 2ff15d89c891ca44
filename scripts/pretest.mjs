#!/usr/bin/env node
// What `npm test` runs first: the build (the CLI tests run dist/), then the type check of src and tests, eslint and
// prettier side by side (each mostly waits on one core). Incremental and cached under node_modules/.cache, so a
// developer's second run only looks at what changed. Exits with the first failure's code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const run = (cmd, args) =>
  new Promise((resolve) => {
    // npm is a .cmd script on Windows, which only a shell starts.
    const child = spawn(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' && cmd === 'npm' });
    child.on('exit', (code) => resolve(code ?? 1));
  });

// The tools' own scripts under node, not node_modules/.bin shims: the same on Windows.
const tool = (path, args) =>
  run(process.execPath, [fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url)), ...args]);
const build = await run('npm', ['run', 'build', '--silent']);
if (build !== 0) process.exit(build);
const codes = await Promise.all([
  tool('typescript/bin/tsc', [
    '-p',
    'tsconfig.json',
    '--incremental',
    '--tsBuildInfoFile',
    'node_modules/.cache/tsc/test.tsbuildinfo',
  ]),
  tool('eslint/bin/eslint.js', ['--cache', '--cache-location', 'node_modules/.cache/eslint/', 'src', 'test']),
  tool('prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '--cache', 'src/**/*.ts', 'test/**/*.ts']),
]);
process.exit(codes.find((c) => c !== 0) ?? 0);
