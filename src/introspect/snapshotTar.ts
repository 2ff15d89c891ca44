/**
 * The data-directory tarball (PGlite's dumpDataDir: ustar, 512-byte blocks): trimmed before it is stored, and
 * unpacked into the engine's in-memory file system at every start.
 *
 * Trimming removes only the WAL segments after the one holding the last checkpoint: PostgreSQL keeps them as
 * recycled, pre-named files for later writes, and they would add megabytes to every snapshot and to every
 * replay's memory.
 */

const BLOCK = 512;
const decoder = new TextDecoder();

interface Entry {
  name: string;
  /** Header plus data, padded to whole blocks. */
  start: number;
  end: number;
  /** ustar's type flag: '0' (or NUL) a file, '5' a directory; other kinds are not in a data directory. */
  type: string;
  /** The data's bytes: from `start + 512`, this many. */
  size: number;
}

function field(header: Uint8Array, from: number, length: number): string {
  const bytes = header.subarray(from, from + length);
  const nul = bytes.indexOf(0);
  return decoder.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/** The tarball's entries; stops at the end-of-archive block. */
export function tarEntries(tar: Uint8Array): Entry[] {
  const out: Entry[] = [];
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) throw new Error(`unreadable tar header at byte ${at}`);
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (end > tar.length) throw new Error(`truncated tar entry ${name}`);
    out.push({ name, start: at, end, type: String.fromCharCode(header[156] || 48), size });
    at = end;
  }
  return out;
}

/** The tarball without the WAL segments that come after `redoSegment` (a 24-hex-digit WAL file name). */
export function withoutRecycledWal(tar: Uint8Array, redoSegment: string): Uint8Array {
  if (!/^[0-9A-F]{24}$/.test(redoSegment)) throw new Error(`not a WAL segment name: ${redoSegment}`);
  const kept = tarEntries(tar).filter((e) => {
    const m = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(e.name);
    return !m || m[1] <= redoSegment;
  });
  const size = kept.reduce((n, e) => n + e.end - e.start, 0) + 2 * BLOCK;
  const out = new Uint8Array(size);
  let at = 0;
  for (const e of kept) {
    out.set(tar.subarray(e.start, e.end), at);
    at += e.end - e.start;
  }
  return out; // the trailing two blocks are already zero
}

/** The few calls of Emscripten's FS that unpacking needs. */
export interface UnpackTarget {
  /** Creates the folder and any missing parents (the root's parents may exist). */
  mkdirTree(path: string): unknown;
  /** Creates one folder whose parent exists. */
  mkdir(path: string): unknown;
  writeFile(path: string, data: Uint8Array, opts: { canOwn: boolean }): void;
}

/** Files without which the archive is no data directory (PGlite would run initdb over it instead, silently). */
const REQUIRED = ['PG_VERSION', 'global/pg_control'];

/**
 * Writes the tarball's directories and files under `root` (which must not exist yet). Files take views into the
 * tarball's bytes instead of copies (`canOwn`), so the caller hands the bytes over and must not use them again.
 * PGlite's own loader does the same job about 0.2 s slower: it reads the whole archive into objects first, and
 * looks up every parent of every path. Names that climb out of the root (`..`) or are not plain files or
 * directories are refused, and so is an archive without a data directory's PG_VERSION and pg_control: the bytes
 * have passed the checksum, but the unpacking takes nothing on trust.
 */
export function unpackTar(fs: UnpackTarget, root: string, tar: Uint8Array): number {
  const made = new Set<string>([root]);
  const written = new Set<string>();
  // Emscripten's FS errors carry an errno and no message: name the entry instead.
  const attempt = (what: string, name: string, fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      const detail = (err as { errno?: number }).errno ?? (err as Error).message;
      throw new Error(`cannot unpack the snapshot: ${what} ${name} failed (${detail})`, { cause: err });
    }
  };
  attempt('creating', root, () => fs.mkdirTree(root));
  const dir = (path: string): void => {
    if (made.has(path)) return;
    dir(path.slice(0, path.lastIndexOf('/')));
    attempt('creating', path, () => fs.mkdir(path));
    made.add(path);
  };
  for (const e of tarEntries(tar)) {
    const parts = e.name.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.some((p) => p === '..')) throw new Error(`tar entry climbs out of the data directory: ${e.name}`);
    const path = [root, ...parts].join('/');
    if (e.type === '5') {
      dir(path);
    } else if (e.type === '0') {
      if (!parts.length) throw new Error(`tar file entry without a name at byte ${e.start}`);
      dir(path.slice(0, path.lastIndexOf('/')));
      const data = tar.subarray(e.start + BLOCK, e.start + BLOCK + e.size);
      attempt('writing', path, () => fs.writeFile(path, data, { canOwn: true }));
      written.add(parts.join('/'));
    } else {
      throw new Error(`tar entry of an unexpected kind (${JSON.stringify(e.type)}): ${e.name}`);
    }
  }
  const missing = REQUIRED.filter((f) => !written.has(f));
  if (missing.length) throw new Error(`the snapshot is not a data directory: no ${missing.join(', ')}`);
  return written.size;
}
