/**
 * Supabase's documented override pattern (`MergeDeep<DatabaseGenerated, {…}>` from type-fest): the generated file
 * is what is compared; each override must still name something real.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleOverrides } from '../src/diff/overrides.js';
import { parseTypesFile } from '../src/typeparse/parseTypes.js';

const FIXTURE_TYPES = fileURLToPath(new URL('../fixtures/creator-platform/lib/supabase/types.ts', import.meta.url));

function layout(overrideBody: string, importPath = './database-generated.types') {
  const dir = mkdtempSync(join(tmpdir(), 'sd-mergedeep-'));
  mkdirSync(join(dir, 'types'));
  copyFileSync(FIXTURE_TYPES, join(dir, 'types', 'database-generated.types.ts'));
  const file = join(dir, 'types', 'database.types.ts');
  writeFileSync(
    file,
    [
      "import type { MergeDeep } from 'type-fest'",
      `import type { Database as DatabaseGenerated } from '${importPath}'`,
      "export type { Json } from './database-generated.types'",
      '',
      'export type Database = MergeDeep<',
      '  DatabaseGenerated,',
      overrideBody,
      '>',
      '',
    ].join('\n'),
  );
  return file;
}

const GOOD = `  {
    public: {
      Tables: {
        stories: {
          Row: {
            title: string
          }
        }
      }
      Functions: {
        calculate_creator_earnings: { Returns: number }
      }
    }
  }`;

describe('MergeDeep override files', () => {
  it('reads the generated file through the override file, and the overrides with their lines', async () => {
    const file = layout(GOOD);
    const model = await parseTypesFile(file);
    const direct = await parseTypesFile(FIXTURE_TYPES);
    expect(model.tables.map((t) => t.name)).toEqual(direct.tables.map((t) => t.name));
    expect(model.generatedFrom).toMatch(/database-generated\.types\.ts$/);
    expect(model.tables[0].location?.file).toMatch(/database-generated\.types\.ts$/);
    expect(
      model.overrides?.tables.map((t) => [t.name, t.location?.line, t.columns.map((c) => [c.name, c.location?.line])]),
    ).toEqual([['stories', 10, [['title', 12]]]]);
    expect(model.overrides?.functions.map((f) => f.name)).toEqual(['calculate_creator_earnings']);
  });

  it('accepts an import written with .js or without an extension', async () => {
    for (const spec of ['./database-generated.types.js', './database-generated.types']) {
      expect((await parseTypesFile(layout(GOOD, spec))).tables.length).toBeGreaterThan(10);
    }
  });

  it('an override of something real is not a finding; a stale one is, at its line', async () => {
    const stale = layout(`  {
    public: {
      Tables: {
        stories: { Row: { title: string; subtitle: string } }
        old_table: { Row: { id: number } }
      }
      Views: { gone_view: { Row: { id: number } } }
      Functions: { calculate_creator_earnings: { Returns: number }; removed_fn: { Returns: number } }
    }
  }`);
    const model = await parseTypesFile(stale);
    // The generated model stands in for the database here: it is what the database had when it was written.
    const db = await parseTypesFile(FIXTURE_TYPES);
    expect(staleOverrides(await parseTypesFile(layout(GOOD)), db)).toEqual([]);
    const found = staleOverrides(model, db).map((f) => [f.code, f.object, f.column ?? null, f.location?.line]);
    expect(found).toEqual([
      ['types_override_stale', 'stories', 'subtitle', 10],
      ['types_override_stale', 'old_table', null, 11],
      ['types_override_stale', 'gone_view', null, 13],
      ['types_override_stale', 'removed_fn', null, 14],
    ]);
  });

  it('says which import is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-mergedeep-'));
    const file = join(dir, 'db.ts');
    writeFileSync(
      file,
      "import type { MergeDeep } from 'type-fest'\nexport type Database = MergeDeep<Gen, { public: {} }>\n",
    );
    await expect(parseTypesFile(file)).rejects.toThrow(/db\.ts:2: cannot find where Gen is imported from/);
  });
});
