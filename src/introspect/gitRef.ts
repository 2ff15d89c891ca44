/**
 * `git:REF[:DIR]`: a migrations folder as it is at a git revision, read with git itself (ls-tree and cat-file)
 * into a temporary folder. The working tree and the index are never touched, so a dirty checkout is safe.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, posix } from 'node:path';
import { InputError } from '../errors.js';

export interface GitRefSpec {
  ref: string;
  dir: string;
}

/** `git:main`, `git:main:supabase/migrations`, `git:HEAD~1:db/migrations`. */
export function parseGitSpec(spec: string, defaultDir: string): GitRefSpec {
  const rest = spec.slice('git:'.length);
  const colon = rest.indexOf(':');
  const ref = colon < 0 ? rest : rest.slice(0, colon);
  const dir = colon < 0 ? defaultDir : rest.slice(colon + 1);
  // A ref starting with '-' would be read by git as an option; no ref or path holds a control character.
  if (!ref || ref.startsWith('-') || CONTROL.test(ref))
    throw new InputError(`${spec}: expected git:REF[:DIR], e.g. git:main:supabase/migrations`);
  return { ref, dir: repositoryPath(dir, spec) };
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** DIR as a path inside the repository (`a/../b` → `b`); one that leaves it, is absolute, or holds control characters is refused. */
function repositoryPath(dir: string, spec: string): string {
  const normal = posix.normalize(dir.split('\\').join('/')).replace(/\/+$/, '') || '.';
  if (
    CONTROL.test(dir) ||
    posix.isAbsolute(normal) ||
    /^[A-Za-z]:/.test(normal) ||
    normal === '..' ||
    normal.startsWith('../')
  )
    throw new InputError(`${spec}: DIR must be a folder inside the repository, as a relative path`);
  return normal;
}

function git(args: string[], cwd: string, input?: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      input,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    });
  } catch (err) {
    const e = err as { stderr?: Buffer; code?: string };
    if (e.code === 'ENOENT') throw new InputError('git is not installed (needed for git:REF sources)');
    throw new InputError(`git ${args[0]}: ${(e.stderr?.toString() || String(err)).trim().split('\n')[0]}`);
  }
}

/** The repository's top folder, from `cwd`. */
export function gitRoot(cwd: string = process.cwd()): string {
  return git(['rev-parse', '--show-toplevel'], cwd).toString().trim();
}

/** Whether `ref` names a commit in the repository at `cwd`. */
export function resolveCommit(ref: string, cwd: string = process.cwd()): string {
  return commitAt(ref, gitRoot(cwd));
}

function commitAt(ref: string, root: string): string {
  if (CONTROL.test(ref)) throw new InputError(`${ref}: not a revision name (it holds a control character)`);
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root)
      .toString()
      .trim();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(`${ref}: no such commit in the repository at ${root}`);
  }
}

/** A file in a folder at a revision: its name, its path inside the repository and its blob id. */
export interface GitFile {
  name: string;
  path: string;
  blob: string;
}

/**
 * The files directly in `dir` at `ref`. A tree is the repository's to shape, not git's checkout's: an entry named
 * `.` or `..` (which `git mktree` accepts and `git checkout` refuses) or holding a control character cannot be
 * written into a folder as the file it claims to be, so it is refused the same way, by name.
 */
export function listAt(ref: string, dir: string, cwd: string = process.cwd()): GitFile[] {
  const root = gitRoot(cwd);
  const out = git(['ls-tree', '-z', '--full-tree', commitAt(ref, root), '--', `${dir}/`], root).toString();
  return out
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const tab = line.indexOf('\t');
      const [, type, blob] = line.slice(0, tab).split(' ');
      const path = line.slice(tab + 1);
      if (type !== 'blob') return [];
      const name = basename(path);
      if (name === '.' || name === '..' || CONTROL.test(name))
        throw new InputError(`${ref}: ${JSON.stringify(path)}: not a file name git can check out`);
      return [{ name, path, blob }];
    });
}

/**
 * Blobs' contents, in the order asked, from one `git cat-file --batch` (one process however many files: a process
 * per file cost 5–20 ms each, more where processes start slowly). The ids come from `ls-tree` and go on stdin.
 */
export function readBlobs(blobs: readonly string[], cwd: string = process.cwd()): Buffer[] {
  if (!blobs.length) return [];
  const out = git(['cat-file', '--batch'], cwd, `${blobs.join('\n')}\n`);
  const contents: Buffer[] = [];
  let at = 0;
  for (const blob of blobs) {
    // Each answer: "<id> <type> <size>\n<content>\n", or "<id> missing\n".
    const eol = out.indexOf(0x0a, at);
    const [, type, sizeText] = out
      .subarray(at, eol < 0 ? out.length : eol)
      .toString('utf8')
      .split(' ');
    if (eol < 0 || type !== 'blob') throw new InputError(`git cat-file: ${blob}: ${type ?? 'no answer'}`);
    const size = Number(sizeText);
    const end = eol + 1 + size;
    if (!Number.isSafeInteger(size) || size < 0 || end >= out.length || out[end] !== 0x0a)
      throw new InputError(`git cat-file: ${blob}: an answer cut short or out of step`);
    contents.push(out.subarray(eol + 1, end));
    at = end + 1;
  }
  return contents;
}

/** Files directly in `dir` at `ref`, with their contents. */
export function filesAt(ref: string, dir: string, cwd: string = process.cwd()): Array<GitFile & { content: Buffer }> {
  const listed = listAt(ref, dir, cwd);
  const contents = readBlobs(
    listed.map((f) => f.blob),
    cwd,
  );
  return listed.map((f, i) => ({ ...f, content: contents[i] }));
}

/** Writes files into a new temporary folder named like `dir`; the caller removes it with `cleanup`. */
export function writeCheckout(
  dir: string,
  files: ReadonlyArray<{ name: string; content: Buffer }>,
): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'schema-drift-git-'));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  const folder = join(root, basename(dir) || 'migrations');
  try {
    mkdirSync(folder);
    for (const f of files) writeFileSync(join(folder, f.name), f.content);
  } catch (err) {
    cleanup();
    throw err;
  }
  return { dir: folder, cleanup };
}

/** Writes the folder's files at `ref` into a new temporary folder; the caller removes it with `cleanup`. */
export function checkoutFolder(spec: GitRefSpec, cwd: string = process.cwd()): { dir: string; cleanup: () => void } {
  return writeCheckout(spec.dir, filesAt(spec.ref, spec.dir, cwd));
}
