/**
 * Where the migration goes: named after the folder's convention (`NNN_slug.sql` continuing a numbered folder,
 * `YYYYMMDDHHMMSS_slug.sql` as the Supabase CLI names them otherwise), written atomically, never over a file.
 */
import { linkSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

const SLUG = /^[a-z0-9][a-z0-9_]*$/;
/** Up to 6 digits: a sequence; 14: a timestamp (Supabase CLI). */
const NUMBERED = /^(\d{1,6})_.+\.sql$/;

export function checkSlug(slug: string): string {
  if (!SLUG.test(slug) || slug.length > 100)
    throw new InputError(
      `--name ${JSON.stringify(slug)}: use lower-case letters, digits and _ (it becomes a file name)`,
    );
  return slug;
}

/** The next file name in `dir` (which may not exist yet). */
export function migrationFileName(dir: string, slug: string, now: Date = new Date()): string {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.sql'));
  } catch {
    /* a new folder: timestamps */
  }
  const numbered = names.map((n) => NUMBERED.exec(n)).filter((m): m is RegExpExecArray => m !== null);
  if (numbered.length && numbered.length === names.filter((n) => /^\d+_/.test(n)).length) {
    const width = Math.max(...numbered.map((m) => m[1].length));
    const next = Math.max(...numbered.map((m) => Number(m[1]))) + 1;
    return `${String(next).padStart(width, '0')}_${slug}.sql`;
  }
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}_${slug}.sql`;
}

/** Writes `text` to `path` whole or not at all, and never over an existing file (link fails if it exists). */
export function writeNewFileAtomically(path: string, text: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.schema-drift-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new InputError(`${path}: already exists; not overwritten`);
    throw new InputError(`${path}: cannot write: ${(err as Error).message}`);
  } finally {
    unlinkSync(tmp);
  }
}
