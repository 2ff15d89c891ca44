/**
 * Odd revisions and paths given to `diff --from/--to` and `audit --base/--head/--migrations` (an option-looking ref,
 * a DIR that leaves the repository, refs that do not exist or hold spaces or newlines), and a
 * `supabase/config.toml` that cannot be one (huge, binary, not a file): each is exit 2 with one line on stderr
 * saying what is wrong, nothing on stdout, nothing written in the repository, no temporary folder left.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdirEnv } from '../support/platform.js';
import { filesAt, readBlobs } from '../../src/introspect/gitRef.js';
import { filesUnder } from '../support/package-copy.js';
import { runCli } from './cli.js';

let repo: string;
let tmp: string;

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
}

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo });

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'sd-refs-'));
  repo = join(root, 'repo');
  tmp = join(root, 'tmp');
  mkdirSync(tmp);
  mkdirSync(repo);
  git('init', '-q', '-b', 'main');
  write('supabase/config.toml', '[api]\nschemas = ["public"]\n');
  write('supabase/migrations/001_a.sql', 'create table public.a (id integer primary key);\n');
  write('types.ts', 'export type Database = { public: { Tables: {} } }\n');
  git('add', '-A');
  git('commit', '-qm', 'init');
});

afterAll(() => {
  if (repo) rmSync(join(repo, '..'), { recursive: true, force: true });
});

/** Runs the CLI in the repository; asserts the one-line failure and that nothing was written or left behind. */
async function refused(args: string[]): Promise<string> {
  const before = filesUnder(repo);
  const r = await runCli(args, { cwd: repo, env: tmpdirEnv(tmp) });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^schema-drift: /);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(filesUnder(repo)).toEqual(before);
  expect(git('status', '--porcelain').toString()).toBe('');
  expect(readdirSync(tmp)).toEqual([]);
  return lines[0];
}

const TO = ['--to', 'supabase/migrations'];

describe('diff --from/--to with odd revisions and paths', () => {
  const CASES: Array<[string, string[], RegExp]> = [
    ['a value that looks like an option', ['--from', '-x', ...TO], /-x: not a connection URL/],
    ['a ref that looks like an option', ['--from', 'git:-x', ...TO], /git:-x: expected git:REF\[:DIR\]/],
    [
      'a ref that is a git option writing a file',
      ['--from', 'git:--output=out.txt', ...TO],
      /git:--output=out\.txt: expected git:REF/,
    ],
    ['DIR ..', ['--from', 'git:main:..', ...TO], /DIR must be a folder inside the repository/],
    ['DIR climbing out', ['--from', 'git:main:supabase/../../..', ...TO], /DIR must be a folder inside the repository/],
    ['an absolute DIR', ['--to', 'git:main:/etc', '--from', 'supabase/migrations'], /DIR must be a folder inside/],
    ['a DIR with a newline', ['--from', 'git:main:supabase/migrations\nx', ...TO], /DIR must be a folder inside/],
    ['a DIR not at the ref', ['--from', 'git:main:supabase/nope', ...TO], /git:main:supabase\/nope: no files in/],
    ['a ref that does not exist', ['--from', 'git:nope', ...TO], /nope: no such commit in the repository/],
    ['a ref with a space', ['--from', 'git:ma in', ...TO], /ma in: no such commit/],
    ['a ref with a newline', ['--from', 'git:main\nx', ...TO], /expected git:REF\[:DIR\]/],
    ['an empty ref', ['--from', 'git:', ...TO], /expected git:REF\[:DIR\]/],
  ];
  it.each(CASES)('%s', async (_name, args, message) => {
    expect(await refused(['diff', ...args])).toMatch(message);
  });

  it('a broken migration at a ref is named by the spec, not by the temporary checkout', async () => {
    write('supabase/migrations/002_bad.sql', 'create table public.b (;\n');
    git('add', '-A');
    git('commit', '-qm', 'bad');
    try {
      expect(await refused(['diff', '--from', 'git:main', ...TO])).toMatch(
        /^schema-drift: git:main\/002_bad\.sql:1: syntax error/,
      );
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  }, 60_000);
});

describe('a revision whose tree holds names no checkout can write', () => {
  /** A branch (never checked out) whose supabase/migrations holds a good file and one named `name`. */
  function hostileBranch(branch: string, name: string): void {
    const blob = (text: string) =>
      execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: text }).toString().trim();
    const mktree = (entries: string) =>
      execFileSync('git', ['mktree', '-z'], { cwd: repo, input: entries }).toString().trim();
    const good = blob('create table public.a (id integer primary key);\n');
    const evil = blob('create table public.evil (id integer);\n');
    const migrations = mktree(`100644 blob ${good}\t001_a.sql\u0000100644 blob ${evil}\t${name}\u0000`);
    const supabase = mktree(`040000 tree ${migrations}\tmigrations\u0000`);
    const top = mktree(`040000 tree ${supabase}\tsupabase\u0000`);
    const commit = git('commit-tree', top, '-p', 'main', '-m', 'hostile').toString().trim();
    git('update-ref', `refs/heads/${branch}`, commit);
  }
  const NAMES: Array<[string, string]> = [
    ['..', 'dotdot'],
    ['.', 'dot'],
    ['002_b\nc.sql', 'newline'],
    ['002_\u001b[31mred.sql', 'escape'],
  ];
  beforeAll(() => NAMES.forEach(([name, branch]) => hostileBranch(branch, name)));

  it.each(NAMES)(
    '%j: diff --from git:REF and audit --base REF exit 2 with one line, nothing left behind',
    async (_name, branch) => {
      expect(await refused(['diff', '--from', `git:${branch}`, ...TO])).toMatch(/not a file name git can check out/);
      expect(await refused(['audit', '--base', branch])).toMatch(/not a file name git can check out/);
    },
  );
});

