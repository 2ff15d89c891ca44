/** Project discovery on temporary folders laid out like real Supabase apps. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import {
  chooseTypesFile,
  declarativeSchemaFiles,
  findProject,
  localDatabaseUrl,
  TYPES_CANDIDATES,
} from '../src/supabase/project.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sd-discover-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CONFIG_TOML = `project_id = "app"\n[api]\nenabled = true\nport = 54321\nschemas = ["public", "graphql_public", "billing"]\n\n[db]\nport = 54999\nmajor_version = 15\n`;

describe('project discovery', () => {
  it('finds the root from a subfolder and reads config.toml', () => {
    const root = project({
      'supabase/config.toml': CONFIG_TOML,
      'supabase/migrations/001_a.sql': '',
      'src/app/page.tsx': '',
      'package.json': '{}',
    });
    const p = findProject(join(root, 'src', 'app'));
    expect(p.root).toBe(root);
    expect(p.marker).toBe(join('supabase', 'config.toml'));
    expect(p.supabase).toEqual({ apiSchemas: ['public', 'graphql_public', 'billing'], dbPort: 54999 });
    expect(p.migrationsDir).toBe(join(root, 'supabase', 'migrations'));
    expect(localDatabaseUrl(p)).toBe('postgresql://postgres:postgres@127.0.0.1:54999/postgres');
  });

  it('prefers supabase/config.toml over a nearer package.json (a monorepo package)', () => {
    const root = project({ 'supabase/config.toml': '', 'apps/web/package.json': '{}' });
    expect(findProject(join(root, 'apps', 'web')).root).toBe(root);
  });

  it('falls back to schema-drift.config.json, then package.json', () => {
    const a = project({ 'schema-drift.config.json': '{}', 'x/package.json': '{}' });
    expect(findProject(join(a, 'x')).root).toBe(a);
    const b = project({ 'package.json': '{}', 'deep/er/file': '' });
    expect(findProject(join(b, 'deep', 'er')).marker).toBe('package.json');
  });

  it('uses 54322 when config.toml names no port', () => {
    const root = project({ 'supabase/config.toml': '[api]\nschemas = ["public"]\n' });
    expect(localDatabaseUrl(findProject(root))).toBe('postgresql://postgres:postgres@127.0.0.1:54322/postgres');
  });

  it('reports a config.toml that is not TOML, or has wrong types, with the file', () => {
    const bad = project({ 'supabase/config.toml': '[api\nschemas = 1' });
    expect(() => findProject(bad)).toThrow(InputError);
    expect(() => findProject(bad)).toThrow(/config\.toml.*not valid TOML/);
    const wrong = project({ 'supabase/config.toml': '[api]\nschemas = "public"\n' });
    expect(() => findProject(wrong)).toThrow(/api\.schemas: expected an array of strings/);
  });

  it.each(TYPES_CANDIDATES.map((c) => [c]))('finds types at %s and says so', (candidate) => {
    const root = project({ 'supabase/config.toml': '', [candidate]: 'export type Database = {}' });
    expect(chooseTypesFile(findProject(root))).toEqual({ file: join(root, candidate), how: 'found' });
  });

  it('asks for --types when two candidates exist', () => {
    const root = project({ 'supabase/config.toml': '', 'database.types.ts': '', 'src/types/supabase.ts': '' });
    expect(() => chooseTypesFile(findProject(root))).toThrow(
      /more than one types file \(database\.types\.ts, src\/types\/supabase\.ts\).*--types/,
    );
  });

  it('the flag wins, then the config; none found is undefined', () => {
    const root = project({ 'supabase/config.toml': '', 'database.types.ts': '' });
    expect(chooseTypesFile(findProject(root), 'mine.ts')).toEqual({ file: 'mine.ts', how: 'flag' });
    expect(chooseTypesFile(findProject(root), undefined, 'x/y.ts')).toEqual({
      file: join(root, 'x/y.ts'),
      how: 'config',
    });
    expect(chooseTypesFile(findProject(project({ 'package.json': '{}' })))).toBeUndefined();
  });

  it('lists declarative schema files in name order', () => {
    const root = project({
      'supabase/config.toml': '',
      'supabase/schemas/b.sql': '',
      'supabase/schemas/a.sql': '',
      'supabase/schemas/notes.md': '',
    });
    expect(declarativeSchemaFiles(findProject(root)).map((f) => f.slice(root.length))).toEqual([
      '/supabase/schemas/a.sql',
      '/supabase/schemas/b.sql',
    ]);
  });
});
