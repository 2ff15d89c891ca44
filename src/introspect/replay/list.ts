/**
 * Which files of the migration folders are migrations, in the order they apply (as the Supabase CLI reads them),
 * and their text: UTF-8 (a byte-order mark is accepted), checked before anything runs.
 */
import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../errors.js';

export interface MigrationFile {
  path: string;
  version: string;
}

/** Only `<version>_<name>.sql` files are migrations, as for the Supabase CLI. */
const MIGRATION_NAME = /^(\d+)_.+\.sql$/;

/** Whether a file name is a migration's (`<version>_<name>.sql`): what the replay and `audit` both list. */
export function isMigrationName(name: string): boolean {
  return MIGRATION_NAME.test(name);
}

/**
 * The migrations of each folder in version order, folders in the order given. Other files are skipped with a
 * notice; a folder without any migration is an error unless `allowEmpty` (a new project compared with the
 * baseline alone), since a wrong path is the likelier cause.
 */
export function listMigrations(dirs: string[], notice: (msg: string) => void, allowEmpty = false): MigrationFile[] {
  const out: MigrationFile[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: not a directory`);
      names = readdirSync(dir);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(
        `${dir}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message}`,
      );
    }
    const files: MigrationFile[] = [];
    for (const name of names.sort()) {
      const m = MIGRATION_NAME.exec(name);
      if (m) files.push({ path: checkEntry(join(dir, name)), version: m[1] });
      else if (name.endsWith('.sql')) notice(`skipped ${join(dir, name)}: not a migration (<version>_<name>.sql)`);
    }
    if (files.length === 0) {
      if (!allowEmpty)
        throw new InputError(
          `${dir}: no migrations in this folder (files named <version>_<name>.sql); give --allow-empty to compare with the Supabase baseline alone`,
        );
      notice(`${dir}: no migrations in this folder`);
    }
    files.sort((a, b) => compareVersions(a.version, b.version) || (a.path < b.path ? -1 : 1));
    out.push(...files);
  }
  return out;
}

/** A migration entry must be a readable file (a link to one is fine). */
function checkEntry(path: string): string {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const link = (() => {
      try {
        return lstatSync(path).isSymbolicLink();
      } catch {
        return false;
      }
    })();
    if (link && (code === 'ENOENT' || code === 'ELOOP'))
      throw new InputError(`${path}: broken symbolic link (its target does not exist)`);
    throw new InputError(`${path}: cannot read (${code ?? (err as Error).message})`);
  }
  if (!isFile) throw new InputError(`${path}: is a directory or special file, not a migration file`);
  return path;
}

function compareVersions(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A migration's text. Not UTF-8, or a NUL byte (PostgreSQL would stop reading there): exit 2 naming the line. */
export function readMigration(path: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw new InputError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new InputError(`${path}: is UTF-16; migrations must be UTF-8`);
  }
  if (!isUtf8(buf)) {
    throw new InputError(
      `${path}:${lineOfByte(buf, firstInvalidUtf8(buf))}: not valid UTF-8; migrations must be UTF-8`,
    );
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) throw new InputError(`${path}:${lineOfByte(buf, nul)}: contains a NUL byte`);
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineOfByte(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = buf.indexOf(10); i !== -1 && i < offset; i = buf.indexOf(10, i + 1)) line++;
  return line;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let len: number;
    let min = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    else return i;
    if (len === 1) {
      i++;
      continue;
    }
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return buf.length;
}

/**
 * Whether `later`'s migrations, in replay order, begin with all of `first`'s unchanged (same names, same text):
 * how many they keep and how many they add. Undefined when later edits, removes or inserts before them. A replay of
 * first can then go on with the rest of later instead of later being replayed from the start.
 */
export function continuation(
  first: readonly { path: string; text: string }[],
  later: readonly { path: string; text: string }[],
): { kept: number; added: number } | undefined {
  const same = (i: number) =>
    later[i] !== undefined && basename(first[i].path) === basename(later[i].path) && first[i].text === later[i].text;
  if (!first.every((_, i) => same(i))) return undefined;
  return { kept: first.length, added: later.length - first.length };
}
