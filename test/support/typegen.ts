/** Types written by Supabase's own generator (@supabase/postgrest-typegen), the reference nobody here wrote. */
import pg from 'pg';
import { introspect } from '@supabase/postgrest-typegen/introspection';
import { generateTypescript, sortGeneratorMetadata } from '@supabase/postgrest-typegen/generation';

export async function generateTypes(
  url: string,
  schemas: string[],
  /** detectOneToOneRelationships: the `isOneToOne` of each Relationships entry, as `supabase gen types` writes it. */
  opts: { postgrestVersion?: string; detectOneToOneRelationships?: boolean } = {},
): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const metadata = await introspect(pool, { includedSchemas: schemas });
    return await generateTypescript(sortGeneratorMetadata(metadata), {
      postgrestVersion: opts.postgrestVersion,
      detectOneToOneRelationships: opts.detectOneToOneRelationships,
    });
  } finally {
    await pool.end();
  }
}
