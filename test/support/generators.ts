/**
 * Every generation of Supabase's TypeScript generator, 2022 → today, as an oracle: each writes types.ts from one
 * database URL the way that release of `supabase gen types typescript` wrote it. Nobody here wrote these files,
 * so a check that gives findings on them (from an untouched database) is wrong, not the file.
 *
 * The four postgres-meta releases are dev-only npm aliases (`pgmeta-0xx`); their generator is the HTTP route's
 * body, called directly: introspection by `PostgresMeta` (≤ 0.64) or `getGeneratorMetadata` (≥ 0.83), then the
 * template's `apply`.
 */
import pg from 'pg';
import { introspect } from '@supabase/postgrest-typegen/introspection';
import { generateTypescript, sortGeneratorMetadata } from '@supabase/postgrest-typegen/generation';

export const GENERATORS = [
  'pgmeta-0.60.2',
  'pgmeta-0.64.6',
  'pgmeta-0.83.2',
  'pgmeta-0.91.6',
  'postgrest-typegen',
] as const;
export type Generator = (typeof GENERATORS)[number];

/** The year each release was current, for test names and corpus notes. */
export const GENERATOR_YEAR: Record<Generator, number> = {
  'pgmeta-0.60.2': 2022,
  'pgmeta-0.64.6': 2023,
  'pgmeta-0.83.2': 2024,
  'pgmeta-0.91.6': 2025,
  'postgrest-typegen': 2026,
};

type Result<T> = { data: T; error: null } | { data: null; error: { message: string } };
type Meta = Record<string, { list(opts?: object): Promise<Result<any[]>> }> & { end(): Promise<void> };
type Ctor = new (config: object) => Meta;

const POOL = { max: 1, connectionTimeoutMillis: 15_000 };

function unwrap<T>(r: Result<T>, what: string): T {
  if (r.error) throw new Error(`postgres-meta ${what}: ${r.error.message}`);
  return r.data as T;
}

/** 0.60 and 0.64: the route lists everything, then the template filters by schema. */
async function legacy(pkg: 'pgmeta-060' | 'pgmeta-064', url: string, schemas: string[]): Promise<string> {
  const { PostgresMeta } = (await import(`${pkg}/dist/lib/index.js`)) as { PostgresMeta: Ctor };
  const { apply } = await import(`${pkg}/dist/server/templates/typescript.js`);
  const meta = new PostgresMeta({ ...POOL, connectionString: url });
  try {
    const all = unwrap(await meta.schemas.list(), 'schemas');
    const tables = unwrap(await meta.tables.list(), 'tables');
    const views = unwrap(await meta.views.list(), 'views');
    const materializedViews =
      pkg === 'pgmeta-064'
        ? unwrap(await meta.materializedViews.list({ includeColumns: true }), 'materialized views')
        : undefined;
    const functions = unwrap(await meta.functions.list(), 'functions');
    const types = unwrap(await meta.types.list({ includeArrayTypes: true, includeSystemSchemas: true }), 'types');
    return await apply({
      schemas: all.filter(({ name }: { name: string }) => schemas.includes(name)),
      tables,
      views,
      ...(materializedViews ? { materializedViews } : {}),
      functions: functions.filter(
        ({ return_type }: { return_type: string }) => !['trigger', 'event_trigger'].includes(return_type),
      ),
      types: types.filter(({ name }: { name: string }) => name[0] !== '_'),
      arrayTypes: types.filter(({ name }: { name: string }) => name[0] === '_'),
    });
  } finally {
    await meta.end();
  }
}

/** 0.83 on: one metadata call; the Supabase CLI asks for one-to-one detection. */
async function modern(pkg: 'pgmeta-083' | 'pgmeta-091', url: string, schemas: string[]): Promise<string> {
  const { PostgresMeta } = (await import(`${pkg}/dist/lib/index.js`)) as { PostgresMeta: Ctor };
  const { getGeneratorMetadata } = await import(`${pkg}/dist/lib/generators.js`);
  const { apply } = await import(`${pkg}/dist/server/templates/typescript.js`);
  const meta = new PostgresMeta({ ...POOL, connectionString: url });
  try {
    const metadata: object = unwrap(
      await getGeneratorMetadata(meta, { includedSchemas: schemas, excludedSchemas: [] }),
      'metadata',
    );
    return await apply({ ...metadata, detectOneToOneRelationships: true });
  } finally {
    await meta.end();
  }
}

/**
 * Today's generator as `supabase gen types typescript` runs it (with one-to-one detection), on its own pool or
 * on one the caller keeps open (the fuzz test, to save a connection per file).
 */
async function today(url: string, schemas: string[], shared?: pg.Pool): Promise<string> {
  const pool = shared ?? new pg.Pool({ connectionString: url, max: 1 });
  try {
    const metadata = await introspect(pool, { includedSchemas: schemas });
    return await generateTypescript(sortGeneratorMetadata(metadata), { detectOneToOneRelationships: true });
  } finally {
    if (!shared) await pool.end();
  }
}

/** types.ts for `schemas` of the database at `url`, as `generator` writes it. */
export async function generateWith(
  generator: Generator,
  url: string,
  schemas: string[],
  opts: { pool?: pg.Pool } = {},
): Promise<string> {
  switch (generator) {
    case 'pgmeta-0.60.2':
      return legacy('pgmeta-060', url, schemas);
    case 'pgmeta-0.64.6':
      return legacy('pgmeta-064', url, schemas);
    case 'pgmeta-0.83.2':
      return modern('pgmeta-083', url, schemas);
    case 'pgmeta-0.91.6':
      return modern('pgmeta-091', url, schemas);
    case 'postgrest-typegen':
      return today(url, schemas, opts.pool);
  }
}

/** All five files from one database, by generator. */
export async function generateAll(url: string, schemas: string[]): Promise<Record<Generator, string>> {
  const out = {} as Record<Generator, string>;
  for (const g of GENERATORS) out[g] = await generateWith(g, url, schemas);
  return out;
}
