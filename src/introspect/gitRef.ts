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

function git(args: string[], cwd: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  } catch (err) {
    const e = err as { stderr?: Buffer; code?: string };
    if (e.code === 'ENOENT') throw new InputError('git is not installed (needed for git:REF sources)');
    throw new InputError(`git ${args[0]}: ${(e.stderr?.toString() ?? String(err)).trim().split('\n')[0]}`);
  }
}

/** The repository's top folder, from `cwd`. */
export function gitRoot(cwd: string = process.cwd()): string {
  return git(['rev-parse', '--show-toplevel'], cwd).toString().trim();
}

/** Whether `ref` names a commit in the repository at `cwd`. */
export function resolveCommit(ref: string, cwd: string = process.cwd()): string {
  if (CONTROL.test(ref)) throw new InputError(`${ref}: not a revision name (it holds a control character)`);
  const root = gitRoot(cwd);
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root)
      .toString()
      .trim();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(`${ref}: no such commit in the repository at ${root}`);
  }
}

/** Files directly in `dir` at `ref`, by name: path inside the repository and blob id. */
export function listAt(
  ref: string,
  dir: string,
  cwd: string = process.cwd(),
): Array<{ name: string; path: string; blob: string }> {
  const commit = resolveCommit(ref, cwd);
  const out = git(['ls-tree', '-z', '--full-tree', commit, '--', `${dir}/`], gitRoot(cwd)).toString();
  return out
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const [meta, path] = line.split('\t');
      const [, type, blob] = meta.split(' ');
      return type === 'blob' ? [{ name: basename(path), path, blob }] : [];
    });
}

export function readBlob(blob: string, cwd: string = process.cwd()): Buffer {
  return git(['cat-file', 'blob', blob], cwd);
}

/** Writes the folder's files at `ref` into a new temporary folder; the caller removes it with `cleanup`. */
export function checkoutFolder(spec: GitRefSpec, cwd: string = process.cwd()): { dir: string; cleanup: () => void } {
  const files = listAt(spec.ref, spec.dir, cwd);
  const root = mkdtempSync(join(tmpdir(), 'schema-drift-git-'));
  const dir = join(root, basename(spec.dir) || 'migrations');
  mkdirSync(dir);
  for (const f of files) writeFileSync(join(dir, f.name), readBlob(f.blob, cwd));
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
