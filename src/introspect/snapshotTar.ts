/**
 * Trimming a data-directory tarball (PGlite's dumpDataDir: ustar, 512-byte blocks) before it is stored. Only WAL
 * segments after the one holding the last checkpoint are removed: PostgreSQL keeps them as recycled, pre-named
 * files for later writes, and they would add megabytes to every snapshot and to every replay's memory.
 */

const BLOCK = 512;

interface Entry {
  name: string;
  /** Header plus data, padded to whole blocks. */
  start: number;
  end: number;
}

function field(header: Uint8Array, from: number, length: number): string {
  const bytes = header.subarray(from, from + length);
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
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
    out.push({ name, start: at, end });
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
