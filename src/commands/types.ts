/**
 * `schema-drift types`: types.ts from the database, byte-identical to Supabase's generator because it is
 * Supabase's generator (@supabase/postgrest-typegen), run over the source's open session: the live connection
 * (read-only), the embedded PGlite after the migrations, or the shadow database.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { InputError } from '../errors.js';
import { readSource, type DatabaseSource, type Queryable } from '../introspect/source.js';

export interface TypesOptions {
  source: DatabaseSource;
  /** Default: public, as `supabase gen types` does. */
  schemas?: string[];
  progress?: (msg: string) => void;
  notice?: (msg: string) => void;
}

export async function generateTypes(opts: TypesOptions): Promise<string> {
  const schemas = opts.schemas?.length ? opts.schemas : ['public'];
  let text: string | undefined;
  const snapshot = await readSource(opts.source, {
    progress: opts.progress,
    notice: opts.notice,
    session: async (db: Queryable) => {
      const { introspect } = await import('@supabase/postgrest-typegen/introspection');
      const { generateTypescript, sortGeneratorMetadata } = await import('@supabase/postgrest-typegen/generation');
      // As `supabase gen types` runs it: the CLI asks for isOneToOne unless --postgrest-v9-compat.
      text = await generateTypescript(sortGeneratorMetadata(await introspect(db, { includedSchemas: schemas })), {
        detectOneToOneRelationships: true,
      });
    },
  });
  const known = new Set(snapshot.rows.SCHEMAS.map((s) => s.name));
  const unknown = schemas.filter((s) => !known.has(s));
  if (unknown.length) throw new InputError(`--schema ${unknown.join(', ')}: no such schema in the database`);
  return text!;
}

/** Whether `file` holds exactly `text` (a missing file differs). */
export function sameAsFile(file: string, text: string): boolean {
  try {
    return readFileSync(file, 'utf8') === text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new InputError(`${file}: ${(err as Error).message}`);
  }
}

/** Replaces `file` whole: a reader sees the old file or the new one, never half of one. */
export function writeFileAtomically(file: string, text: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.schema-drift-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  renameSync(tmp, file);
}
