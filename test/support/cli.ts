/**
 * The built CLI's program (`dist/program.js`, which `dist/cli.js` runs as a process) called in this process, with
 * its output captured, the environment and folder it asks for, and its exit code. A child costs 0.15–0.25 s of CPU
 * to start Node and load the modules again, about 200 times in a run of the suite (issue 14: `npm test` on two
 * cores); what only a process shows (the exit code as the shell sees it, a pipe closed early, signals, a terminal)
 * is tested on `dist/cli.js` in a child (test/cli.test.ts and a few others). Runs are queued: the program writes to
 * this process's stdout and stderr and reads its environment.
 */
const PROGRAM = new URL('../../dist/program.js', import.meta.url).href;

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** What every run gets unless the test says otherwise: no database from the developer's environment. */
const BASE_ENV = { DATABASE_URL: '', SUPABASE_DB_URL: '' };

export interface InProcessOptions {
  /** Variables to set for the run (undefined removes one); DATABASE_URL and SUPABASE_DB_URL are empty unless given. */
  env?: Record<string, string | undefined>;
  /** The folder the run starts in. */
  cwd?: string;
}

let queue: Promise<unknown> = Promise.resolve();

export function runInProcess(args: string[], opts: InProcessOptions = {}): Promise<CliResult> {
  const run = queue.then(() => runNow(args, opts));
  queue = run.catch(() => {});
  return run;
}

type Write = typeof process.stdout.write;

async function runNow(args: string[], opts: InProcessOptions): Promise<CliResult> {
  const { main } = (await import(PROGRAM)) as { main(argv: string[]): Promise<number> };
  const env: Record<string, string | undefined> = { ...BASE_ENV, ...opts.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const savedWrites = { out: process.stdout.write, err: process.stderr.write };
  const savedExitCode = process.exitCode;
  const captured = { stdout: '', stderr: '' };
  const capture =
    (stream: 'stdout' | 'stderr'): Write =>
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    };
  try {
    setEnv(env);
    if (opts.cwd) process.chdir(opts.cwd);
    process.exitCode = undefined;
    process.stdout.write = capture('stdout');
    process.stderr.write = capture('stderr');
    const status = await main(['node', 'schema-drift', ...args]);
    return { status, ...captured };
  } finally {
    process.stdout.write = savedWrites.out;
    process.stderr.write = savedWrites.err;
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
    setEnv(savedEnv);
  }
}

function setEnv(env: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
}
