/** Tests that need what only some platforms have: they run where it is, and elsewhere skip saying why. */
import { it } from 'vitest';

/** `it` where `available`, else `it.skip` with the reason printed. */
export function itWhere(available: boolean, reason: string): typeof it.skip {
  if (!available) console.warn(`skipping on ${process.platform}: ${reason}`);
  return available ? it : it.skip;
}

export const onWindows = process.platform === 'win32';

/** Environment that makes `os.tmpdir()` return `dir`: TMPDIR on POSIX, TMP and TEMP on Windows. */
export const tmpdirEnv = (dir: string) => ({ TMPDIR: dir, TMP: dir, TEMP: dir });

/**
 * `npm …` as a command and its arguments, started without a shell: npm's own script under this Node when npm
 * started the run (not pnpm's or yarn's, which set the same variable) (npm is a .cmd on Windows, which only a shell starts), else `npm` from PATH.
 */
export function npmCommand(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /[\\/]npm-cli\.js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
}