describe('audit --base/--head/--migrations with odd revisions and paths', () => {
  const CASES: Array<[string, string[], RegExp]> = [
    ['a ref that looks like an option', ['--base', '-x'], /^schema-drift: --base -x: no such commit/],
    ['a git option writing a file', ['--base=--output=out.txt'], /--base --output=out\.txt: no such commit/],
    ['a ref that does not exist', ['--base', 'origin/nope'], /--base origin\/nope: no such commit/],
    ['a ref with a space', ['--base', 'ma in'], /--base ma in: no such commit/],
    ['a ref with a newline', ['--base', 'main\nx'], /--base main\\nx: not a revision name/],
    ['a tree, not a commit', ['--base', 'main:supabase'], /--base main:supabase: no such commit/],
    ['a head that does not exist', ['--base', 'main', '--head', '-x'], /--head -x: no such commit/],
    ['migrations outside the repository', ['--base', 'main', '--migrations', '../..'], /outside the repository/],
    ['migrations at an absolute path outside', ['--base', 'main', '--migrations', '/etc'], /outside the repository/],
  ];
  it.each(CASES)('%s', async (_name, args, message) => {
    expect(await refused(['audit', ...args])).toMatch(message);
  });
});

describe('a supabase/config.toml that cannot be one', () => {
  const COMMANDS = [
    ['check', '--types', 'types.ts'],
    ['diff', '--from', 'supabase/migrations', ...TO],
    ['audit', '--base', 'main'],
  ];
  const original = '[api]\nschemas = ["public"]\n';
  const withConfig = async (make: () => void, message: RegExp) => {
    const file = join(repo, 'supabase', 'config.toml');
    rmSync(file, { recursive: true, force: true });
    make();
    // The repository must look unchanged to git for "nothing written": the replacement is ignored there.
    git('update-index', '--assume-unchanged', 'supabase/config.toml');
    try {
      for (const args of COMMANDS) expect(await refused(args)).toMatch(message);
    } finally {
      git('update-index', '--no-assume-unchanged', 'supabase/config.toml');
      rmSync(file, { recursive: true, force: true });
      writeFileSync(file, original);
    }
  };

  it('50 MB of text', async () => {
    await withConfig(
      () => writeFileSync(join(repo, 'supabase', 'config.toml'), Buffer.alloc(50 << 20, '# a comment line\n')),
      /config\.toml: 50\.0 MB, too large for a config\.toml \(at most 1 MB\)$/,
    );
  }, 60_000);

  it('binary bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    await withConfig(() => writeFileSync(join(repo, 'supabase', 'config.toml'), bytes), /not a text file/);
  });

  it('valid UTF-8 with a NUL byte', async () => {
    await withConfig(
      () => writeFileSync(join(repo, 'supabase', 'config.toml'), '[api]\nschemas = ["pub\u0000lic"]\n'),
      /not a text file/,
    );
  });

  it('a folder named config.toml', async () => {
    await withConfig(() => mkdirSync(join(repo, 'supabase', 'config.toml')), /config\.toml: not a regular file$/);
  });

  it.runIf(process.platform !== 'win32')('a FIFO named config.toml (a read would block forever)', async () => {
    await withConfig(
      () => execFileSync('mkfifo', [join(repo, 'supabase', 'config.toml')]),
      /config\.toml: not a regular file$/,
    );
  });
});

describe('files read at a revision', () => {
  it('come back byte for byte from one git process: empty, binary, newlines, no final newline, many', () => {
    const contents: Record<string, Buffer> = {
      'empty.sql': Buffer.alloc(0),
      'binary.sql': Buffer.from([0, 10, 255, 10, 10, 13, 0x20, 0x6d, 0x69, 0x73, 0x73, 0x69, 0x6e, 0x67]),
      'lines.sql': Buffer.from('a\n\nb 100 blob\nmissing\n'),
      'open.sql': Buffer.from('no newline at the end'),
    };
    for (let i = 0; i < 40; i++) contents[`many_${String(i).padStart(2, '0')}.sql`] = Buffer.from(`select ${i};\n`);
    for (const [name, bytes] of Object.entries(contents)) write(`blobs/${name}`, bytes);
    git('add', '-A');
    git('commit', '-qm', 'blobs');
    const files = filesAt('HEAD', 'blobs', repo);
    expect(Object.fromEntries(files.map((f) => [f.name, f.content]))).toEqual(contents);
    expect(readBlobs([], repo)).toEqual([]);
    expect(() => readBlobs(['0'.repeat(40)], repo)).toThrow(/missing/);
  });
});
