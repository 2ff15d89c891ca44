import type { TestDatabase } from './db.js';

/** Which extensions the server can create. */
export async function hasExtensionOn(db: TestDatabase): Promise<(name: string) => boolean> {
  const rows = await db.query<{ name: string }>('select name from pg_available_extensions');
  const names = new Set(rows.map((r) => r.name));
  return (name) => names.has(name);
}
